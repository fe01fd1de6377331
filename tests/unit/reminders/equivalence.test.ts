// The planner was made faster without changing what it plans: on many varied
// inputs it must give exactly what the original gave (reference-plan.ts), reminder for
// reminder, key for key, in the same order; the badge too. Runs in the suite's zone and
// in zones with daylight saving, where local reminder hours move.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays } from '../../../lib/dates/beijing';
import type { Annotation } from '../../../lib/model/annotation';
import type { Certificate } from '../../../lib/model/certificate';
import type { ReminderLogEntry } from '../../../lib/model/settings';
import { badgeFor, planReminders, type PlanInput } from '../../../lib/reminders/plan';
import { bj, DAY, generateLargeInput, HOUR } from './fixtures';
import { referenceBadgeFor, referencePlanReminders } from './reference-plan';
import { inZone } from './zone';

/** mulberry32, so that one integer from fast-check decides every perturbation. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const params = fc.record({
  certificates: fc.integer({ min: 1, max: 40 }),
  annotations: fc.integer({ min: 0, max: 400 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  nowDays: fc.integer({ min: -400, max: 400 }),
  nowMinutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  ladder: fc.array(fc.constantFrom(-1, 0, 1, 2, 3, 7, 14, 30, 89, 1.5), { maxLength: 6 }),
  reminderHour: fc.integer({ min: 0, max: 23 }),
  quotaReminder: fc.boolean(),
  remindersEnabled: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
  crowded: fc.boolean(),
});
type Params = typeof params extends fc.Arbitrary<infer T> ? T : never;

/**
 * The benchmark generator's records, bent towards the cases the planner distinguishes:
 * annotations first seen valid, portal-confirmed states, unknown certificates, hand-set
 * annotationRequired, applications close together (the quota), equal application times,
 * and a log with shown, snoozed-to-the-past and snoozed-to-the-future entries.
 */
function makeInput(p: Params): PlanInput {
  const now = bj(addDays('2026-06-15', p.nowDays)) + p.nowMinutes * 60_000;
  const base = generateLargeInput({ certificates: p.certificates, annotations: p.annotations, seed: p.seed, now });
  const rnd = random(p.seed ^ 0x5bd1e995);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const certificates: Certificate[] = base.certificates.map((c) => {
    const r = rnd();
    if (r < 0.1) return { ...c, annotationRequired: rnd() < 0.5 };
    if (r < 0.15) return { ...c, status: 'unknown' };
    return c;
  });
  const annotations: Annotation[] = base.annotations.map((a, i) => {
    let out: Annotation = a;
    const r = rnd();
    if (r < 0.15) out = { ...out, appliedAtEstimated: true };
    else if (r < 0.2) out = { ...out, certificateNumber: `UNKNOWN-${i % 3}` };
    else if (r < 0.25) out = { ...out, state: pick(['generating', 'valid', 'expired'] as const) };
    if (p.crowded && rnd() < 0.5) {
      // Applications days apart: the 3-in-90-days window fills.
      const appliedAt = now - Math.floor(rnd() * 200) * DAY + Math.floor(rnd() * 24) * HOUR;
      out = { ...out, appliedAt, updatedAt: appliedAt };
    }
    if (i > 0 && rnd() < 0.05) out = { ...out, appliedAt: base.annotations[i - 1]!.appliedAt };
    return out;
  });
  const firstPlan = referencePlanReminders({ ...base, certificates, annotations, reminderLog: [] });
  const reminderLog: ReminderLogEntry[] = [...base.reminderLog];
  for (const r of firstPlan) {
    const x = rnd();
    if (x < 0.2) reminderLog.push({ id: r.id, shownAt: Math.max(0, now - DAY) });
    else if (x < 0.3) reminderLog.push({ id: r.id, shownAt: Math.max(0, now - DAY), snoozedUntil: Math.max(0, now + Math.floor((rnd() - 0.3) * 20 * DAY)) });
  }
  reminderLog.push({ id: 'quota:nothing:2026-01-01', shownAt: now });
  return {
    certificates,
    annotations,
    reminderLog,
    now,
    settings: { ...base.settings, expiryLadderDays: p.ladder, reminderHour: p.reminderHour, quotaReminder: p.quotaReminder, remindersEnabled: p.remindersEnabled },
  };
}

/** What the compared plans held, so that the test shows it compared the interesting cases. */
const seen = new Set<string>();

function expectSamePlan(input: PlanInput) {
  const expected = referencePlanReminders(input);
  for (const r of expected) seen.add(`${r.kind}${r.snoozed ? ' snoozed' : ''}`);
  const actual = planReminders(input);
  expect(actual).toStrictEqual(expected);
  // Key order too: the plan is logged and compared as JSON elsewhere.
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  const badge = { certificates: input.certificates, annotations: input.annotations, settings: input.settings, now: input.now };
  expect(JSON.stringify(badgeFor(badge))).toBe(JSON.stringify(referenceBadgeFor(badge)));
}

describe('the faster planner plans exactly what the original planned', { timeout: 120_000 }, () => {
  test('on varied generated records, settings, logs and instants', () => {
    seen.clear();
    // A fixed seed: the cases this test says it compared are the same on every run.
    fc.assert(fc.property(params, (p) => expectSamePlan(makeInput(p))), { numRuns: 200, seed: 20261203 });
    expect([...seen].sort()).toEqual(['expired', 'expired snoozed', 'expiring', 'expiring snoozed', 'quota', 'quota snoozed', 'ready', 'ready snoozed']);
  });

  test('in zones with daylight saving and far from UTC', () => {
    for (const tz of ['America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Kiritimati']) {
      inZone(tz, () => fc.assert(fc.property(params, (p) => expectSamePlan(makeInput(p))), { numRuns: 25 }));
    }
  });

  test('on the benchmark input itself (1,000 certificates, 10,000 annotations)', () => {
    const big = generateLargeInput();
    expect(referencePlanReminders(big).length).toBeGreaterThan(1000);
    expectSamePlan(big);
  });
});
