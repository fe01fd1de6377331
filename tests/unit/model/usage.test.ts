import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, compareDates, startOfBeijingDay, type BeijingDate } from '../../../lib/dates/beijing';
import { appliedDay, effectiveState, estimateValidity, type Annotation } from '../../../lib/model/annotation';
import {
  MAX_PLAN_DAYS,
  USABLE_DAYS_PER_APPLICATION,
  planUsage,
  type PlannedApplication,
  type UsagePlanOk,
} from '../../../lib/model/usage';
import { quotaOn } from '../../../lib/model/quota';
import { annotation, beijingInstant, eachDay } from './fixtures';

const CERT = '2026-SW-000123';
const TODAY = '2026-03-01';
const NOW = beijingInstant(TODAY, 12);

function ok(plan: ReturnType<typeof planUsage>): UsagePlanOk {
  if (!plan.ok) throw new Error(`expected a plan, got ${plan.reason}`);
  return plan;
}

describe('planUsage: examples', () => {
  test('a short range takes one application the day before, with the maximum validity', () => {
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until: '2026-03-20', now: NOW }));
    expect(plan.today).toBe(TODAY);
    expect(plan.existing).toEqual([]);
    expect(plan.applications).toEqual([
      {
        applyOn: '2026-03-09',
        // 2026-03-20 - 89 days is long past: any day from today works.
        earliestApplyOn: TODAY,
        validityDays: 90,
        minimumValidityDays: 12,
        validFrom: '2026-03-09',
        validUntil: '2026-06-06',
        usableFrom: '2026-03-10',
        covers: { from: '2026-03-10', until: '2026-03-20' },
        quotaUsed: 0,
        quotaLimit: 3,
      },
    ]);
  });

  test('89 days of need is the most one application guarantees (the application day is spent generating)', () => {
    const until = addDays('2026-03-10', 88);
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until, now: NOW }));
    expect(plan.applications).toHaveLength(1);
    expect(plan.applications[0]).toMatchObject({ applyOn: '2026-03-09', minimumValidityDays: 90, earliestApplyOn: '2026-03-09', validUntil: until });
  });

  test('exactly 90 days of need takes a second application on the last day of the first', () => {
    const until = addDays('2026-03-10', 89);
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until, now: NOW }));
    expect(plan.applications.map((a) => [a.applyOn, a.covers, a.minimumValidityDays])).toEqual([
      ['2026-03-09', { from: '2026-03-10', until: '2026-06-06' }, 90],
      ['2026-06-06', { from: until, until }, 2],
    ]);
    expect(plan.applications[1]!.quotaUsed).toBe(1);
  });

  test('a long range is chained: one application every 89 days, each the day before it is needed', () => {
    const until = addDays('2026-03-10', 199);
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until, now: NOW }));
    expect(plan.applications.map((a) => a.applyOn)).toEqual(['2026-03-09', '2026-06-06', '2026-09-03']);
    expect(plan.applications.map((a) => a.usableFrom)).toEqual(['2026-03-10', '2026-06-07', '2026-09-04']);
    // The first is 178 days back by the third: out of its 90-day window.
    expect(plan.applications.map((a) => a.quotaUsed)).toEqual([0, 1, 1]);
    expect(plan.applications[2]!.covers).toEqual({ from: '2026-09-04', until });
  });

  test('a range starting tomorrow: apply today', () => {
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-02', until: '2026-03-05', now: NOW }));
    expect(plan.applications.map((a) => [a.applyOn, a.earliestApplyOn])).toEqual([[TODAY, TODAY]]);
  });

  test('a range starting today is too late: usable tomorrow at the soonest, with the plan for that', () => {
    const plan = planUsage({ certificateNumber: CERT, annotations: [], from: TODAY, until: '2026-03-05', now: NOW });
    expect(plan).toMatchObject({ ok: false, reason: 'too-late', today: TODAY, firstUncoveredDay: TODAY, earliestUsableDay: '2026-03-02' });
    if (plan.ok || plan.reason !== 'too-late') throw new Error('unreachable');
    expect(plan.alternative?.from).toBe('2026-03-02');
    expect(plan.alternative?.applications.map((a) => a.applyOn)).toEqual([TODAY]);
  });

  test('"today" is the Beijing day, whatever the machine zone: 23:30 Beijing is still that day', () => {
    const lateTonight = beijingInstant(TODAY, 23) + 30 * 60_000;
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-02', until: '2026-03-02', now: lateTonight }));
    expect(plan.applications[0]!.applyOn).toBe(TODAY);
    const afterMidnight = startOfBeijingDay('2026-03-02') + 60_000;
    const late = planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-02', until: '2026-03-02', now: afterMidnight });
    expect(late).toMatchObject({ ok: false, reason: 'too-late', earliestUsableDay: '2026-03-03' });
  });

  test('a current valid annotation covers the start; the next one is applied for on its last day', () => {
    const current = annotation(CERT, '2026-02-20', 24); // valid 02-20 .. 03-15
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [current], from: '2026-03-10', until: '2026-03-31', now: NOW }));
    expect(plan.existing).toEqual([{ annotationId: current.id, from: '2026-03-10', until: '2026-03-15' }]);
    expect(plan.applications.map((a) => [a.applyOn, a.covers])).toEqual([['2026-03-15', { from: '2026-03-16', until: '2026-03-31' }]]);
    // The existing application counts towards the quota.
    expect(plan.applications[0]!.quotaUsed).toBe(1);
  });

  test('an application is only for the gap before a later existing validity: its minimum and earliest day follow the gap', () => {
    // The portal shows a validity that starts later than it was applied for.
    const later = annotation(CERT, '2026-02-28', 42, 'valid', {
      validFrom: { date: '2026-03-20', source: 'portal' },
      validUntil: { date: '2026-04-30', source: 'portal' },
    });
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [later], from: '2026-03-10', until: '2026-04-10', now: NOW }));
    expect(plan.existing).toEqual([{ annotationId: later.id, from: '2026-03-20', until: '2026-04-10' }]);
    expect(plan.applications).toHaveLength(1);
    expect(plan.applications[0]).toMatchObject({
      applyOn: '2026-03-09',
      covers: { from: '2026-03-10', until: '2026-03-19' },
      minimumValidityDays: 11,
      earliestApplyOn: TODAY,
      quotaUsed: 1,
    });
  });

  test('a range inside a current annotation needs no application, even one starting today', () => {
    const current = annotation(CERT, '2026-02-20', 24);
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [current], from: TODAY, until: '2026-03-15', now: NOW }));
    expect(plan.applications).toEqual([]);
    expect(plan.existing).toEqual([{ annotationId: current.id, from: TODAY, until: '2026-03-15' }]);
  });

  test('a generating annotation applied for today is counted on from tomorrow, not today', () => {
    const generating = annotation(CERT, TODAY, 30, 'generating');
    const fromTomorrow = ok(planUsage({ certificateNumber: CERT, annotations: [generating], from: '2026-03-02', until: '2026-03-20', now: NOW }));
    expect(fromTomorrow.applications).toEqual([]);
    const fromToday = planUsage({ certificateNumber: CERT, annotations: [generating], from: TODAY, until: '2026-03-20', now: NOW });
    expect(fromToday).toMatchObject({ reason: 'too-late', firstUncoveredDay: TODAY, earliestUsableDay: '2026-03-02' });
  });

  test('expired annotations and other certificates cover nothing', () => {
    const lapsed = annotation(CERT, '2026-01-01', 30); // through 01-30
    const otherCert = annotation('OTHER-1', '2026-02-25', 90);
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [lapsed, otherCert], from: '2026-03-10', until: '2026-03-12', now: NOW }));
    expect(plan.existing).toEqual([]);
    expect(plan.applications).toHaveLength(1);
    // The lapsed one was applied for 67 days before 03-09: it still counts (conservative
    // reading); the other certificate's does not.
    expect(plan.applications[0]!.quotaUsed).toBe(1);
  });

  test('quota: three applications in the window block the plan and name the day it frees', () => {
    const used = ['2026-01-10', '2026-01-20', '2026-02-10'].map((d) => annotation(CERT, d, 5));
    const plan = planUsage({ certificateNumber: CERT, annotations: used, from: '2026-03-10', until: '2026-03-20', now: NOW });
    expect(plan).toEqual({
      ok: false,
      reason: 'quota-exceeded',
      applyOn: '2026-03-09',
      quotaUsed: 3,
      quotaLimit: 3,
      // 2026-01-10 + 91 days: the first day it is no longer within 90 days back.
      firstFreeDay: '2026-04-11',
      uncoveredFrom: '2026-03-10',
      usableAgainFrom: '2026-04-12',
      applications: [],
      existing: [],
    });
  });

  test('quota: a range starting the day after the quota frees is allowed', () => {
    const used = ['2026-01-10', '2026-01-20', '2026-02-10'].map((d) => annotation(CERT, d, 5));
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: used, from: '2026-04-12', until: '2026-04-20', now: NOW }));
    expect(plan.applications[0]).toMatchObject({ applyOn: '2026-04-11', quotaUsed: 2 });
    // Applying earlier than the day it frees would be refused: the window bounds it.
    expect(plan.applications[0]!.earliestApplyOn).toBe('2026-04-11');
  });

  test('quota: a too-late request names the day after the quota frees as the soonest', () => {
    const used = ['2026-01-10', '2026-01-20', '2026-02-10'].map((d) => annotation(CERT, d, 5));
    const plan = planUsage({ certificateNumber: CERT, annotations: used, from: TODAY, until: '2026-05-01', now: NOW });
    expect(plan).toMatchObject({ ok: false, reason: 'too-late', earliestUsableDay: '2026-04-12' });
    if (plan.ok || plan.reason !== 'too-late') throw new Error('unreachable');
    expect(plan.alternative?.applications[0]?.applyOn).toBe('2026-04-11');
  });

  test('quota: when a later existing validity starts before the quota frees, that is when it is usable again', () => {
    const later = annotation(CERT, '2026-02-28', 42, 'valid', {
      validFrom: { date: '2026-03-20', source: 'portal' },
      validUntil: { date: '2026-04-30', source: 'portal' },
    });
    const used = [annotation(CERT, '2026-01-10', 5), annotation(CERT, '2026-01-20', 5), later];
    const blocked = planUsage({ certificateNumber: CERT, annotations: used, from: '2026-03-10', until: '2026-04-10', now: NOW });
    expect(blocked).toMatchObject({ ok: false, reason: 'quota-exceeded', firstFreeDay: '2026-04-11', uncoveredFrom: '2026-03-10', usableAgainFrom: '2026-03-20' });
    const late = planUsage({ certificateNumber: CERT, annotations: used, from: TODAY, until: '2026-03-25', now: NOW });
    expect(late).toMatchObject({ ok: false, reason: 'too-late', earliestUsableDay: '2026-03-20' });
    if (late.ok || late.reason !== 'too-late') throw new Error('unreachable');
    expect(late.alternative?.applications).toEqual([]);
  });

  test('until before from, invalid dates and absurd ranges are refused with a reason', () => {
    expect(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until: '2026-03-09', now: NOW })).toEqual({
      ok: false,
      reason: 'until-before-from',
      from: '2026-03-10',
      until: '2026-03-09',
    });
    expect(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-02-30', until: '2026-03-09', now: NOW })).toEqual({
      ok: false,
      reason: 'invalid-date',
      field: 'from',
    });
    expect(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until: '2026/03/12', now: NOW })).toEqual({
      ok: false,
      reason: 'invalid-date',
      field: 'until',
    });
    expect(planUsage({ certificateNumber: CERT, annotations: [], from: '2026-03-10', until: '2030-03-10', now: NOW })).toMatchObject({
      ok: false,
      reason: 'range-too-long',
      maxDays: MAX_PLAN_DAYS,
    });
  });

  test('a single day is planned like any range', () => {
    const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from: '2028-02-29', until: '2028-02-29', now: NOW }));
    expect(plan.applications.map((a) => [a.applyOn, a.minimumValidityDays])).toEqual([['2028-02-28', 2]]);
  });
});

// ---- properties ----

const STATES = ['valid', 'generating', 'expired'] as const;

/** Annotations of the certificate applied for in the 120 days up to today, plus some of another. */
const annotationsArb = fc.array(
  fc.record({
    back: fc.integer({ min: 0, max: 100 }),
    validity: fc.integer({ min: 1, max: 90 }),
    state: fc.constantFrom(...STATES),
    other: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  }),
  { maxLength: 6 },
);

const scenarioArb = fc.record({
  // Around New Year and 29 February 2028 as well as ordinary days.
  today: fc.constantFrom('2026-03-01', '2027-12-20', '2028-02-10', '2026-11-15'),
  hour: fc.integer({ min: 0, max: 23 }),
  startIn: fc.integer({ min: -3, max: 150 }),
  length: fc.integer({ min: 1, max: 400 }),
  anns: annotationsArb,
});

type RawScenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Scenario {
  today: BeijingDate;
  now: number;
  from: BeijingDate;
  until: BeijingDate;
  annotations: Annotation[];
}

function build(s: RawScenario): Scenario {
  const annotations = s.anns.map((a) => annotation(a.other ? 'OTHER-9' : CERT, addDays(s.today, -a.back), a.validity, a.state));
  const from = addDays(s.today, s.startIn);
  return { today: s.today, now: beijingInstant(s.today, s.hour), from, until: addDays(from, s.length - 1), annotations };
}

interface Span {
  from: BeijingDate;
  until: BeijingDate;
}

/** The spec of what existing annotations cover, written out independently of the planner. */
function existingSpans(annotations: readonly Annotation[], now: number): Span[] {
  return annotations
    .filter((a) => a.certificateNumber === CERT && effectiveState(a, now) !== 'expired')
    .map((a) => ({
      from: a.state === 'generating' ? [a.validFrom.date, addDays(appliedDay(a), 1)].sort().at(-1)! : a.validFrom.date,
      until: a.validUntil.date,
    }));
}

const inside = (d: BeijingDate, s: Span) => s.from <= d && d <= s.until;
const coveredBy = (spans: readonly Span[], d: BeijingDate) => spans.some((s) => inside(d, s));
const usableSpan = (applyOn: BeijingDate, validityDays: number): Span => ({ from: addDays(applyOn, 1), until: addDays(applyOn, validityDays - 1) });

function asRecords(apps: readonly PlannedApplication[], day: 'applyOn' | 'earliestApplyOn' = 'applyOn'): Annotation[] {
  return apps.map((a, i) => annotation(CERT, a[day], a.validityDays, 'generating', { id: `p${i}` }));
}

// Property runs are CPU-bound; the suite runs four times on a shared 2-core machine.
describe('planUsage: properties', { timeout: 60_000 }, () => {
  test('every day of the request is covered: by an existing annotation or a planned validity after its generating day', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const plan = planUsage({ certificateNumber: CERT, annotations: s.annotations, from: s.from, until: s.until, now: s.now });
        if (!plan.ok) return;
        const existing = existingSpans(s.annotations, s.now);
        const latest = plan.applications.map((a) => usableSpan(a.applyOn, a.validityDays));
        const earliest = plan.applications.map((a) => usableSpan(a.earliestApplyOn, a.validityDays));
        const minimum = plan.applications.map((a) => usableSpan(a.applyOn, a.minimumValidityDays));
        const uncovered = eachDay(s.from, s.until).filter(
          (d) => !coveredBy(existing, d) && !(coveredBy(latest, d) && coveredBy(earliest, d) && coveredBy(minimum, d)),
        );
        expect(uncovered).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test('each application: validity 1..90, applied on or after today and no later than the day before it is needed', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const plan = planUsage({ certificateNumber: CERT, annotations: s.annotations, from: s.from, until: s.until, now: s.now });
        const apps = plan.ok ? plan.applications : plan.reason === 'quota-exceeded' ? plan.applications : [];
        for (const a of apps) {
          expect(a.validityDays).toBeGreaterThanOrEqual(1);
          expect(a.validityDays).toBeLessThanOrEqual(90);
          expect(a.minimumValidityDays).toBeGreaterThanOrEqual(1);
          expect(a.minimumValidityDays).toBeLessThanOrEqual(a.validityDays);
          expect(compareDates(s.today, a.earliestApplyOn)).toBeLessThanOrEqual(0);
          expect(compareDates(a.earliestApplyOn, a.applyOn)).toBeLessThanOrEqual(0);
          expect(a.applyOn).toBe(addDays(a.covers.from, -1));
          expect(a.usableFrom).toBe(a.covers.from);
          // The validity is what estimateValidity() will record for that application.
          const est = estimateValidity(beijingInstant(a.applyOn, 9), a.validityDays);
          expect([a.validFrom, a.validUntil]).toEqual([est.validFrom.date, est.validUntil.date]);
        }
        // In order, never two for the same days.
        for (let i = 1; i < apps.length; i++) expect(compareDates(apps[i - 1]!.covers.until, apps[i]!.covers.from)).toBeLessThan(0);
      }),
      { numRuns: 200 },
    );
  });

  test('the quota allows every planned application, on its latest and on its earliest day', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const plan = planUsage({ certificateNumber: CERT, annotations: s.annotations, from: s.from, until: s.until, now: s.now });
        const apps = plan.ok ? plan.applications : plan.reason === 'quota-exceeded' ? plan.applications : [];
        const planned = asRecords(apps);
        apps.forEach((a, i) => {
          const before = [...s.annotations, ...planned.slice(0, i)];
          const q = quotaOn(before, CERT, a.applyOn);
          expect(q.canApply).toBe(true);
          expect(a.quotaUsed).toBe(q.used);
          expect(quotaOn(before, CERT, a.earliestApplyOn).canApply).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('never more applications than needed: each one is the only cover of some day, and the count meets the bound', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const plan = planUsage({ certificateNumber: CERT, annotations: s.annotations, from: s.from, until: s.until, now: s.now });
        if (!plan.ok) return;
        const existing = existingSpans(s.annotations, s.now);
        const all = eachDay(s.from, s.until);
        const days = all.filter((d) => !coveredBy(existing, d));
        const spans = plan.applications.map((a) => usableSpan(a.applyOn, a.validityDays));
        spans.forEach((span, i) => {
          const onlyThis = days.some((d) => inside(d, span) && spans.every((other, j) => j === i || !inside(d, other)));
          expect(onlyThis, `application ${i} is needed`).toBe(true);
        });
        // Lower bound: one application serves at most 89 days of need.
        expect(plan.applications.length).toBeGreaterThanOrEqual(Math.ceil(days.length / USABLE_DAYS_PER_APPLICATION));
        // Upper bound: each run of uncovered days takes ceil(run / 89).
        let bound = 0;
        let run = 0;
        const needed = new Set(days);
        for (const d of all) {
          if (needed.has(d)) run++;
          else {
            bound += Math.ceil(run / USABLE_DAYS_PER_APPLICATION);
            run = 0;
          }
        }
        bound += Math.ceil(run / USABLE_DAYS_PER_APPLICATION);
        expect(plan.applications.length).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 200 },
    );
  });

  test('with nothing recorded, any future range can be met with exactly ceil(days / 89) applications', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: MAX_PLAN_DAYS }), fc.integer({ min: 0, max: 23 }), (startIn, length, hour) => {
        const from = addDays(TODAY, startIn);
        const until = addDays(from, length - 1);
        const plan = ok(planUsage({ certificateNumber: CERT, annotations: [], from, until, now: beijingInstant(TODAY, hour) }));
        expect(plan.applications).toHaveLength(Math.ceil(length / USABLE_DAYS_PER_APPLICATION));
      }),
      { numRuns: 200 },
    );
  });

  test('a refusal is true: too late means an uncovered day on or before today; quota means quotaOn refuses that day', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const plan = planUsage({ certificateNumber: CERT, annotations: s.annotations, from: s.from, until: s.until, now: s.now });
        if (plan.ok) return;
        if (plan.reason === 'too-late') {
          expect(compareDates(plan.firstUncoveredDay, s.today)).toBeLessThanOrEqual(0);
          expect(inside(plan.firstUncoveredDay, { from: s.from, until: s.until })).toBe(true);
          expect(coveredBy(existingSpans(s.annotations, s.now), plan.firstUncoveredDay)).toBe(false);
          expect(compareDates(plan.earliestUsableDay, plan.firstUncoveredDay)).toBeGreaterThan(0);
          if (plan.alternative) {
            expect(plan.alternative.from).toBe(plan.earliestUsableDay);
            expect(plan.alternative.until).toBe(s.until);
          }
        } else if (plan.reason === 'quota-exceeded') {
          const q = quotaOn([...s.annotations, ...asRecords(plan.applications)], CERT, plan.applyOn);
          expect(q.canApply).toBe(false);
          expect(plan.firstFreeDay).toBe(q.firstFreeDay);
          expect(plan.uncoveredFrom).toBe(addDays(plan.applyOn, 1));
          expect(compareDates(plan.usableAgainFrom, plan.uncoveredFrom)).toBeGreaterThan(0);
          expect(compareDates(plan.usableAgainFrom, addDays(plan.firstFreeDay, 1))).toBeLessThanOrEqual(0);
          expect(coveredBy(existingSpans(s.annotations, s.now), plan.uncoveredFrom)).toBe(false);
        } else {
          throw new Error(`unexpected reason ${plan.reason}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('the answer does not depend on other certificates\u2019 annotations', () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const s = build(raw);
        const input = { certificateNumber: CERT, from: s.from, until: s.until, now: s.now };
        const withOthers = planUsage({ ...input, annotations: s.annotations });
        const without = planUsage({ ...input, annotations: s.annotations.filter((a) => a.certificateNumber === CERT) });
        expect(withOthers).toEqual(without);
      }),
      { numRuns: 100 },
    );
  });
});
