// What the panel shows, decided from the winning frame's report, what the background
// said (consent, quota, readiness) and the panel's own state. Pure: tested without a page.
import { UNKNOWN_STEP, type AnnotationPageState } from '../portal/types';
import { MAIN_PATH, panelTraits, type StepId } from '../portal/steps';
import type { Locale } from '../i18n/locale';
import { addDays, beijingDateAt, formatBeijingDate, formatBeijingDateTime, isBeijingDate } from '../dates/beijing';
import type { GuideContext } from './protocol';
import type { FrameReport } from './report';
import type { Note } from './frames';
import type { Corner } from './placement';

export interface PanelLine {
  area: 'portal' | 'guide';
  key: string;
  params?: Record<string, string | number>;
  kind: 'hint' | 'warning';
}

export interface PanelModel {
  locale: Locale;
  /** Which string table renders it (a change of table re-renders). */
  stringsId: string;
  step: StepId;
  stepNameKey: string;
  /** 1-based place on the main path, or null off it (register, unknown). */
  stepNumber: number | null;
  stepCount: number;
  /** quiet: the unknown page's small launcher; launcher: collapsed by the holder. */
  view: 'quiet' | 'launcher' | 'panel';
  corner: Corner;
  annotationState?: AnnotationPageState;
  actionKey?: string;
  target: 'marked' | 'in-frame' | 'missing' | 'none';
  targetMissingKey?: string;
  lines: PanelLine[];
  problems: PanelLine[];
  quota?: { lines: PanelLine[]; full: boolean };
  askConsent: boolean;
  note?: PanelLine;
  /** The annotation's last valid day, asked of the holder (or shown, once they gave it). */
  lastDay?: LastDayQuestion;
}

/** What the panel asks about an annotation's last valid day. Dates are YYYY-MM-DD; labels are formatted for the locale. */
export interface LastDayQuestion {
  /** ask: the page shows it valid but its last day could not be read; conflict: the page and the stored day differ; known: the holder gave it. */
  mode: 'ask' | 'conflict' | 'known';
  certificateNumber: string;
  choices: { date: string; label: string }[];
  /** The range a valid annotation's last day can be in: today to 89 days later. */
  min: string;
  max: string;
  stored?: { date: string; label: string };
  page?: { date: string; label: string };
  error?: PanelLine;
}

/** The panel's own state around the question (kept by top.tsx). */
export interface LastDayState {
  /** The holder asked to correct a day already given. */
  correcting: boolean;
  /** The last answer was refused. */
  error?: 'range' | 'bad-date';
  /** A conflict the holder settled by keeping the stored day (for this page). */
  keptFor?: string;
}

export interface ModelInput {
  locale: Locale;
  stringsId: string;
  winner: FrameReport;
  winnerIsTop: boolean;
  context: GuideContext | null;
  /** Some frame shows certificates or an annotation. */
  showsRecords: boolean;
  collapsed: boolean;
  /** The holder opened the launcher on a page outside the flow. */
  unknownOpened: boolean;
  note: Note | null;
  declinedNow: boolean;
  corner: Corner;
  lastDayState?: LastDayState;
  /** The instant the panel is drawn (an application's expected ready time may have passed). */
  now: number;
}

export const stepNameKey = (step: StepId) => `step_${step.replace(/-/g, '_')}`;

const portal = (key: string, kind: PanelLine['kind'] = 'hint', params?: PanelLine['params']): PanelLine =>
  params ? { area: 'portal', key, kind, params } : { area: 'portal', key, kind };
const guide = (key: string, kind: PanelLine['kind'] = 'hint', params?: PanelLine['params']): PanelLine =>
  params ? { area: 'guide', key, kind, params } : { area: 'guide', key, kind };

export function noteLine(note: Note, locale: Locale): PanelLine {
  switch (note.kind) {
    case 'certificates':
      return guide('saved_certificates', 'hint', { n: note.saved });
    case 'annotation':
      if (note.state === 'valid' && note.lastDay === 'unknown') return guide('saved_annotation_last_day_unknown');
      if (note.state === 'valid' && isBeijingDate(note.validUntil)) return guide('saved_annotation_valid', 'hint', { date: formatBeijingDate(note.validUntil, locale) });
      if (note.state === 'valid') return guide('saved_annotation_valid_plain');
      if (note.state === 'expired') return guide('saved_annotation_expired');
      return guide('saved_annotation_generating');
    case 'applied':
      return guide('saved_applied', 'hint', { days: note.days });
    case 'problem':
      return guide(
        note.reason === 'no-certificate' ? 'save_no_certificate' : note.reason === 'no-dates' ? 'save_no_dates' : note.reason === 'bad-date' ? 'lastday_error_range' : 'save_failed',
        'warning',
      );
  }
}

/**
 * The first day a new annotation can surely be applied for, when this certificate's quota
 * looks spent and the page's next action would be to apply: [申请证书加注] on the annotation
 * page (none yet, or expired) or [提交加注申请] on the form. Null otherwise. The panel then
 * says the site *may* refuse (the count is the conservative reading of the rule, see
 * lib/model/quota.ts) and from which day it surely will not, and still outlines the control.
 */
export function quotaBlocksApplying(winner: FrameReport, context: GuideContext | null): string | null {
  if (!context || context.rememberPages === false || !context.certificateNumber) return null;
  // A context about another certificate (the page names one) says nothing of this one.
  if (winner.certificateNumber && winner.certificateNumber !== context.certificateNumber) return null;
  const applying = panelTraits(winner.step, winner).applying === true;
  const q = context.quota;
  return applying && q && !q.canApply && q.firstFreeDay && isBeijingDate(q.firstFreeDay) ? q.firstFreeDay : null;
}

function quotaLines(input: ModelInput): { lines: PanelLine[]; full: boolean } | undefined {
  const { context, locale } = input;
  const fullLine = (q: NonNullable<GuideContext['quota']>) =>
    portal('apply_quota_full', 'warning', { date: formatBeijingDate(q.firstFreeDay!, locale), limit: q.limit, window: q.windowDays });
  const said = panelTraits(input.winner.step, input.winner).quota;
  // Where the step says so, the quota is said only when it stops the holder applying.
  if (said === 'when-full') {
    return quotaBlocksApplying(input.winner, context) ? { lines: [fullLine(context!.quota!)], full: true } : undefined;
  }
  if (said !== 'count' || !context) return undefined;
  const window = 90;
  if (context.rememberPages === false) return { lines: [guide('quota_not_remembered', 'hint', { window, limit: 3 })], full: false };
  const q = context.quota;
  if (!q || !context.certificateNumber) return { lines: [guide('quota_unknown_certificate')], full: false };
  const lines = [portal('apply_quota_used', 'hint', { used: q.used, limit: q.limit, window: q.windowDays }), portal('apply_quota_counting')];
  const full = quotaBlocksApplying(input.winner, context) !== null;
  if (full) lines.unshift(fullLine(q));
  return { lines, full };
}

/**
 * The question about the last valid day: asked on the annotation page when the page shows
 * the annotation valid but its validity could not be read and nothing better is stored, or
 * when the page and the stored day disagree. Only with consent (the answer is stored) and
 * only when the certificate is known (the answer belongs to one).
 */
export function lastDayQuestion(input: ModelInput): LastDayQuestion | undefined {
  const { winner, context, locale } = input;
  if (!panelTraits(winner.step, winner).lastDay || !context || context.rememberPages !== true) return undefined;
  // The bounds of a last day the holder may give: today in Beijing to 89 days later.
  const today = beijingDateAt(input.now);
  const number = winner.certificateNumber ?? context.certificateNumber;
  if (!number) return undefined;
  const label = (date: string) => ({ date, label: formatBeijingDate(date, locale) });
  const state = input.lastDayState ?? { correcting: false };
  const max = addDays(today, 89);
  const inRange = (d: string) => isBeijingDate(d) && d >= today && d <= max;
  const base = { certificateNumber: number, min: today, max, choices: [] as { date: string; label: string }[] };
  const withError = (q: LastDayQuestion): LastDayQuestion => (state.error ? { ...q, error: guide('lastday_error_range', 'warning', { today: formatBeijingDate(today, locale), max: formatBeijingDate(max, locale) }) } : q);
  const note = input.note;
  if (note?.kind === 'annotation' && note.change === 'conflict' && isBeijingDate(note.pageUntil) && isBeijingDate(note.validUntil) && state.keptFor !== note.pageUntil) {
    return withError({ ...base, mode: 'conflict', page: label(note.pageUntil), stored: label(note.validUntil) });
  }
  if (!winner.lastDayAsked) return undefined;
  const stored = context.annotation;
  if (stored && stored.state === 'valid' && stored.lastDay === 'portal' && isBeijingDate(stored.validUntil) && !state.correcting) {
    return { ...base, mode: 'known', stored: label(stored.validUntil) };
  }
  const choices = winner.lastDayAsked.candidates.filter(inRange).map(label);
  return withError({ ...base, mode: 'ask', choices, ...(stored && isBeijingDate(stored.validUntil) && stored.lastDay !== 'unknown' ? { stored: label(stored.validUntil) } : {}) });
}

/** A date param (a Beijing day, 2026-12-01) in the locale's words, like every other date the panel shows. */
function withDates(params: PanelLine['params'], locale: Locale): PanelLine['params'] {
  if (!params || typeof params.date !== 'string' || !isBeijingDate(params.date)) return params;
  return { ...params, date: formatBeijingDate(params.date, locale) };
}

/** The context speaks of the certificate this page shows (or the page names none). */
function contextIsAboutPage(winner: FrameReport, context: GuideContext | null): context is GuideContext & { certificateNumber: string } {
  return !!context?.certificateNumber && (!winner.certificateNumber || winner.certificateNumber === context.certificateNumber);
}

/** Applications left of the 3 in 90 days, when stored history knows them for this page's certificate. */
function slotsLeft(winner: FrameReport, context: GuideContext | null): PanelLine | null {
  if (!contextIsAboutPage(winner, context) || context.rememberPages !== true || !context.quota) return null;
  return guide('quota_slots_left', 'hint', { left: Math.max(0, context.quota.limit - context.quota.used) });
}

/**
 * A reminder is promised only when one is planned: records kept, reminders on, and the
 * application known to belong to a certificate (lib/reminders/plan.ts plans from records).
 */
function reminderPlanned(winner: FrameReport, context: GuideContext | null): boolean {
  if (!context || context.rememberPages !== true || context.remindersEnabled !== true) return false;
  // For a generating application, only once its ready time is known (lib/reminders/plan.ts plans from it).
  if (panelTraits(winner.step, winner).generating) return contextIsAboutPage(winner, context) && context.readyBy !== undefined;
  return !!(winner.certificateNumber ?? context.certificateNumber);
}

function guideLines(input: ModelInput): { lines: PanelLine[]; actionKey?: string } {
  const { winner, context, locale } = input;
  let lines: PanelLine[] = winner.lines.map((l) => portal(l.key, l.kind, withDates(l.params, locale)));
  let actionKey: string | undefined;
  const traits = panelTraits(winner.step, winner);
  const generating = traits.generating;
  // The time an application should be ready is known only from stored history; once it has
  // passed, the panel says to look now (and whom to call), not a time in the past.
  let overdue = false;
  if (generating && context?.readyBy && contextIsAboutPage(winner, context)) {
    overdue = input.now >= context.readyBy;
    const time = formatBeijingDateTime(context.readyBy, locale);
    lines = lines.filter((l) => l.key !== generating.readyLine);
    if (overdue) {
      // First, where it is seen: the step's own lines say what generating means.
      lines.unshift(portal(generating.overdueLine, 'warning', { time }), portal('help_call'));
      actionKey = generating.overdueAction;
    } else lines.push(portal(generating.readyAtLine, 'hint', { time }));
  }
  const submitted = traits.submitted === true;
  if (((generating && !overdue) || submitted) && reminderPlanned(winner, context)) lines.push(guide('reminder_promise'));

  // Applying again while one is generating or valid wastes one of the 3 slots: say so, with how many are left.
  const slots = slotsLeft(winner, context);
  const noReapply = (l: PanelLine) => !!traits.noReapplyLines?.some((key) => key === l.key);
  const warnsAgainstApplying = lines.some(noReapply);
  if (traits.applicationForm && contextIsAboutPage(winner, context) && context.rememberPages === true && context.current) {
    const c = context.current;
    const warn =
      c.state === 'generating'
        ? guide('apply_while_generating', 'warning')
        : c.validUntil && isBeijingDate(c.validUntil)
          ? guide('apply_while_valid', 'warning', { date: formatBeijingDate(c.validUntil, locale) })
          : guide('apply_while_valid_plain', 'warning');
    lines.unshift(...(slots ? [warn, slots] : [warn]));
  } else if (warnsAgainstApplying && slots) {
    const at = lines.findIndex(noReapply);
    lines.splice(at + 1, 0, slots);
  }
  return actionKey ? { lines, actionKey } : { lines };
}

export function buildModel(input: ModelInput): PanelModel {
  const { winner, context, locale } = input;
  const index = MAIN_PATH.indexOf(winner.step);
  const said = guideLines(input);
  const lines = said.lines;
  let view: PanelModel['view'] = 'panel';
  if (winner.step === UNKNOWN_STEP) view = input.unknownOpened ? 'panel' : 'quiet';
  else if (input.collapsed) view = 'launcher';

  const model: PanelModel = {
    locale,
    stringsId: input.stringsId,
    step: winner.step,
    stepNameKey: stepNameKey(winner.step),
    stepNumber: index >= 0 ? index + 1 : null,
    stepCount: MAIN_PATH.length,
    view,
    corner: input.corner,
    target: winner.hasTarget ? (input.winnerIsTop ? 'marked' : 'in-frame') : winner.targetMissingKey ? 'missing' : 'none',
    lines,
    problems: winner.readingProblems.map((l) => portal(l.key, 'warning', withDates(l.params, locale))),
    askConsent: !!context && context.rememberPages === null && input.showsRecords && !input.declinedNow,
  };
  model.actionKey = said.actionKey ?? winner.actionKey ?? (winner.step === UNKNOWN_STEP ? 'action_unknown' : undefined);
  // A reading the guide could not make: the page is the truth, and the help lines can say more.
  if (model.problems.length && !lines.some((l) => l.key === 'help_call')) model.problems.push(portal('help_call'));
  if (winner.annotationState) model.annotationState = winner.annotationState;
  if (winner.targetMissingKey && !winner.hasTarget) model.targetMissingKey = winner.targetMissingKey;
  const quota = quotaLines(input);
  if (quota) model.quota = quota;
  // Spent quota (as counted conservatively): the holder may still try, so the outline stays.
  if (quota?.full) model.actionKey = 'action_quota_full';
  if (input.declinedNow) model.note = guide('consent_declined');
  else if (input.note) model.note = noteLine(input.note, locale);
  const lastDay = lastDayQuestion(input);
  if (lastDay) {
    model.lastDay = lastDay;
    // The question says it all: the bare "could not read" warning and a stored-as-unknown note would repeat it.
    const replaced = panelTraits(winner.step, winner).lastDay?.replacesProblem;
    model.problems = model.problems.filter((p) => p.key !== replaced);
    // The help line was for that warning; the question is the way on now.
    if (model.problems.every((p) => p.key === 'help_call')) model.problems = [];
    // The box says what an annotation note would (stored as unknown, the conflict, the day given).
    if (input.note?.kind === 'annotation' && (lastDay.mode !== 'ask' || input.note.lastDay === 'unknown')) delete model.note;
  }
  return model;
}
