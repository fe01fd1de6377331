// Messages are typed both ways (lib/messages.ts `Replies`): checked by the compiler when
// tsc runs over the tests; the runtime part shows the router's answers fit the same map.
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { Answer, MessageType, Replies } from '../../lib/messages';
import type { Send } from '../../lib/guide/messaging';
import type { GuideContext, RecordResult } from '../../lib/guide/protocol';

describe('send() is typed by the message map', () => {
  test('the answer is the reply of the message type sent', () => {
    const send = (() => Promise.resolve(undefined)) as Send;
    expectTypeOf(send({ type: 'guide/context' })).resolves.toEqualTypeOf<GuideContext | { ok: false; reason: 'error' } | undefined>();
    expectTypeOf(send({ type: 'portal/annotation-seen', reading: { state: 'valid' } })).resolves.toEqualTypeOf<Answer<'portal/annotation-seen'>>();
    expectTypeOf<Replies['portal/certificates-seen']>().toEqualTypeOf<RecordResult>();
    // @ts-expect-error a field the message does not have
    void send({ type: 'guide/context', bogus: 1 });
    // @ts-expect-error a message type that does not exist
    void send({ type: 'guide/nothing' });
    // @ts-expect-error a required field missing
    void send({ type: 'guide/step-seen' });
  });

  test('every message type has a reply in the map', () => {
    expectTypeOf<keyof Replies>().toEqualTypeOf<MessageType>();
  });
});

import { Message } from '../../lib/messages';

describe('what a frame sends is what the panel reads', () => {
  test("a frame's annotation note keeps its last day and change, and a report its last-day question", () => {
    const note = { kind: 'annotation', state: 'valid', validUntil: '2026-05-01', lastDay: 'portal', change: 'conflict', pageUntil: '2026-05-02' };
    expect(Message.safeParse({ type: 'guide/frame-note', note }).success).toBe(true);
    expect(Message.safeParse({ type: 'guide/frame-note', note: { kind: 'problem', reason: 'bad-date' } }).success).toBe(true);
    const report = { step: 'annotation', specificity: 5, hasTarget: false, lines: [], readingProblems: [], showsRecords: true, certificateCount: 0, lastDayAsked: { candidates: ['2026-05-01'] } };
    expect(Message.safeParse({ type: 'guide/frame-report', token: 'abcdef0123456789', report, rect: null }).success).toBe(true);
  });
});
