// The hand-entry forms' rules, pure: a draft of typed text in, either the record to
// store or a reason per field (an i18n key of the popup area) out. Checked on every
// keystroke, and once more by the storage's zod schemas when saved.
import { ANNOTATION_START, type Certificate, type CertificateStatus } from '../model/certificate';
import { DEFAULT_SCENARIO, lastDayKnown, MAX_VALIDITY_DAYS, type Annotation, type AnnotationState } from '../model/annotation';
import { AnnotationSchema, CertificateSchema } from '../model/schemas';
import { addDays, beijingDateAt, compareDates, daysBetween, startOfBeijingDay, type BeijingDate } from '../dates/beijing';
import { parseDateInput, parseTimeInput } from '../ui/dates';

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}
export type Problems<F extends string> = Partial<Record<F, Problem>>;

export interface CertificateDraft {
  number: string;
  qualification: string;
  level: string;
  holderName: string;
  approvalDate: string;
  status: CertificateStatus;
  annotationRequired: 'auto' | 'yes' | 'no';
}
export type CertificateField = keyof CertificateDraft;

export function certificateDraft(c?: Certificate): CertificateDraft {
  return {
    number: c?.number ?? '',
    qualification: c?.qualification ?? '',
    level: c?.level ?? '',
    holderName: c?.holderName ?? '',
    approvalDate: c?.approvalDate ?? '',
    status: c?.status ?? 'valid',
    annotationRequired: c?.annotationRequired === undefined ? 'auto' : c.annotationRequired ? 'yes' : 'no',
  };
}

function tooLong(value: string, max: number): Problem | undefined {
  return value.trim().length > max ? { key: 'errTooLong', params: { max } } : undefined;
}

export function checkCertificate(
  draft: CertificateDraft,
  ctx: { now: number; existingNumbers: ReadonlySet<string>; previous?: Certificate },
): { problems: Problems<CertificateField>; record?: Certificate } {
  const problems: Problems<CertificateField> = {};
  const number = draft.number.trim();
  if (!number) problems.number = { key: 'errRequired' };
  else if (/\s/.test(number)) problems.number = { key: 'errNumberSpaces' };
  else if (!ctx.previous && ctx.existingNumbers.has(number)) problems.number = { key: 'errNumberExists' };
  else problems.number = tooLong(number, 64);
  if (!draft.qualification.trim()) problems.qualification = { key: 'errRequired' };
  else problems.qualification = tooLong(draft.qualification, 200);
  problems.level = tooLong(draft.level, 100);
  problems.holderName = tooLong(draft.holderName, 100);
  let approvalDate: BeijingDate | undefined;
  if (draft.approvalDate.trim()) {
    const parsed = parseDateInput(draft.approvalDate);
    if (!parsed.ok) problems.approvalDate = { key: parsed.reason === 'impossible' ? 'errDateImpossible' : 'errDateFormat' };
    else if (compareDates(parsed.date, beijingDateAt(ctx.now)) > 0) problems.approvalDate = { key: 'errDateFuture' };
    else approvalDate = parsed.date;
  }
  for (const k of Object.keys(problems) as CertificateField[]) if (!problems[k]) delete problems[k];
  if (Object.keys(problems).length) return { problems };

  const now = ctx.now;
  const candidate: Certificate = {
    number,
    qualification: draft.qualification.trim(),
    ...(draft.level.trim() ? { level: draft.level.trim() } : {}),
    ...(draft.holderName.trim() ? { holderName: draft.holderName.trim() } : {}),
    ...(approvalDate ? { approvalDate } : {}),
    status: draft.status,
    ...(draft.annotationRequired === 'auto' ? {} : { annotationRequired: draft.annotationRequired === 'yes' }),
    source: ctx.previous?.source ?? 'manual',
    createdAt: ctx.previous?.createdAt ?? now,
    updatedAt: now,
  };
  const parsed = CertificateSchema.safeParse(candidate);
  if (!parsed.success) return { problems: { number: { key: 'errInvalid' } } };
  return { problems, record: parsed.data };
}

export interface AnnotationDraft {
  appliedDate: string;
  appliedTime: string;
  validityDays: string;
  state: AnnotationState;
  validFrom: string;
  validUntil: string;
}
export type AnnotationField = keyof AnnotationDraft;

function hhmm(instant: number): string {
  return new Date(instant + 8 * 3_600_000).toISOString().slice(11, 16);
}

export function annotationDraft(a: Annotation | undefined, now: number): AnnotationDraft {
  if (!a) {
    return { appliedDate: beijingDateAt(now), appliedTime: hhmm(now), validityDays: String(MAX_VALIDITY_DAYS), state: 'generating', validFrom: '', validUntil: '' };
  }
  return {
    appliedDate: beijingDateAt(a.appliedAt),
    appliedTime: hhmm(a.appliedAt),
    validityDays: String(a.validityDays),
    state: a.state,
    validFrom: a.validFrom.source === 'portal' ? a.validFrom.date : '',
    validUntil: a.validUntil.source === 'portal' ? a.validUntil.date : '',
  };
}

function dateProblem(reason: 'empty' | 'format' | 'impossible'): Problem {
  return { key: reason === 'impossible' ? 'errDateImpossible' : reason === 'empty' ? 'errRequired' : 'errDateFormat' };
}

export function checkAnnotation(
  draft: AnnotationDraft,
  ctx: { now: number; certificateNumber: string; previous?: Annotation; newId: () => string },
): { problems: Problems<AnnotationField>; record?: Annotation } {
  const problems: Problems<AnnotationField> = {};
  const today = beijingDateAt(ctx.now);

  const applied = parseDateInput(draft.appliedDate);
  let appliedDay: BeijingDate | undefined;
  if (!applied.ok) problems.appliedDate = dateProblem(applied.reason);
  else if (compareDates(applied.date, today) > 0) problems.appliedDate = { key: 'errDateFuture' };
  else if (compareDates(applied.date, ANNOTATION_START) < 0) problems.appliedDate = { key: 'errBeforeAnnotationStart' };
  else appliedDay = applied.date;

  const time = parseTimeInput(draft.appliedTime);
  let appliedAt: number | undefined;
  if (!time.ok) problems.appliedTime = { key: time.reason === 'empty' ? 'errRequired' : time.reason === 'impossible' ? 'errTimeImpossible' : 'errTimeFormat' };
  else if (appliedDay) {
    appliedAt = startOfBeijingDay(appliedDay) + time.minutes * 60_000;
    if (appliedAt > ctx.now) problems.appliedTime = { key: 'errTimeFuture' };
  }

  const daysText = draft.validityDays.trim();
  let validityDays: number | undefined;
  if (!daysText) problems.validityDays = { key: 'errRequired' };
  else if (!/^\d+$/.test(daysText)) problems.validityDays = { key: 'errWholeDays', params: { max: MAX_VALIDITY_DAYS } };
  else {
    const n = Number(daysText);
    if (n < 1 || n > MAX_VALIDITY_DAYS) problems.validityDays = { key: 'errValidityRange', params: { max: MAX_VALIDITY_DAYS } };
    else validityDays = n;
  }

  let from: BeijingDate | undefined;
  let until: BeijingDate | undefined;
  if (draft.validFrom.trim()) {
    const p = parseDateInput(draft.validFrom);
    if (!p.ok) problems.validFrom = dateProblem(p.reason);
    else if (appliedDay && compareDates(p.date, appliedDay) < 0) problems.validFrom = { key: 'errFromBeforeApplied' };
    else from = p.date;
  }
  if (draft.validUntil.trim()) {
    const p = parseDateInput(draft.validUntil);
    if (!p.ok) problems.validUntil = dateProblem(p.reason);
    else until = p.date;
  } else if (ctx.previous && !lastDayKnown(ctx.previous) && draft.state === 'valid') {
    // The last day was never read: saving must not turn it into a guess.
    problems.validUntil = { key: 'errLastDayNeeded' };
  }
  if (!problems.validFrom && !problems.validUntil && appliedDay && validityDays) {
    const start = from ?? appliedDay;
    const end = until ?? addDays(start, validityDays - 1);
    const span = daysBetween(start, end) + 1;
    if (compareDates(end, start) < 0) problems.validUntil = { key: 'errUntilBeforeFrom' };
    else if (span > validityDays) problems.validUntil = { key: 'errSpanTooLong', params: { days: span, max: validityDays } };
    else if (draft.state === 'valid' && compareDates(end, today) < 0) problems.state = { key: 'errValidButPast' };
    if (!problems.validUntil && !problems.state) {
      from = start;
      until = end;
    }
  }
  if (Object.keys(problems).length || appliedAt === undefined || !validityDays || !from || !until) return { problems };

  const candidate: Annotation = {
    id: ctx.previous?.id ?? ctx.newId(),
    certificateNumber: ctx.certificateNumber,
    appliedAt,
    appliedAtEstimated: false,
    validityDays,
    scenario: ctx.previous?.scenario ?? DEFAULT_SCENARIO,
    state: draft.state,
    validFrom: { date: from, source: draft.validFrom.trim() ? 'portal' : 'estimated' },
    validUntil: { date: until, source: draft.validUntil.trim() ? 'portal' : 'estimated' },
    source: ctx.previous?.source ?? 'manual',
    updatedAt: ctx.now,
  };
  const parsed = AnnotationSchema.safeParse(candidate);
  if (!parsed.success) return { problems: { validUntil: { key: 'errInvalid' } } };
  return { problems, record: parsed.data };
}

export function newAnnotationId(): string {
  return `manual-${crypto.randomUUID()}`;
}
