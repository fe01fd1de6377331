// Annotations: their state at a moment, the current one of a certificate, estimates.
// Their shape is in schemas.ts.
import type { Annotation, AnnotationState, DatedFact } from './schemas';
import { addDays, beijingDateAt, compareDates, type BeijingDate } from '../dates/beijing';

export type { Annotation, AnnotationState, DatedFact } from './schemas';

export { MAX_VALIDITY_DAYS } from './limits';
export const GENERATION_HOURS = 24;
export const DEFAULT_SCENARIO = '本人调用';

/** True when the annotation's last valid day is known (read from the portal, or estimated from an application we saw). */
export function lastDayKnown(a: Pick<Annotation, 'validUntil'>): boolean {
  return a.validUntil.source !== 'unknown';
}

/** The Beijing day an annotation was applied for: what the 3-in-90-days rule counts. */
export function appliedDay(a: Pick<Annotation, 'appliedAt'>): BeijingDate {
  return beijingDateAt(a.appliedAt);
}

/**
 * Estimated validity for an application not yet shown by the portal: from the day it
 * was applied for, for the chosen number of days. Early rather than late, so that a
 * reminder never comes after the real expiry.
 */
export function estimateValidity(appliedAt: number, validityDays: number): { validFrom: DatedFact; validUntil: DatedFact } {
  const from = beijingDateAt(appliedAt);
  return {
    validFrom: { date: from, source: 'estimated' },
    validUntil: { date: addDays(from, validityDays - 1), source: 'estimated' },
  };
}

/** The instant an application should be ready (the portal promises within 24 hours). */
export function readyBy(a: Pick<Annotation, 'appliedAt'>): number {
  return a.appliedAt + GENERATION_HOURS * 3_600_000;
}

/**
 * The state at `now`: a generating annotation stays generating until the portal shows it
 * (the ready reminder covers the wait); a valid one lapses after its last valid Beijing day.
 */
export function effectiveState(a: Annotation, now: number): AnnotationState {
  if (a.state === 'expired') return 'expired';
  if (compareDates(beijingDateAt(now), a.validUntil.date) > 0) return 'expired';
  return a.state;
}

/**
 * A certificate's current annotation, derived from its annotations: the most recent
 * application. Never stored.
 */
export function currentAnnotation(annotations: readonly Annotation[], certificateNumber: string): Annotation | undefined {
  let best: Annotation | undefined;
  for (const a of annotations) {
    if (a.certificateNumber !== certificateNumber) continue;
    if (!best || a.appliedAt > best.appliedAt || (a.appliedAt === best.appliedAt && a.updatedAt > best.updatedAt)) best = a;
  }
  return best;
}
