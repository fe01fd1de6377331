import { describe, expect, test } from 'vitest';
import type { Browser } from 'wxt/browser';
import { isReading, isTrustedSender, mayAsk, senderKind } from '../../lib/background/sender';
import { Message } from '../../lib/messages';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';

const LIST = {
  type: 'portal/certificates-seen',
  certificates: [{ number: '2205110000300127', qualification: '社会工作者', level: '中级', approvalDate: '2022-11-30', status: 'valid' }],
};

const VALID: unknown[] = [
  LIST,
  { type: 'portal/annotation-seen', reading: { certificateNumber: 'X-1', state: 'valid', validFrom: '2026-12-01', validUntil: '2027-02-28' } },
  { type: 'portal/annotation-seen', reading: { state: 'none' } },
  { type: 'portal/annotation-applied', certificateNumber: 'X-1', validityDays: 90, scenario: '本人调用' },
  { type: 'guide/context' },
  { type: 'guide/context', certificateNumber: 'X-1' },
  { type: 'settings/update', patch: { language: 'en', reminderHour: 20 } },
  { type: 'data/changed' },
];

describe('Message: the one union every message must parse as', () => {
  test.each(VALID.map((m) => [(m as { type: string }).type, m]))('accepts a well-formed %s', (_type, message) => {
    expect(Message.safeParse(message).success).toBe(true);
  });

  test('text read from the portal is trimmed on the way in', () => {
    const parsed = Message.parse({ ...LIST, certificates: [{ ...LIST.certificates[0], number: '  2205110000300127 ' }] });
    expect(parsed.type === 'portal/certificates-seen' && parsed.certificates[0]!.number).toBe('2205110000300127');
  });

  test.each([
    ['an unknown type', { type: 'portal/delete-everything' }],
    ['no type', { certificates: [] }],
    ['a type of the wrong kind', { type: 42 }],
    ['null', null],
    ['a string', 'data/changed'],
    ['an array', [{ type: 'data/changed' }]],
  ])('rejects %s', (_what, message) => {
    expect(Message.safeParse(message).success).toBe(false);
  });

  test.each([
    ['at the top', { type: 'data/changed', extra: true }],
    ['in a certificate row', { ...LIST, certificates: [{ ...LIST.certificates[0], password: 'x' }] }],
    ['in a reading', { type: 'portal/annotation-seen', reading: { state: 'none', html: '<b>' } }],
    ['in a settings patch', { type: 'settings/update', patch: { evil: 1 } }],
    ['named __proto__', JSON.parse('{"type":"data/changed","__proto__":{"polluted":true}}')],
  ])('rejects extra keys %s', (_where, message) => {
    expect(Message.safeParse(message).success).toBe(false);
  });

  test.each(['2026-02-30', '2027-02-29', '2026/12/01', '2026-12-1', '20261201', ''])('rejects the date %j', (date) => {
    expect(Message.safeParse({ ...LIST, certificates: [{ ...LIST.certificates[0], approvalDate: date }] }).success).toBe(false);
    expect(Message.safeParse({ type: 'portal/annotation-seen', reading: { state: 'valid', validUntil: date } }).success).toBe(false);
  });

  test('accepts 29 February in a leap year', () => {
    expect(Message.safeParse({ type: 'portal/annotation-seen', reading: { state: 'valid', validUntil: '2028-02-29' } }).success).toBe(true);
  });

  test.each([
    ['validity over 90 days', { type: 'portal/annotation-applied', validityDays: 91, scenario: '本人调用' }],
    ['validity of 0 days', { type: 'portal/annotation-applied', validityDays: 0, scenario: '本人调用' }],
    ['a fractional validity', { type: 'portal/annotation-applied', validityDays: 1.5, scenario: '本人调用' }],
    ['an empty scenario', { type: 'portal/annotation-applied', validityDays: 30, scenario: '  ' }],
    ['an unknown status', { ...LIST, certificates: [{ ...LIST.certificates[0], status: 'revoked' }] }],
    ['an unknown page state', { type: 'portal/annotation-seen', reading: { state: 'maybe' } }],
    ['an over-long certificate number', { type: 'guide/context', certificateNumber: 'x'.repeat(65) }],
    ['too many rows', { type: 'portal/certificates-seen', certificates: Array.from({ length: 501 }, () => LIST.certificates[0]) }],
    ['an out-of-range setting', { type: 'settings/update', patch: { reminderHour: 24 } }],
  ])('rejects %s', (_what, message) => {
    expect(Message.safeParse(message).success).toBe(false);
  });
});

describe('isTrustedSender: only this extension talks to the background', () => {
  const cases: [string, Browser.runtime.MessageSender, boolean][] = [
    ['its own popup page', { id: OWN_ID, url: `chrome-extension://${OWN_ID}/popup.html` }, true],
    ['its own content script on the portal', { id: OWN_ID, url: 'https://zs.cpta.com.cn/certMng/x.jsp', tab: { id: 3 } as Browser.tabs.Tab, frameId: 0 }, true],
    ['another extension', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/bg.js' }, false],
    ['another extension claiming our page', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: `chrome-extension://${OWN_ID}/popup.html` }, false],
    ['a web page (no extension id)', { url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 4 } as Browser.tabs.Tab }, false],
    ['a sender with nothing', {}, false],
    ['our id from a page outside the portal (a content script cannot be there)', { id: OWN_ID, url: 'https://cpta.com.cn.evil.example/x', tab: { id: 5 } as Browser.tabs.Tab }, false],
    ['our id from a file or data page', { id: OWN_ID, url: 'file:///tmp/x.html' }, false],
    ['our id with a URL that does not parse', { id: OWN_ID, url: 'not a url' }, false],
    ['its own content script on the MOHRSS mirror', { id: OWN_ID, url: 'http://cpta.mohrss.gov.cn/index.html', tab: { id: 6 } as Browser.tabs.Tab }, true],
  ];
  test.each(cases)('%s', (_who, sender, trusted) => {
    expect(isTrustedSender(sender, OWN_ID)).toBe(trusted);
  });

  test('an empty own id trusts no one without an id', () => {
    expect(isTrustedSender({ url: 'https://evil.example/' }, '')).toBe(false);
  });

  test("Firefox: its own pages are at moz-extension://<another uuid>/, given as the own origin", () => {
    const origin = 'moz-extension://2b7c1b1e-0a6e-4c59-9a4e-6f0f2f7b9d11';
    expect(isTrustedSender({ id: OWN_ID, url: `${origin}/popup.html` }, OWN_ID, origin)).toBe(true);
    expect(isTrustedSender({ id: OWN_ID, url: 'moz-extension://00000000-0000-0000-0000-000000000000/popup.html' }, OWN_ID, origin)).toBe(false);
  });
});

describe('who may ask what (lib/background/sender.ts)', () => {
  const portal = { id: OWN_ID, url: 'https://zs.cpta.com.cn/certMng/x.jsp', tab: { id: 3 } as Browser.tabs.Tab, frameId: 0 };
  const popup = { id: OWN_ID, url: `chrome-extension://${OWN_ID}/popup.html` };
  const parse = (m: unknown) => Message.parse(m);

  test('the portal\'s content script is "portal", the extension\'s own pages "extension"', () => {
    expect(senderKind(portal, OWN_ID)).toBe('portal');
    expect(senderKind(popup, OWN_ID)).toBe('extension');
    expect(senderKind({ id: OWN_ID, url: 'https://zs.cpta.com.cn/x' }, OWN_ID)).toBeNull();
    expect(senderKind({ id: OWN_ID, tab: { id: 3 } as Browser.tabs.Tab }, OWN_ID)).toBeNull();
  });

  test('a portal page may send readings and the panel\'s two preferences, nothing else', () => {
    expect(mayAsk('portal', parse({ type: 'portal/annotation-seen', reading: { state: 'valid' } }))).toBe(true);
    expect(mayAsk('portal', parse({ type: 'guide/context' }))).toBe(true);
    expect(mayAsk('portal', parse({ type: 'settings/update', patch: { panelCollapsed: true } }))).toBe(true);
    expect(mayAsk('portal', parse({ type: 'settings/update', patch: { rememberPages: true } }))).toBe(true);
    expect(mayAsk('portal', parse({ type: 'settings/update', patch: { remindersEnabled: false } }))).toBe(false);
    expect(mayAsk('portal', parse({ type: 'settings/update', patch: { panelCollapsed: true, reminderHour: 3 } }))).toBe(false);
    expect(mayAsk('portal', parse({ type: 'data/changed' }))).toBe(false);
    expect(mayAsk('extension', parse({ type: 'data/changed' }))).toBe(true);
    expect(mayAsk('extension', parse({ type: 'settings/update', patch: { remindersEnabled: false } }))).toBe(true);
  });

  test('readings are the rate-limited ones', () => {
    expect(isReading(parse({ type: 'portal/certificates-seen', certificates: [] }))).toBe(true);
    expect(isReading(parse({ type: 'guide/context' }))).toBe(false);
  });
});
