import { describe, expect, test } from 'vitest';
import { addDays } from '../../../lib/dates/beijing';
import { buildPopupView, describeCertificate } from '../../../lib/popup/view';
import { ann, cert, NOW, TODAY } from './fixtures';

describe('popup view: each certificate in one state', () => {
  test('valid: last day, days left (today counted) and the span for the bar', () => {
    const e = describeCertificate('A', cert('A'), [ann('a1', 'A', 10)], NOW);
    expect(e.state).toBe('valid');
    expect(e.valid).toEqual({ validFrom: addDays(TODAY, -10), validUntil: addDays(TODAY, 79), daysLeft: 80, spanDays: 90, estimated: false, lastDayUnknown: false, annotationId: 'a1' });
  });

  test('generating: applied at, ready 24 hours later, overdue once that has passed', () => {
    const a = ann('g', 'A', 0, { state: 'generating', appliedAt: NOW - 3_600_000 });
    const e = describeCertificate('A', cert('A'), [a], NOW);
    expect(e.state).toBe('generating');
    expect(e.generating).toEqual({ appliedAt: NOW - 3_600_000, readyBy: NOW + 23 * 3_600_000, overdue: false });
    expect(describeCertificate('A', cert('A'), [a], NOW + 24 * 3_600_000).generating!.overdue).toBe(true);
  });

  test('expired: since the day after the last valid day, whether stored so or lapsed by the calendar', () => {
    const lapsed = describeCertificate('A', cert('A'), [ann('x', 'A', 95)], NOW);
    expect(lapsed.state).toBe('expired');
    expect(lapsed.expired).toEqual({ validUntil: addDays(TODAY, -6), since: addDays(TODAY, -5) });
    const marked = describeCertificate('A', cert('A'), [ann('y', 'A', 10, { state: 'expired' })], NOW);
    expect(marked.state).toBe('expired');
  });

  test('none yet, and not needed (association seal before 2021-12-17, or marked by hand)', () => {
    expect(describeCertificate('A', cert('A'), [], NOW).state).toBe('none');
    const seal = describeCertificate('B', cert('B', { qualification: '银行业专业人员', approvalDate: '2020-01-01' }), [ann('b', 'B', 3)], NOW);
    expect(seal.state).toBe('not-needed');
    expect(seal.quota).toBeUndefined();
    const byHand = describeCertificate('C', cert('C', { annotationRequired: false }), [], NOW);
    expect(byHand).toMatchObject({ state: 'not-needed', notNeededByHand: true });
  });

  test('the most recent application is current; the history lists all, newest first', () => {
    const e = describeCertificate('A', cert('A'), [ann('old', 'A', 100), ann('new', 'A', 5), ann('mid', 'A', 50)], NOW);
    expect(e.current!.id).toBe('new');
    expect(e.history.map((a) => a.id)).toEqual(['new', 'mid', 'old']);
  });

  test('quota: every application in the last 90 days counts, and when the next frees', () => {
    const e = describeCertificate('A', cert('A'), [ann('1', 'A', 80), ann('2', 'A', 40), ann('3', 'A', 1), ann('4', 'A', 120)], NOW);
    expect(e.quota).toMatchObject({ used: 3, canApply: false, firstFreeDay: addDays(TODAY, 11) });
  });

  test('withdrawn certificates are apart and carry no quota; urgent ones come first', () => {
    const view = buildPopupView(
      {
        certificates: [cert('V'), cert('W', { status: 'withdrawn' }), cert('X'), cert('N'), cert('S')],
        annotations: [ann('v', 'V', 10), ann('w', 'W', 10), ann('x', 'X', 100), ann('s', 'S', 80)],
      },
      NOW,
    );
    expect(view.entries.map((e) => e.number)).toEqual(['X', 'N', 'S', 'V']);
    expect(view.withdrawn.map((e) => [e.number, e.quota])).toEqual([['W', undefined]]);
  });

  test('annotations of a number with no certificate record still show, as their own entry', () => {
    const view = buildPopupView({ certificates: [], annotations: [ann('o', 'ORPHAN', 3)] }, NOW);
    expect(view.entries).toHaveLength(1);
    expect(view.entries[0]).toMatchObject({ number: 'ORPHAN', certificate: undefined, state: 'valid' });
  });

  test('100 certificates with 1,000 annotations: each gets exactly its own history', () => {
    const certificates = Array.from({ length: 100 }, (_, i) => cert(`C${i}`));
    const annotations = Array.from({ length: 1000 }, (_, i) => ann(`a${i}`, `C${i % 100}`, i % 400));
    const view = buildPopupView({ certificates, annotations }, NOW);
    expect(view.entries).toHaveLength(100);
    expect(view.entries.every((e) => e.history.length === 10)).toBe(true);
    expect(view.entries.every((e) => e.history.every((a) => a.certificateNumber === e.number))).toBe(true);
  });

  test('valid with its last day unknown: said as such, sorted first among the valid ones', () => {
    const unknown = ann('u', 'B', 0, { validUntil: { date: addDays(TODAY, 89), source: 'unknown' } });
    const e = describeCertificate('B', cert('B'), [unknown], NOW);
    expect(e.state).toBe('valid');
    expect(e.valid).toMatchObject({ lastDayUnknown: true, daysLeft: 0 });
  });

  test('a new application generating beside a still-valid annotation: valid first, the application said too', () => {
    const older = ann('old', 'C', 10);
    const generating = ann('new', 'C', 0, { state: 'generating', appliedAt: NOW - 3_600_000 });
    const e = describeCertificate('C', cert('C'), [older, generating], NOW);
    expect(e.state).toBe('valid');
    expect(e.valid).toMatchObject({ annotationId: 'old', validUntil: addDays(TODAY, 79) });
    expect(e.generating).toMatchObject({ appliedAt: NOW - 3_600_000 });
  });
});
