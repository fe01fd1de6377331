// "I need the certificate usable from day A to day B": when to apply, with which validity,
// how many annotations that takes, and whether the 3-in-90-days quota allows it.
//
// The model, conservative on both ends so that a plan never leaves the holder without a
// usable certificate:
// - an application made on Beijing day D is usable from D + 1 at the latest (the portal
//   generates it within 24 hours);
// - its validity is counted from D itself, as estimateValidity() records it, so a
//   validity of n days is usable on D + 1 .. D + n - 1 (at most 89 days of need per
//   application);
// - every application counts towards the quota (quotaOn(), the conservative reading).
// Pure: everything it needs comes in as arguments.
import { addDays, beijingDateAt, compareDates, daysBetween, isBeijingDate, startOfBeijingDay, type BeijingDate } from '../dates/beijing';
import {
  DEFAULT_SCENARIO,
  MAX_VALIDITY_DAYS,
  appliedDay,
  effectiveState,
  estimateValidity,
  lastDayKnown,
  type Annotation,
} from './annotation';
import { QUOTA_LIMIT, quotaOn } from './quota';

/** The longest request the planner accepts (three years): longer ones are typing slips. */
export const MAX_PLAN_DAYS = 1096;

/** Days of need one application can cover: its validity minus the day spent generating. */
export const USABLE_DAYS_PER_APPLICATION = MAX_VALIDITY_DAYS - 1;

/** A run of Beijing days, both ends included. */
export interface DaySpan {
  from: BeijingDate;
  until: BeijingDate;
}

export interface UsagePlanInput {
  certificateNumber: string;
  /** Every annotation known (other certificates' are ignored). */
  annotations: readonly Annotation[];
  /** First day the certificate must be usable. */
  from: BeijingDate;
  /** Last day the certificate must be usable (inclusive). */
  until: BeijingDate;
  /** The instant "today" is taken from (epoch ms). */
  now: number;
}

/** Part of the request already covered by an annotation the holder has (valid or generating). */
export interface ExistingCover extends DaySpan {
  annotationId: string;
}

/** One application the holder should make. */
export interface PlannedApplication {
  /** The latest Beijing day to apply on (申请证书加注) so that it is usable in time. */
  applyOn: BeijingDate;
  /**
   * The earliest day applying still covers everything this application is for (with
   * `validityDays`), and the quota allows it. Applying earlier wastes days at the end.
   */
  earliestApplyOn: BeijingDate;
  /** The validity to choose (加注有效期): the maximum, as the guide advises. */
  validityDays: number;
  /** The shortest validity that still covers `covers` when applying on `applyOn`. */
  minimumValidityDays: number;
  /** The validity if applied on `applyOn` with `validityDays`, as estimateValidity() counts it. */
  validFrom: BeijingDate;
  validUntil: BeijingDate;
  /** Usable from this day at the latest (the day after `applyOn`). */
  usableFrom: BeijingDate;
  /** The days of the request this application is for (some may also be covered by existing annotations). */
  covers: DaySpan;
  /** Applications that count towards the quota on `applyOn`, before this one (existing and planned). */
  quotaUsed: number;
  quotaLimit: number;
}

/** The request can be met. `applications` is empty when existing annotations already cover it. */
export interface UsagePlanOk {
  ok: true;
  from: BeijingDate;
  until: BeijingDate;
  /** Beijing day of `now`. */
  today: BeijingDate;
  /** In order of application day; as few as the request needs. */
  applications: PlannedApplication[];
  /** The parts of the request that existing annotations cover. */
  existing: ExistingCover[];
}

/** Why a request cannot be met; `reason` is what the popup turns into words. */
export type UsagePlanProblem =
  /** `from` or `until` is not a real Beijing date. */
  | { ok: false; reason: 'invalid-date'; field: 'from' | 'until' }
  /** `until` is before `from`. */
  | { ok: false; reason: 'until-before-from'; from: BeijingDate; until: BeijingDate }
  /** The request spans more than MAX_PLAN_DAYS. */
  | { ok: false; reason: 'range-too-long'; days: number; maxDays: number }
  /**
   * A day of the request is today or earlier and nothing covers it: an application made
   * now is usable tomorrow at the soonest. `earliestUsableDay` is the first day after
   * `firstUncoveredDay` on which the certificate can be usable (by an existing annotation
   * or one applied for today, or once the quota frees); `alternative` is the plan for
   * `earliestUsableDay`..`until` when that one can be met.
   */
  | {
      ok: false;
      reason: 'too-late';
      today: BeijingDate;
      firstUncoveredDay: BeijingDate;
      earliestUsableDay: BeijingDate;
      alternative: UsagePlanOk | null;
    }
  /**
   * An application needed on `applyOn` would exceed 3 in 90 days. It frees on
   * `firstFreeDay`; from `uncoveredFrom` the certificate would not be usable until
   * `usableAgainFrom`. `applications` are the ones that can be made before that.
   */
  | {
      ok: false;
      reason: 'quota-exceeded';
      applyOn: BeijingDate;
      quotaUsed: number;
      quotaLimit: number;
      firstFreeDay: BeijingDate;
      uncoveredFrom: BeijingDate;
      usableAgainFrom: BeijingDate;
      applications: PlannedApplication[];
      existing: ExistingCover[];
    };

export type UsagePlan = UsagePlanOk | UsagePlanProblem;
export type UsagePlanReason = UsagePlanProblem['reason'];

const max = (a: BeijingDate, b: BeijingDate) => (compareDates(a, b) >= 0 ? a : b);
const min = (a: BeijingDate, b: BeijingDate) => (compareDates(a, b) <= 0 ? a : b);
const inSpan = (d: BeijingDate, s: DaySpan) => compareDates(s.from, d) <= 0 && compareDates(d, s.until) <= 0;

/**
 * The days an existing annotation can be relied on: a valid one over its validity, a
 * generating one from the day after it was applied for (it may take 24 hours).
 */
function existingCover(a: Annotation): DaySpan {
  const from = a.state === 'generating' ? max(a.validFrom.date, addDays(appliedDay(a), 1)) : a.validFrom.date;
  // A last day never read: relied on only up to the day it was last seen valid.
  const until = lastDayKnown(a) ? a.validUntil.date : max(from, min(a.validUntil.date, beijingDateAt(a.updatedAt)));
  return { from, until };
}

/** A stand-in record for a planned application, so quotaOn() counts it. */
function plannedRecord(certificateNumber: string, day: BeijingDate, now: number): Annotation {
  // Noon in Beijing: well inside the day whatever the rounding.
  const appliedAt = startOfBeijingDay(day) + 12 * 3_600_000;
  const { validFrom, validUntil } = estimateValidity(appliedAt, MAX_VALIDITY_DAYS);
  return {
    id: `planned:${day}`,
    certificateNumber,
    appliedAt,
    appliedAtEstimated: true,
    validityDays: MAX_VALIDITY_DAYS,
    scenario: DEFAULT_SCENARIO,
    state: 'generating',
    validFrom,
    validUntil,
    source: 'manual',
    updatedAt: now,
  };
}

/** Plans applications so that the certificate is usable on every day from `from` to `until`. */
export function planUsage(input: UsagePlanInput): UsagePlan {
  const { certificateNumber, annotations, from, until, now } = input;
  if (!isBeijingDate(from)) return { ok: false, reason: 'invalid-date', field: 'from' };
  if (!isBeijingDate(until)) return { ok: false, reason: 'invalid-date', field: 'until' };
  if (compareDates(until, from) < 0) return { ok: false, reason: 'until-before-from', from, until };
  const days = daysBetween(from, until) + 1;
  if (days > MAX_PLAN_DAYS) return { ok: false, reason: 'range-too-long', days, maxDays: MAX_PLAN_DAYS };

  const today = beijingDateAt(now);
  const mine = annotations.filter((a) => a.certificateNumber === certificateNumber);
  const covers = mine
    .filter((a) => effectiveState(a, now) !== 'expired')
    .map((a) => ({ annotationId: a.id, ...existingCover(a) }))
    .filter((c) => compareDates(c.from, c.until) <= 0);
  const existing: ExistingCover[] = covers
    .filter((c) => compareDates(c.from, until) <= 0 && compareDates(c.until, from) >= 0)
    .map((c) => ({ annotationId: c.annotationId, from: max(c.from, from), until: min(c.until, until) }))
    .sort((x, y) => compareDates(x.from, y.from));
  const coveredByExisting = (d: BeijingDate) => existing.some((c) => inSpan(d, c));

  const applications: PlannedApplication[] = [];
  const records: Annotation[] = [...mine];
  /** Usable days of the application being filled, and the last day of need it serves so far. */
  let current: { usable: DaySpan; lastNeeded: BeijingDate } | undefined;

  const close = () => {
    if (!current) return;
    const app = applications[applications.length - 1]!;
    app.covers = { from: app.covers.from, until: current.lastNeeded };
    app.minimumValidityDays = daysBetween(app.applyOn, current.lastNeeded) + 1;
    app.earliestApplyOn = earliestDayFor(app, current.lastNeeded);
    current = undefined;
  };

  // The earliest day on which applying (with the maximum validity) still reaches
  // `lastNeeded`, is not before the previous application, and the quota allows. Every
  // other application counted is on or before the floor, so moving earlier only brings
  // more of them into the window: "allowed" holds on a suffix of days, found by bisection.
  const earliestDayFor = (app: PlannedApplication, lastNeeded: BeijingDate): BeijingDate => {
    const previous = applications[applications.length - 2]?.applyOn;
    let floor = max(today, addDays(lastNeeded, -(app.validityDays - 1)));
    if (previous) floor = max(floor, previous);
    const others = records.filter((r) => r.id !== `planned:${app.applyOn}`);
    const allowed = (offset: number) => quotaOn(others, certificateNumber, addDays(floor, offset)).canApply;
    let lo = 0; // first offset that may be allowed
    let hi = daysBetween(floor, app.applyOn); // allowed: applyOn passed the quota check
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (allowed(mid)) hi = mid;
      else lo = mid + 1;
    }
    return addDays(floor, lo);
  };

  for (let d = from; compareDates(d, until) <= 0; d = addDays(d, 1)) {
    if (current && inSpan(d, current.usable)) {
      if (!coveredByExisting(d)) current.lastNeeded = d;
      continue;
    }
    close();
    if (coveredByExisting(d)) continue;

    // Day d needs a new application.
    if (compareDates(d, today) <= 0) {
      return tooLate(input, today, d, existing, records);
    }
    const applyOn = addDays(d, -1);
    const quota = quotaOn(records, certificateNumber, applyOn);
    if (!quota.canApply) {
      const firstFreeDay = quota.firstFreeDay!;
      let usableAgainFrom = addDays(firstFreeDay, 1);
      const nextExisting = existing.find((c) => compareDates(c.from, d) > 0);
      if (nextExisting) usableAgainFrom = min(usableAgainFrom, nextExisting.from);
      return {
        ok: false,
        reason: 'quota-exceeded',
        applyOn,
        quotaUsed: quota.used,
        quotaLimit: quota.limit,
        firstFreeDay,
        uncoveredFrom: d,
        usableAgainFrom,
        applications,
        existing,
      };
    }
    const validityDays = MAX_VALIDITY_DAYS;
    const validUntil = addDays(applyOn, validityDays - 1);
    applications.push({
      applyOn,
      earliestApplyOn: applyOn,
      validityDays,
      minimumValidityDays: validityDays,
      validFrom: applyOn,
      validUntil,
      usableFrom: d,
      covers: { from: d, until: d },
      quotaUsed: quota.used,
      quotaLimit: QUOTA_LIMIT,
    });
    records.push(plannedRecord(certificateNumber, applyOn, now));
    current = { usable: { from: d, until: validUntil }, lastNeeded: d };
  }
  close();
  return { ok: true, from, until, today, applications, existing };
}

function tooLate(
  input: UsagePlanInput,
  today: BeijingDate,
  firstUncoveredDay: BeijingDate,
  existing: readonly ExistingCover[],
  records: readonly Annotation[],
): UsagePlanProblem {
  // Soonest by a new application: applied today, usable tomorrow, unless the quota is spent.
  const quota = quotaOn(records, input.certificateNumber, today);
  let earliestUsableDay = addDays(quota.canApply ? today : quota.firstFreeDay!, 1);
  // Sooner still if an existing annotation covers a later day of the request.
  // (No existing span contains firstUncoveredDay, so the next one starts after it.)
  const nextExisting = existing.find((c) => compareDates(c.from, firstUncoveredDay) > 0);
  if (nextExisting) earliestUsableDay = min(earliestUsableDay, nextExisting.from);
  let alternative: UsagePlanOk | null = null;
  if (compareDates(earliestUsableDay, input.until) <= 0) {
    const plan = planUsage({ ...input, from: earliestUsableDay });
    if (plan.ok) alternative = plan;
  }
  return { ok: false, reason: 'too-late', today, firstUncoveredDay, earliestUsableDay, alternative };
}
