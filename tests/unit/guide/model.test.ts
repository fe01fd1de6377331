import { describe, expect, test } from 'vitest';
import { noteLine, quotaBlocksApplying } from '../../../lib/guide/model';
import { startOfBeijingDay } from '../../../lib/dates/beijing';
import { CONTEXT, model, NOW, report } from './helpers';

describe('what the panel shows, decided', () => {
  test('step n of m follows the main path; off it (register, unknown) there is no number', () => {
    expect(model({ winner: report({ step: 'portal-home', specificity: 10 }) }).stepNumber).toBe(1);
    expect(model({ winner: report({ step: 'annotation-apply', specificity: 70 }) })).toMatchObject({ stepNumber: 7, stepCount: 7 });
    expect(model({ winner: report({ step: 'register', specificity: 35 }) }).stepNumber).toBeNull();
    expect(model({ winner: report() }).stepNumber).toBeNull();
  });

  test('unknown: a quiet launcher unless opened; elsewhere the holder\'s collapse wins', () => {
    expect(model({ winner: report() }).view).toBe('quiet');
    expect(model({ winner: report(), unknownOpened: true }).view).toBe('panel');
    expect(model({ winner: report(), collapsed: true, unknownOpened: true }).view).toBe('panel');
    expect(model({ collapsed: true }).view).toBe('launcher');
    expect(model().view).toBe('panel');
  });

  test('the target: outlined here, outlined in a frame, missing with what to look for, or none', () => {
    expect(model().target).toBe('marked');
    expect(model({ winnerIsTop: false }).target).toBe('in-frame');
    expect(model({ winner: report({ step: 'cert-list', specificity: 50, targetMissingKey: 'target_missing_download_valid' }) })).toMatchObject({
      target: 'missing',
      targetMissingKey: 'target_missing_download_valid',
    });
    expect(model({ winner: report({ step: 'annotation', specificity: 60, annotationState: 'generating' }) }).target).toBe('none');
  });

  test('while generating, the time it should be ready replaces the general 24-hour line', () => {
    const readyBy = startOfBeijingDay('2026-11-30') + 14 * 3_600_000 + 5 * 60_000;
    const m = model({
      winner: report({ step: 'annotation', specificity: 60, annotationState: 'generating', lines: [{ kind: 'hint', key: 'annotation_generating' }, { kind: 'hint', key: 'annotation_generating_ready' }] }),
      context: { ...CONTEXT, certificateNumber: 'N', readyBy },
    });
    expect(m.lines.map((l) => l.key)).toEqual(['annotation_generating', 'annotation_generating_ready_at']);
    expect(m.lines[1]!.params).toEqual({ time: '2026年11月30日 14:05' });
  });

  test('past the time it should be ready: look now (reload the annotation page), and the help lines; never a time in the past as a promise', () => {
    const readyBy = NOW - 60_000;
    const generating = report({
      step: 'annotation',
      specificity: 60,
      annotationState: 'generating',
      actionKey: 'action_annotation_generating',
      lines: [{ kind: 'hint', key: 'annotation_generating' }, { kind: 'hint', key: 'annotation_generating_ready' }],
    });
    const m = model({ winner: generating, context: { ...CONTEXT, certificateNumber: 'N', readyBy, remindersEnabled: true } });
    expect(m.actionKey).toBe('action_annotation_generating_overdue');
    expect(m.lines.map((l) => l.key)).toEqual(['annotation_generating_overdue', 'help_call', 'annotation_generating']);
    expect(m.lines.map((l) => l.key)).not.toContain('reminder_promise');
    // One minute before, it is still the expected time.
    const before = model({ winner: generating, context: { ...CONTEXT, certificateNumber: 'N', readyBy }, now: readyBy - 60_000 });
    expect(before.actionKey).toBe('action_annotation_generating');
    expect(before.lines.map((l) => l.key)).toEqual(['annotation_generating', 'annotation_generating_ready_at']);
    // A context about another certificate says nothing of this page's.
    const other = model({ winner: { ...generating, certificateNumber: 'M' }, context: { ...CONTEXT, certificateNumber: 'N', readyBy } });
    expect(other.lines.map((l) => l.key)).toEqual(['annotation_generating', 'annotation_generating_ready']);
  });

  test('a reminder is promised only when one is planned: records kept, reminders on, the certificate known', () => {
    const generating = report({ step: 'annotation', specificity: 60, annotationState: 'generating', lines: [{ kind: 'hint', key: 'annotation_generating_ready' }] });
    const submitted = report({ step: 'annotation-apply', specificity: 70, applicationSubmitted: true, certificateNumber: 'N', lines: [{ kind: 'hint', key: 'apply_submitted' }] });
    const planned = { ...CONTEXT, certificateNumber: 'N', readyBy: NOW + 3_600_000, remindersEnabled: true };
    const promises = (over: Partial<Parameters<typeof model>[0]>) => model(over).lines.some((l) => l.key === 'reminder_promise');
    expect(promises({ winner: generating, context: planned })).toBe(true);
    expect(promises({ winner: submitted, context: planned })).toBe(true);
    for (const [why, context] of [
      ['records not kept', { ...planned, rememberPages: false }],
      ['not asked yet', { ...planned, rememberPages: null }],
      ['reminders off', { ...planned, remindersEnabled: false }],
    ] as const) {
      expect(promises({ winner: generating, context }), why).toBe(false);
      expect(promises({ winner: submitted, context }), why).toBe(false);
    }
    // No stored application to plan from (the certificate number could not be read).
    expect(promises({ winner: generating, context: { ...CONTEXT, remindersEnabled: true } })).toBe(false);
    expect(promises({ winner: { ...submitted, certificateNumber: undefined }, context: { ...CONTEXT, remindersEnabled: true } })).toBe(false);
  });

  test('applying again while one is generating or valid: a warning on the form with the slots left', () => {
    const form = report({ step: 'annotation-apply', specificity: 70, hasTarget: true, certificateNumber: 'N' });
    const quota = { used: 1, limit: 3, canApply: true, firstFreeDay: null, windowDays: 90 };
    const valid = model({ winner: form, context: { ...CONTEXT, certificateNumber: 'N', quota, current: { state: 'valid', validUntil: '2027-01-09' } } });
    expect(valid.lines.slice(0, 2)).toEqual([
      { area: 'guide', key: 'apply_while_valid', kind: 'warning', params: { date: '2027年1月9日' } },
      { area: 'guide', key: 'quota_slots_left', kind: 'hint', params: { left: 2 } },
    ]);
    expect(valid.target).toBe('marked');
    const generating = model({ winner: form, context: { ...CONTEXT, certificateNumber: 'N', quota, current: { state: 'generating' } } });
    expect(generating.lines.map((l) => l.key).slice(0, 2)).toEqual(['apply_while_generating', 'quota_slots_left']);
    // A last day not known is not guessed.
    const noDay = model({ winner: form, context: { ...CONTEXT, certificateNumber: 'N', quota, current: { state: 'valid' } } });
    expect(noDay.lines[0]).toEqual({ area: 'guide', key: 'apply_while_valid_plain', kind: 'warning' });
    // Nothing current, another certificate, or records not kept: no such warning.
    expect(model({ winner: form, context: { ...CONTEXT, certificateNumber: 'N', quota } }).lines.map((l) => l.key)).not.toContain('apply_while_valid');
    expect(model({ winner: { ...form, certificateNumber: 'M' }, context: { ...CONTEXT, certificateNumber: 'N', quota, current: { state: 'generating' } } }).lines.map((l) => l.key)).not.toContain('apply_while_generating');
    expect(model({ winner: form, context: { ...CONTEXT, rememberPages: false, certificateNumber: 'N', quota, current: { state: 'generating' } } }).lines.map((l) => l.key)).not.toContain('apply_while_generating');
  });

  test('on the annotation page, the line against applying again is followed by the slots left when known', () => {
    const page = report({ step: 'annotation', specificity: 60, annotationState: 'valid', certificateNumber: 'N', lines: [{ kind: 'hint', key: 'annotation_valid' }, { kind: 'hint', key: 'annotation_valid_no_reapply' }] });
    const quota = { used: 3, limit: 3, canApply: false, firstFreeDay: '2027-01-09', windowDays: 90 };
    expect(model({ winner: page, context: { ...CONTEXT, certificateNumber: 'N', quota } }).lines.map((l) => [l.key, l.params?.left])).toEqual([
      ['annotation_valid', undefined],
      ['annotation_valid_no_reapply', undefined],
      ['quota_slots_left', 0],
    ]);
    expect(model({ winner: page, context: CONTEXT }).lines.map((l) => l.key)).toEqual(['annotation_valid', 'annotation_valid_no_reapply']);
  });

  test('dates read from the page are said like every other date (2026年12月1日, not 2026-12-01)', () => {
    const page = report({ step: 'annotation', specificity: 60, annotationState: 'valid', lines: [{ kind: 'hint', key: 'annotation_valid_until', params: { date: '2026-12-01' } }] });
    expect(model({ winner: page }).lines[0]!.params).toEqual({ date: '2026年12月1日' });
    expect(model({ winner: page, locale: 'en' }).lines[0]!.params).toEqual({ date: '1 Dec 2026' });
  });

  test('a reading the guide could not make ends with the help lines', () => {
    const m = model({ winner: report({ step: 'annotation', specificity: 60, annotationState: 'valid', readingProblems: [{ kind: 'warning', key: 'problem_validity_unreadable' }] }) });
    expect(m.problems.map((l) => l.key)).toEqual(['problem_validity_unreadable', 'help_call']);
    expect(model().problems).toEqual([]);
  });

  test('the quota: only on the form, and said plainly when it cannot be counted', () => {
    expect(model().quota).toBeUndefined();
    const form = report({ step: 'annotation-apply', specificity: 70 });
    expect(model({ winner: form, context: { ...CONTEXT, rememberPages: false } }).quota!.lines.map((l) => l.key)).toEqual(['quota_not_remembered']);
    expect(model({ winner: form }).quota!.lines.map((l) => l.key)).toEqual(['quota_unknown_certificate']);
    expect(model({ winner: { ...form, applicationSubmitted: true } }).quota).toBeUndefined();
    const full = model({ winner: form, context: { ...CONTEXT, certificateNumber: 'N', quota: { used: 3, limit: 3, canApply: false, firstFreeDay: '2027-01-09', windowDays: 90 } } });
    expect(full.quota).toMatchObject({ full: true });
    expect(full.quota!.lines[0]).toMatchObject({ key: 'apply_quota_full', kind: 'warning', params: { date: '2027年1月9日' } });
  });

  test('a spent quota: the site may refuse, the day it surely will not is said, and the control stays outlined (the holder may try)', () => {
    const spent = { ...CONTEXT, certificateNumber: 'N', quota: { used: 3, limit: 3, canApply: false, firstFreeDay: '2027-01-09', windowDays: 90 } };
    const form = report({ step: 'annotation-apply', specificity: 70, hasTarget: true, actionKey: 'action_annotation_apply' });
    const onForm = model({ winner: form, context: spent });
    expect(onForm).toMatchObject({ target: 'marked', actionKey: 'action_quota_full' });
    expect(quotaBlocksApplying(form, spent)).toBe('2027-01-09');
    for (const annotationState of ['expired', 'none'] as const) {
      const page = report({ step: 'annotation', specificity: 60, annotationState, certificateNumber: 'N', hasTarget: true });
      const m = model({ winner: page, context: spent });
      expect(m, annotationState).toMatchObject({ target: 'marked', actionKey: 'action_quota_full', quota: { full: true } });
      expect(m.quota!.lines.map((l) => l.key)).toEqual(['apply_quota_full']);
      expect(quotaBlocksApplying(page, spent)).toBe('2027-01-09');
    }
    // Nothing to apply for on a valid or generating page; a context about another
    // certificate, a quota with room, or a submitted form changes nothing either.
    for (const annotationState of ['valid', 'generating'] as const) {
      const page = report({ step: 'annotation', specificity: 60, annotationState, certificateNumber: 'N' });
      expect(quotaBlocksApplying(page, spent)).toBeNull();
      expect(model({ winner: page, context: spent }).quota).toBeUndefined();
    }
    const other = report({ step: 'annotation', specificity: 60, annotationState: 'expired', certificateNumber: 'M', hasTarget: true });
    expect(quotaBlocksApplying(other, spent)).toBeNull();
    expect(model({ winner: other, context: spent }).target).toBe('marked');
    const room = { ...spent, quota: { used: 2, limit: 3, canApply: true, firstFreeDay: null, windowDays: 90 } };
    expect(model({ winner: form, context: room })).toMatchObject({ target: 'marked', quota: { full: false } });
    expect(quotaBlocksApplying({ ...form, applicationSubmitted: true }, spent)).toBeNull();
    expect(quotaBlocksApplying(form, { ...spent, rememberPages: false })).toBeNull();
  });

  test('notes in words', () => {
    expect(noteLine({ kind: 'annotation', state: 'valid', validUntil: '2026-12-01' }, 'en')).toMatchObject({ key: 'saved_annotation_valid', params: { date: '1 Dec 2026' } });
    expect(noteLine({ kind: 'annotation', state: 'valid', validUntil: 'soon' }, 'en').key).toBe('saved_annotation_valid_plain');
    expect(noteLine({ kind: 'annotation', state: 'generating' }, 'en').key).toBe('saved_annotation_generating');
    expect(noteLine({ kind: 'problem', reason: 'no-certificate' }, 'zh_CN')).toMatchObject({ key: 'save_no_certificate', kind: 'warning' });
    expect(model({ declinedNow: true, note: { kind: 'certificates', saved: 1 } }).note!.key).toBe('consent_declined');
  });
});

describe('the question about the last valid day', () => {
  const TODAY = '2026-12-03';
  const page = (candidates: string[]) =>
    report({ step: 'annotation', specificity: 60, hasTarget: true, annotationState: 'valid', certificateNumber: 'N1', lastDayAsked: { candidates } });
  const ask = (over: Parameters<typeof model>[0] = {}) => model({ winner: page(['2027-01-20', '2026-11-30', '2027-04-01']), now: startOfBeijingDay(TODAY) + 10 * 3_600_000, ...over });

  test('asks with the page\'s dates a valid annotation can end on (today to 89 days on), and drops the bare warning', () => {
    const m = ask({ winner: { ...page(['2027-01-20', '2026-11-30', '2027-04-01']), readingProblems: [{ kind: 'warning', key: 'problem_validity_unreadable' }] } });
    expect(m.lastDay).toMatchObject({ mode: 'ask', certificateNumber: 'N1', min: TODAY, max: '2027-03-02', choices: [{ date: '2027-01-20', label: '2027年1月20日' }] });
    expect(m.problems).toEqual([]);
  });

  test('once the holder gave it, says it and offers to correct it', () => {
    const context = { ...CONTEXT, certificateNumber: 'N1', annotation: { state: 'valid' as const, validUntil: '2027-01-20', lastDay: 'portal' as const } };
    expect(ask({ context }).lastDay).toMatchObject({ mode: 'known', stored: { date: '2027-01-20' } });
    expect(ask({ context, lastDayState: { correcting: true } }).lastDay?.mode).toBe('ask');
  });

  test('a conflict between the page and the stored day is put to the holder until settled', () => {
    const note = { kind: 'annotation' as const, state: 'valid', change: 'conflict', validUntil: '2027-01-20', pageUntil: '2027-01-10' };
    const m = model({ winner: { ...page([]), lastDayAsked: undefined }, now: startOfBeijingDay(TODAY) + 10 * 3_600_000, note });
    expect(m.lastDay).toMatchObject({ mode: 'conflict', page: { date: '2027-01-10' }, stored: { date: '2027-01-20' } });
    expect(model({ winner: page([]), now: startOfBeijingDay(TODAY) + 10 * 3_600_000, note, lastDayState: { correcting: false, keptFor: '2027-01-10' } }).lastDay?.mode).toBe('ask');
  });

  test('no question without consent or without knowing which certificate', () => {
    expect(ask({ context: { ...CONTEXT, rememberPages: null } }).lastDay).toBeUndefined();
    expect(ask({ winner: { ...page([]), certificateNumber: undefined } }).lastDay).toBeUndefined();
  });
});
