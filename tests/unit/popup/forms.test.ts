import { describe, expect, test } from 'vitest';
import { addDays } from '../../../lib/dates/beijing';
import { annotationDraft, certificateDraft, checkAnnotation, checkCertificate, type AnnotationDraft } from '../../../lib/popup/forms';
import { parseDateInput, parseTimeInput } from '../../../lib/ui/dates';
import { ann, cert, NOW, TODAY } from './fixtures';

const none = new Set<string>();

describe('typed dates and times', () => {
  test('the forms a holder copies from the portal are read; impossible days are refused, not rolled over', () => {
    expect(parseDateInput('2026-03-01')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDateInput('2026/3/1')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDateInput(' 2026.03.01 ')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDateInput('2026年3月1日')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDateInput('２０２６-０３-０１')).toEqual({ ok: true, date: '2026-03-01' });
    expect(parseDateInput('2026-02-30')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateInput('2027-02-29')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateInput('2028-02-29')).toEqual({ ok: true, date: '2028-02-29' });
    expect(parseDateInput('next week')).toEqual({ ok: false, reason: 'format' });
    expect(parseDateInput('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTimeInput('09:30')).toEqual({ ok: true, minutes: 570 });
    expect(parseTimeInput('9：05')).toEqual({ ok: true, minutes: 545 });
    expect(parseTimeInput('24:00')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseTimeInput('930')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('certificate form', () => {
  const draft = { ...certificateDraft(), number: 'N-1', qualification: '一级建造师' };

  test('a complete draft becomes a manual record', () => {
    const r = checkCertificate({ ...draft, level: ' 高级 ', approvalDate: '2024/5/20', annotationRequired: 'no' }, { now: NOW, existingNumbers: none });
    expect(r.problems).toEqual({});
    expect(r.record).toEqual({
      number: 'N-1', qualification: '一级建造师', level: '高级', approvalDate: '2024-05-20', status: 'valid',
      annotationRequired: false, source: 'manual', createdAt: NOW, updatedAt: NOW,
    });
  });

  test('each impossible input is refused with its reason', () => {
    const check = (d: Partial<typeof draft>, existing = none) => checkCertificate({ ...draft, ...d }, { now: NOW, existingNumbers: existing }).problems;
    expect(check({ number: '' })).toEqual({ number: { key: 'errRequired' } });
    expect(check({ number: 'N 1' })).toEqual({ number: { key: 'errNumberSpaces' } });
    expect(check({}, new Set(['N-1']))).toEqual({ number: { key: 'errNumberExists' } });
    expect(check({ number: 'x'.repeat(65) })).toEqual({ number: { key: 'errTooLong', params: { max: 64 } } });
    expect(check({ qualification: '  ' })).toEqual({ qualification: { key: 'errRequired' } });
    expect(check({ approvalDate: '2026-02-30' })).toEqual({ approvalDate: { key: 'errDateImpossible' } });
    expect(check({ approvalDate: 'soon' })).toEqual({ approvalDate: { key: 'errDateFormat' } });
    expect(check({ approvalDate: addDays(TODAY, 1) })).toEqual({ approvalDate: { key: 'errDateFuture' } });
  });

  test('editing keeps the number, the source and the creation time', () => {
    const previous = cert('P-9', { source: 'portal', createdAt: 5 });
    const r = checkCertificate({ ...certificateDraft(previous), level: '' }, { now: NOW, existingNumbers: new Set(['P-9']), previous });
    expect(r.record).toMatchObject({ number: 'P-9', source: 'portal', createdAt: 5, updatedAt: NOW });
    expect(r.record).not.toHaveProperty('level');
  });
});

describe('annotation form', () => {
  const base = (d: Partial<AnnotationDraft> = {}) => ({ ...annotationDraft(undefined, NOW), ...d });
  const check = (d: Partial<AnnotationDraft>) => checkAnnotation(base(d), { now: NOW, certificateNumber: 'A', newId: () => 'new-id' });

  test('a new draft starts today, now, 90 days, generating; without dates the validity is estimated', () => {
    expect(base()).toMatchObject({ appliedDate: TODAY, appliedTime: '10:00', validityDays: '90', state: 'generating' });
    const r = check({ appliedTime: '09:00' });
    expect(r.problems).toEqual({});
    expect(r.record).toMatchObject({
      id: 'new-id', certificateNumber: 'A', validityDays: 90, state: 'generating', source: 'manual',
      validFrom: { date: TODAY, source: 'estimated' },
      validUntil: { date: addDays(TODAY, 89), source: 'estimated' },
    });
  });

  test('dates typed from the portal are kept as the portal\'s', () => {
    const r = check({ appliedDate: addDays(TODAY, -3), validFrom: addDays(TODAY, -2), validUntil: addDays(TODAY, 50), state: 'valid' });
    expect(r.record).toMatchObject({ validFrom: { date: addDays(TODAY, -2), source: 'portal' }, validUntil: { date: addDays(TODAY, 50), source: 'portal' } });
  });

  test('each impossible input is refused with its reason', () => {
    expect(check({ appliedDate: '2026-02-30' }).problems).toEqual({ appliedDate: { key: 'errDateImpossible' } });
    expect(check({ appliedDate: addDays(TODAY, 1) }).problems).toEqual({ appliedDate: { key: 'errDateFuture' } });
    expect(check({ appliedDate: '2021-12-16' }).problems).toEqual({ appliedDate: { key: 'errBeforeAnnotationStart' } });
    expect(check({ appliedTime: '25:00' }).problems).toEqual({ appliedTime: { key: 'errTimeImpossible' } });
    expect(check({ appliedTime: '10:01' }).problems).toEqual({ appliedTime: { key: 'errTimeFuture' } });
    expect(check({ validityDays: '91' }).problems).toEqual({ validityDays: { key: 'errValidityRange', params: { max: 90 } } });
    expect(check({ validityDays: '0' }).problems).toEqual({ validityDays: { key: 'errValidityRange', params: { max: 90 } } });
    expect(check({ validityDays: '7.5' }).problems).toEqual({ validityDays: { key: 'errWholeDays', params: { max: 90 } } });
    expect(check({ validFrom: addDays(TODAY, -1) }).problems).toEqual({ validFrom: { key: 'errFromBeforeApplied' } });
    expect(check({ validFrom: addDays(TODAY, 5), validUntil: addDays(TODAY, 4) }).problems).toEqual({ validUntil: { key: 'errUntilBeforeFrom' } });
    expect(check({ validityDays: '30', validUntil: addDays(TODAY, 40) }).problems).toEqual({ validUntil: { key: 'errSpanTooLong', params: { days: 41, max: 30 } } });
    expect(
      check({ appliedDate: addDays(TODAY, -100), state: 'valid' }).problems,
    ).toEqual({ state: { key: 'errValidButPast' } });
  });

  test('editing keeps the id, the scenario and the source, and shows only the portal\'s dates', () => {
    const previous = ann('keep', 'A', 10, { validUntil: { date: addDays(TODAY, 79), source: 'estimated' } });
    const draft = annotationDraft(previous, NOW);
    expect(draft).toMatchObject({ appliedDate: addDays(TODAY, -10), appliedTime: '09:00', validFrom: addDays(TODAY, -10), validUntil: '' });
    const r = checkAnnotation({ ...draft, state: 'expired' }, { now: NOW, certificateNumber: 'A', previous, newId: () => 'unused' });
    expect(r.record).toMatchObject({ id: 'keep', scenario: '本人调用', source: 'portal', state: 'expired', updatedAt: NOW });
  });
});

describe('an annotation whose last day was never read', () => {
  test('cannot be saved as valid without its last day (saving must not turn it into a guess)', () => {
    const unknown = ann('u', 'A', 0, { validUntil: { date: addDays(TODAY, 89), source: 'unknown' } });
    const draft = annotationDraft(unknown, NOW);
    expect(draft.validUntil).toBe('');
    const ctx = { now: NOW, certificateNumber: 'A', previous: unknown, newId: () => 'x' };
    expect(checkAnnotation(draft, ctx).problems.validUntil).toEqual({ key: 'errLastDayNeeded' });
    const filled = checkAnnotation({ ...draft, validUntil: addDays(TODAY, 30) }, ctx);
    expect(filled.record?.validUntil).toEqual({ date: addDays(TODAY, 30), source: 'portal' });
  });
});
