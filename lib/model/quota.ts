import { beijingDateOfDayNumber, beijingDayNumber, beijingDayNumberAt, type BeijingDate } from '../dates/beijing';
import type { Annotation } from './annotation';

/** At most 3 annotations of one certificate within 90 days (the guide's rule). */
export const QUOTA_LIMIT = 3;
/**
 * The window, read conservatively (docs/PORTAL.md): every application counts, expired or not,
 * made on the day itself or in the 90 days before it. Reading it one day wider than the
 * portal may costs a holder at most one day's wait; reading it narrower would send them
 * to a refusal.
 */
export const QUOTA_WINDOW_DAYS = 90;

export interface QuotaPosition {
  used: number;
  limit: number;
  canApply: boolean;
  /** The applications that count, oldest first. */
  counted: Annotation[];
  /** When `canApply` is false: the first Beijing day another application counts as allowed. */
  firstFreeDay: BeijingDate | null;
  /** When some count: the day the oldest counted application stops counting. */
  nextFreesOn: BeijingDate | null;
}

// Day numbers rather than date strings: daysBetween(appliedDay(a), day) without building
// and parsing a string per annotation (the planner asks this for thousands of them).
function countsOnDayNumber(a: Pick<Annotation, 'appliedAt'>, dayNumber: number): boolean {
  const d = dayNumber - beijingDayNumberAt(a.appliedAt);
  return d >= 0 && d <= QUOTA_WINDOW_DAYS;
}

export function countsOn(a: Pick<Annotation, 'appliedAt'>, day: BeijingDate): boolean {
  return countsOnDayNumber(a, beijingDayNumber(day));
}

/** A certificate's quota position on a Beijing day. */
export function quotaOn(annotations: readonly Annotation[], certificateNumber: string, day: BeijingDate): QuotaPosition {
  // Read only once an annotation of this certificate needs it, as before: a bad `day` throws then.
  let dayNumber: number | undefined;
  const counted = annotations
    .filter((a) => a.certificateNumber === certificateNumber && countsOnDayNumber(a, (dayNumber ??= beijingDayNumber(day))))
    .sort((x, y) => x.appliedAt - y.appliedAt);
  const used = counted.length;
  const canApply = used < QUOTA_LIMIT;
  const freesOn = (a: Annotation) => beijingDateOfDayNumber(beijingDayNumberAt(a.appliedAt) + QUOTA_WINDOW_DAYS + 1);
  // With n counted and a limit of 3, the (n - 3 + 1)-th oldest must drop out first.
  const blocker = canApply ? undefined : counted[used - QUOTA_LIMIT];
  const firstFreeDay = blocker ? freesOn(blocker) : null;
  const oldest = counted[0];
  return { used, limit: QUOTA_LIMIT, canApply, counted, firstFreeDay, nextFreesOn: oldest ? freesOn(oldest) : null };
}

