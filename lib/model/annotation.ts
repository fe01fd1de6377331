import { z } from './zod';
import { beijingDate, RecordSource } from './certificate';
import { addDays, beijingDateAt, compareDates, type BeijingDate } from '../dates/beijing';

/** 证书生成中… / 有效期内 / 加注件已过期 */
export const AnnotationState = z.enum(['generating', 'valid', 'expired']);
export type AnnotationState = z.infer<typeof AnnotationState>;

export const MAX_VALIDITY_DAYS = 90;
export const GENERATION_HOURS = 24;
export const DEFAULT_SCENARIO = '本人调用';

/**
 * A date with where it came from: read from the portal (or from it by the holder), estimated
 * by us, or unknown. An unknown last day is stored as the latest day it can be (the portal
 * showed the annotation valid, and a validity lasts at most 90 days): past that day it has
 * surely lapsed, but no reminder is built on it (lib/reminders/plan.ts) and the holder is
 * asked for the real one.
 */
export const DatedFact = z.strictObject({
  date: beijingDate,
  source: z.enum(['portal', 'estimated', 'unknown']),
});
export type DatedFact = z.infer<typeof DatedFact>;

export const AnnotationSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    certificateNumber: z.string().trim().min(1).max(64),
    /** When it was applied for (epoch ms). */
    appliedAt: z.number().int().nonnegative(),
    /** True when the application time was inferred (e.g. first seen already valid). */
    appliedAtEstimated: z.boolean(),
    /** 加注有效期, in days. */
    validityDays: z.number().int().min(1).max(MAX_VALIDITY_DAYS),
    /** 使用场景 */
    scenario: z.string().trim().min(1).max(50),
    /** The state as last seen on the portal or recorded; see effectiveState() for now. */
    state: AnnotationState,
    validFrom: DatedFact,
    validUntil: DatedFact,
    source: RecordSource,
    updatedAt: z.number().int().nonnegative(),
  })
  .refine((a) => compareDates(a.validFrom.date, a.validUntil.date) <= 0, {
    message: 'validUntil is before validFrom',
    path: ['validUntil'],
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

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
