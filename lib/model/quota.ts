import { addDays, daysBetween, type BeijingDate } from '../dates/beijing';
import { appliedDay, type Annotation } from './annotation';

/** At most 3 annotations of one certificate within 90 days (the guide's rule). */
export const QUOTA_LIMIT = 3;
/**
 * The window, read conservatively (FACTS.md): every application counts, expired or not,
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

export function countsOn(a: Pick<Annotation, 'appliedAt'>, day: BeijingDate): boolean {
  const d = daysBetween(appliedDay(a), day);
  return d >= 0 && d <= QUOTA_WINDOW_DAYS;
}

/** A certificate's quota position on a Beijing day. */
export function quotaOn(annotations: readonly Annotation[], certificateNumber: string, day: BeijingDate): QuotaPosition {
  const counted = annotations
    .filter((a) => a.certificateNumber === certificateNumber && countsOn(a, day))
    .sort((x, y) => x.appliedAt - y.appliedAt);
  const used = counted.length;
  const canApply = used < QUOTA_LIMIT;
  const freesOn = (a: Annotation) => addDays(appliedDay(a), QUOTA_WINDOW_DAYS + 1);
  // With n counted and a limit of 3, the (n - 3 + 1)-th oldest must drop out first.
  const blocker = canApply ? undefined : counted[used - QUOTA_LIMIT];
  const firstFreeDay = blocker ? freesOn(blocker) : null;
  const oldest = counted[0];
  return { used, limit: QUOTA_LIMIT, canApply, counted, firstFreeDay, nextFreesOn: oldest ? freesOn(oldest) : null };
}

