import { describe, expect, test } from 'vitest';
import {
  mergeCertificate,
  planAnnotationApplied,
  planAnnotationSeen,
  planLastDayGiven,
  quotaView,
} from '../../../lib/background/portal-records';
import { quotaOn } from '../../../lib/model/quota';
import { AnnotationSchema, type Annotation } from '../../../lib/model/schemas';
import type { Certificate } from '../../../lib/model/certificate';
import { startOfBeijingDay } from '../../../lib/dates/beijing';

const NUMBER = '2205110000300127';
/** 10:00 Beijing time on a day. */
const at = (day: string, hour = 10) => startOfBeijingDay(day) + hour * 3_600_000;
const NOW = at('2026-03-10');
let ids = 0;
const newId = () => `id-${++ids}`;

function annotation(over: Partial<Annotation> = {}): Annotation {
  return AnnotationSchema.parse({
    id: 'a1',
    certificateNumber: NUMBER,
    appliedAt: at('2026-03-01'),
    appliedAtEstimated: false,
    validityDays: 90,
    scenario: '本人调用',
    state: 'generating',
    validFrom: { date: '2026-03-01', source: 'estimated' },
    validUntil: { date: '2026-05-29', source: 'estimated' },
    source: 'portal',
    updatedAt: at('2026-03-01'),
    ...over,
  });
}

describe('mergeCertificate', () => {
  const existing: Certificate = {
    number: NUMBER,
    qualification: '社会工作者职业资格',
    level: '中级',
    approvalDate: '2022-11-30',
    status: 'valid',
    annotationRequired: false,
    source: 'manual',
    createdAt: 1000,
    updatedAt: 1000,
  };

  test('a new row becomes a portal certificate created now', () => {
    const c = mergeCertificate(undefined, { number: NUMBER, qualification: '经济专业技术资格', status: 'valid' }, NOW);
    expect(c).toEqual({ number: NUMBER, qualification: '经济专业技术资格', status: 'valid', source: 'portal', createdAt: NOW, updatedAt: NOW });
  });

  test('a known certificate keeps createdAt and the holder\'s own choice, takes the new status and fields', () => {
    const c = mergeCertificate(existing, { number: NUMBER, qualification: '社会工作者职业资格', status: 'withdrawn' }, NOW);
    expect(c).toMatchObject({ createdAt: 1000, updatedAt: NOW, status: 'withdrawn', level: '中级', approvalDate: '2022-11-30', annotationRequired: false, source: 'portal' });
  });

  test('a status the page did not make clear does not overwrite a known one', () => {
    expect(mergeCertificate(existing, { number: NUMBER, qualification: 'x', status: 'unknown' }, NOW).status).toBe('valid');
  });
});

describe('planAnnotationSeen', () => {
  test('"none" records nothing', () => {
    expect(planAnnotationSeen([], NUMBER, { state: 'none' }, NOW, newId)).toEqual({ change: 'unchanged', record: undefined });
  });

  test('generating with nothing stored: an estimated application, no duplicate when seen again', () => {
    const first = planAnnotationSeen([], NUMBER, { state: 'generating' }, NOW, newId);
    expect(first.change).toBe('created');
    if (first.change !== 'created') return;
    expect(first.record).toMatchObject({ state: 'generating', appliedAt: NOW, appliedAtEstimated: true, certificateNumber: NUMBER });
    expect(AnnotationSchema.safeParse(first.record).success).toBe(true);
    const again = planAnnotationSeen([first.record], NUMBER, { state: 'generating' }, NOW + 60_000, newId);
    expect(again.change).toBe('unchanged');
  });

  test('valid with dates: the portal\'s dates replace the estimates of the generating record', () => {
    const cur = annotation();
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'valid', validFrom: '2026-03-02', validUntil: '2026-05-30' }, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record).toMatchObject({
      id: 'a1',
      state: 'valid',
      validFrom: { date: '2026-03-02', source: 'portal' },
      validUntil: { date: '2026-05-30', source: 'portal' },
      validityDays: 90,
      appliedAt: cur.appliedAt,
    });
  });

  test('the same valid page seen again changes nothing', () => {
    const cur = annotation({
      state: 'valid',
      validFrom: { date: '2026-03-02', source: 'portal' },
      validUntil: { date: '2026-05-30', source: 'portal' },
    });
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'valid', validFrom: '2026-03-02', validUntil: '2026-05-30' }, NOW + 86_400_000, newId);
    expect(plan.change).toBe('unchanged');
  });

  test('valid dates unlike the stored portal dates are a new annotation, with an estimated application time', () => {
    const old = annotation({
      state: 'expired',
      appliedAt: at('2025-10-01'),
      validFrom: { date: '2025-10-02', source: 'portal' },
      validUntil: { date: '2025-12-30', source: 'portal' },
    });
    const plan = planAnnotationSeen([old], NUMBER, { state: 'valid', validFrom: '2026-03-05', validUntil: '2026-04-03' }, NOW, newId);
    expect(plan.change).toBe('created');
    if (plan.change !== 'created') return;
    expect(plan.record).toMatchObject({
      state: 'valid',
      appliedAtEstimated: true,
      appliedAt: startOfBeijingDay('2026-03-05'),
      validityDays: 30,
      validFrom: { date: '2026-03-05', source: 'portal' },
    });
  });

  test('a valid page without a readable last day is remembered valid, last day unknown (never dropped, never guessed)', () => {
    const plan = planAnnotationSeen([], NUMBER, { state: 'valid', validity: 'ask' }, NOW, newId);
    expect(plan.change).toBe('created');
    if (plan.change !== 'created') return;
    expect(plan.record).toMatchObject({
      state: 'valid',
      // Counted for the quota as if applied today: it cannot have been later.
      appliedAt: NOW,
      appliedAtEstimated: true,
      validFrom: { date: '2026-03-10', source: 'estimated' },
      // The latest it can be: a validity lasts at most 90 days.
      validUntil: { date: '2026-06-07', source: 'unknown' },
    });
    expect(AnnotationSchema.safeParse(plan.record).success).toBe(true);
    // Seen again: nothing new.
    expect(planAnnotationSeen([plan.record], NUMBER, { state: 'valid', validity: 'ask' }, NOW + 60_000, newId).change).toBe('unchanged');
  });

  test('a start date after the end date is refused', () => {
    expect(planAnnotationSeen([], NUMBER, { state: 'valid', validFrom: '2026-05-01', validUntil: '2026-04-01' }, NOW, newId).change).toBe('skipped');
  });

  test('"加注件已过期" marks the current annotation expired and keeps its dates', () => {
    const cur = annotation({ state: 'valid', validUntil: { date: '2026-05-29', source: 'portal' } });
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'expired' }, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.state).toBe('expired');
    expect(plan.record.validUntil).toEqual({ date: '2026-05-29', source: 'portal' });
  });

  test('an estimated end a day or two early is the same annotation, corrected', () => {
    const cur = annotation({ state: 'valid' });
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'valid', validUntil: '2026-05-30' }, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.validUntil).toEqual({ date: '2026-05-30', source: 'portal' });
    expect(plan.record.validFrom).toEqual({ date: '2026-03-02', source: 'estimated' });
  });
});

describe('planAnnotationApplied', () => {
  test('a confirmed submission is a generating annotation with the chosen validity from the click time', () => {
    const click = at('2026-03-10', 9);
    const plan = planAnnotationApplied([], { certificateNumber: NUMBER, validityDays: 60, scenario: '本人调用' }, click, NOW, newId);
    expect(plan.change).toBe('created');
    if (plan.change !== 'created') return;
    expect(plan.record).toMatchObject({
      appliedAt: click,
      appliedAtEstimated: false,
      validityDays: 60,
      state: 'generating',
      validFrom: { date: '2026-03-10', source: 'estimated' },
      validUntil: { date: '2026-05-08', source: 'estimated' },
    });
  });

  test('the same submission reported twice stays one record', () => {
    const first = planAnnotationApplied([], { certificateNumber: NUMBER, validityDays: 90, scenario: '本人调用' }, NOW, NOW, newId);
    if (first.change !== 'created') throw new Error('expected a record');
    const second = planAnnotationApplied([first.record], { certificateNumber: NUMBER, validityDays: 90, scenario: '本人调用' }, NOW, NOW + 5000, newId);
    expect(second.change).toBe('unchanged');
  });

  test('a generating record first seen on the page is completed, not doubled', () => {
    const seen = annotation({ appliedAt: NOW, appliedAtEstimated: true });
    const plan = planAnnotationApplied([seen], { certificateNumber: NUMBER, validityDays: 30, scenario: '本人调用' }, NOW - 60_000, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record).toMatchObject({ id: 'a1', appliedAtEstimated: false, validityDays: 30, appliedAt: NOW - 60_000 });
  });
});

describe('quotaView', () => {
  test('counts every application of the last 90 days and names the first free day', () => {
    const anns = ['2026-01-10', '2026-02-01', '2026-03-01'].map((d, i) =>
      annotation({ id: `q${i}`, appliedAt: at(d), state: 'expired' }),
    );
    const q = quotaView(anns, NUMBER, NOW);
    expect(q).toEqual({ used: 3, limit: 3, canApply: false, firstFreeDay: '2026-04-11', windowDays: 90 });
    expect(quotaView(anns, 'other', NOW)).toMatchObject({ used: 0, canApply: true, firstFreeDay: null });
  });
});

describe('reading the annotation truthfully (what is stored from what the page shows)', () => {
  test('a later reading of the last day completes an annotation whose last day was unknown', () => {
    const unknown = planAnnotationSeen([], NUMBER, { state: 'valid', validity: 'ask' }, NOW, newId);
    if (unknown.change !== 'created') throw new Error('not created');
    const plan = planAnnotationSeen([unknown.record], NUMBER, { state: 'valid', validFrom: '2026-03-05', validUntil: '2026-06-02', validity: 'read' }, NOW + 86_400_000, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.id).toBe(unknown.record.id);
    expect(plan.record.validUntil).toEqual({ date: '2026-06-02', source: 'portal' });
    expect(plan.record.validFrom).toEqual({ date: '2026-03-05', source: 'portal' });
  });

  test('an application we saw, now shown valid without a readable last day, becomes valid and keeps its estimate', () => {
    const cur = annotation();
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'valid', validity: 'ask' }, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.state).toBe('valid');
    expect(plan.record.validUntil).toEqual(cur.validUntil);
  });

  test('only an end date shown: the quota counts the application from today, never 89 days back', () => {
    const plan = planAnnotationSeen([], NUMBER, { state: 'valid', validUntil: '2026-04-30', validity: 'read' }, NOW, newId);
    expect(plan.change).toBe('created');
    if (plan.change !== 'created') return;
    expect(plan.record.appliedAt).toBe(NOW);
    // Two more applications today fill the window; a count from 89 days back would have said one slot is left on 2026-06-01.
    const more = [1, 2].map((i) => ({ ...plan.record, id: `more-${i}`, appliedAt: NOW + i }));
    expect(quotaOn([plan.record, ...more], NUMBER, '2026-06-01').canApply).toBe(false);
  });

  test('a start date shown: the application counts from that day (the latest it can have been made)', () => {
    const plan = planAnnotationSeen([], NUMBER, { state: 'valid', validFrom: '2026-03-05', validUntil: '2026-06-02', validity: 'read' }, NOW, newId);
    if (plan.change !== 'created') throw new Error('not created');
    expect(plan.record.appliedAt).toBe(startOfBeijingDay('2026-03-05'));
  });

  test('[下载] beside 证书生成中: the dates go to the previous annotation, the generating one keeps its own', () => {
    const previous = annotation({ id: 'old', state: 'valid', appliedAt: at('2026-01-01'), validFrom: { date: '2026-01-02', source: 'portal' }, validUntil: { date: '2026-03-31', source: 'portal' } });
    const generating = annotation({ id: 'new', appliedAt: at('2026-03-10', 9) });
    const plan = planAnnotationSeen([previous, generating], NUMBER, { state: 'valid', validFrom: '2026-01-02', validUntil: '2026-03-31', validity: 'read', alsoGenerating: true }, NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.id).toBe('old');
    expect(plan.record.validUntil).toEqual({ date: '2026-03-31', source: 'portal' });
    expect(plan.also).toBeUndefined();
    // Without the flag the generating record would have taken the older dates.
    const wrong = planAnnotationSeen([previous, generating], NUMBER, { state: 'valid', validFrom: '2026-01-02', validUntil: '2026-03-31' }, NOW, newId);
    expect(wrong.change === 'updated' && wrong.record.id).toBe('new');
  });

  test('[下载] beside 证书生成中 with nothing stored: both the valid annotation and the application are recorded', () => {
    const plan = planAnnotationSeen([], NUMBER, { state: 'valid', validFrom: '2026-01-02', validUntil: '2026-03-31', validity: 'read', alsoGenerating: true }, NOW, newId);
    expect(plan.change).toBe('created');
    if (plan.change !== 'created') return;
    const records = [plan.record, plan.also!];
    expect(records.map((r) => r.state).sort()).toEqual(['generating', 'valid']);
    expect(records.find((r) => r.state === 'valid')!.validUntil).toEqual({ date: '2026-03-31', source: 'portal' });
  });

  test('a different last day for the same annotation is a conflict for the holder, not written over', () => {
    const cur = annotation({ state: 'valid', validFrom: { date: '2026-03-02', source: 'portal' }, validUntil: { date: '2026-05-30', source: 'portal' } });
    const plan = planAnnotationSeen([cur], NUMBER, { state: 'valid', validFrom: '2026-03-02', validUntil: '2026-05-20', validity: 'read' }, NOW, newId);
    expect(plan).toEqual({ change: 'conflict', record: cur, pageUntil: '2026-05-20' });
    // An earlier end while the stored one still runs: the same.
    expect(planAnnotationSeen([cur], NUMBER, { state: 'valid', validUntil: '2026-04-30', validity: 'read' }, NOW, newId).change).toBe('conflict');
    // A later end with another start: a newer annotation, recorded.
    expect(planAnnotationSeen([cur], NUMBER, { state: 'valid', validFrom: '2026-03-09', validUntil: '2026-06-06', validity: 'read' }, NOW, newId).change).toBe('created');
  });
});

describe('planLastDayGiven: the holder\'s answer in the panel', () => {
  test('completes the annotation whose last day was unknown', () => {
    const unknown = planAnnotationSeen([], NUMBER, { state: 'valid', validity: 'ask' }, NOW, newId);
    if (unknown.change !== 'created') throw new Error('not created');
    const plan = planLastDayGiven([unknown.record], NUMBER, '2026-05-01', NOW, newId);
    expect(plan.change).toBe('updated');
    if (plan.change !== 'updated') return;
    expect(plan.record.id).toBe(unknown.record.id);
    expect(plan.record.validUntil).toEqual({ date: '2026-05-01', source: 'portal' });
    expect(AnnotationSchema.safeParse(plan.record).success).toBe(true);
  });

  test('settles a conflict in favour of the page', () => {
    const cur = annotation({ state: 'valid', validFrom: { date: '2026-03-02', source: 'portal' }, validUntil: { date: '2026-05-30', source: 'portal' } });
    const plan = planLastDayGiven([cur], NUMBER, '2026-05-20', NOW, newId);
    expect(plan.change === 'updated' && plan.record.validUntil).toEqual({ date: '2026-05-20', source: 'portal' });
    expect(plan.change === 'updated' && plan.record.validityDays).toBe(80);
  });

  test('with nothing stored, records a valid annotation counted from today', () => {
    const plan = planLastDayGiven([], NUMBER, '2026-04-01', NOW, newId);
    expect(plan.change).toBe('created');
    expect(plan.change === 'created' && plan.record).toMatchObject({ state: 'valid', appliedAt: NOW, validUntil: { date: '2026-04-01', source: 'portal' } });
  });

  test('a day a valid annotation cannot end on is refused', () => {
    expect(planLastDayGiven([], NUMBER, '2026-03-09', NOW, newId)).toEqual({ change: 'skipped', reason: 'bad-date' });
    expect(planLastDayGiven([], NUMBER, '2026-06-08', NOW, newId)).toEqual({ change: 'skipped', reason: 'bad-date' });
    expect(planLastDayGiven([], NUMBER, '2026-06-07', NOW, newId).change).toBe('created');
  });
});
