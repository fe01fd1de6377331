import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, compareDates, daysBetween, startOfBeijingDay, type BeijingDate } from '../../../lib/dates/beijing';
import { appliedDay, type Annotation } from '../../../lib/model/annotation';
import { QUOTA_LIMIT, QUOTA_WINDOW_DAYS, countsOn, quotaOn } from '../../../lib/model/quota';
import { annotation } from './fixtures';

const CERT = 'Q-0001';

describe('quotaOn: examples', () => {
  test('an application counts on its own day and the 90 days after, not on the 91st nor before it', () => {
    const a = annotation(CERT, '2026-01-10', 5, 'expired');
    expect(countsOn(a, '2026-01-09')).toBe(false);
    expect(countsOn(a, '2026-01-10')).toBe(true);
    expect(countsOn(a, '2026-04-10')).toBe(true); // +90
    expect(countsOn(a, '2026-04-11')).toBe(false); // +91
    expect(quotaOn([a], CERT, '2026-04-10').used).toBe(1);
    expect(quotaOn([a], CERT, '2026-04-11').used).toBe(0);
  });

  test('the application day is the Beijing day: 23:59 and 00:01 Beijing fall on different days', () => {
    const lastMinute = annotation(CERT, '2026-01-10', 5, 'expired', { appliedAt: startOfBeijingDay('2026-01-11') - 60_000 });
    const firstMinute = annotation(CERT, '2026-01-11', 5, 'expired', { appliedAt: startOfBeijingDay('2026-01-11') + 60_000 });
    expect(appliedDay(lastMinute)).toBe('2026-01-10');
    expect(appliedDay(firstMinute)).toBe('2026-01-11');
    expect(quotaOn([lastMinute, firstMinute], CERT, '2026-04-11').counted).toEqual([firstMinute]);
  });

  test('three applications in the window: no fourth until the oldest leaves it', () => {
    const used = [annotation(CERT, '2026-02-10', 5), annotation(CERT, '2026-01-10', 5, 'expired'), annotation(CERT, '2026-01-20', 90)];
    const q = quotaOn(used, CERT, '2026-03-01');
    expect(q).toEqual({
      used: 3,
      limit: QUOTA_LIMIT,
      canApply: false,
      counted: [used[1], used[2], used[0]],
      firstFreeDay: '2026-04-11',
      nextFreesOn: '2026-04-11',
    });
    expect(quotaOn(used, CERT, '2026-04-10').canApply).toBe(false);
    expect(quotaOn(used, CERT, '2026-04-11')).toMatchObject({ used: 2, canApply: true, firstFreeDay: null, nextFreesOn: '2026-04-21' });
  });

  test('with four counted (a record made by hand), the second oldest must leave too', () => {
    const used = ['2026-01-01', '2026-01-05', '2026-01-20', '2026-02-01'].map((d) => annotation(CERT, d, 3, 'expired'));
    const q = quotaOn(used, CERT, '2026-03-01');
    expect(q).toMatchObject({ used: 4, canApply: false, firstFreeDay: '2026-04-06', nextFreesOn: '2026-04-02' });
    expect(quotaOn(used, CERT, '2026-04-05').canApply).toBe(false);
    expect(quotaOn(used, CERT, '2026-04-06').canApply).toBe(true);
  });

  test('two counted: one more may be applied for; none counted: nothing frees', () => {
    const used = [annotation(CERT, '2026-01-10', 5), annotation(CERT, '2026-02-10', 5)];
    expect(quotaOn(used, CERT, '2026-03-01')).toMatchObject({ used: 2, canApply: true, firstFreeDay: null, nextFreesOn: '2026-04-11' });
    expect(quotaOn([], CERT, '2026-03-01')).toEqual({ used: 0, limit: 3, canApply: true, counted: [], firstFreeDay: null, nextFreesOn: null });
  });

  test('other certificates never count', () => {
    const others = ['2026-02-01', '2026-02-02', '2026-02-03'].map((d) => annotation('OTHER', d, 5));
    expect(quotaOn(others, CERT, '2026-03-01')).toMatchObject({ used: 0, canApply: true });
    expect(quotaOn(others, 'OTHER', '2026-03-01')).toMatchObject({ used: 3, canApply: false });
  });

  test('the window crosses New Year and 29 February 2028', () => {
    const a = annotation(CERT, '2027-12-01', 5);
    expect(addDays('2027-12-01', QUOTA_WINDOW_DAYS)).toBe('2028-02-29');
    expect(countsOn(a, '2028-02-29')).toBe(true);
    expect(countsOn(a, '2028-03-01')).toBe(false);
  });
});

// ---- properties ----

const dayArb = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-11-01', n));
const appsArb = fc.array(
  fc.record({ day: dayArb, hour: fc.integer({ min: 0, max: 23 }), other: fc.boolean() }),
  { maxLength: 8 },
);

function records(apps: { day: BeijingDate; hour: number; other: boolean }[]): Annotation[] {
  return apps.map((a, i) =>
    annotation(a.other ? 'OTHER' : CERT, a.day, 30, 'expired', { id: `r${i}`, appliedAt: startOfBeijingDay(a.day) + a.hour * 3_600_000 }),
  );
}

describe('quotaOn: properties', { timeout: 60_000 }, () => {
  test('counted are exactly this certificate\u2019s applications made on the day or in the 90 days before it, oldest first', () => {
    fc.assert(
      fc.property(appsArb, dayArb, (apps, day) => {
        const all = records(apps);
        const q = quotaOn(all, CERT, day);
        const expected = all.filter((a) => {
          if (a.certificateNumber !== CERT) return false;
          const back = daysBetween(appliedDay(a), day);
          return back >= 0 && back <= 90;
        });
        expect(new Set(q.counted)).toEqual(new Set(expected));
        expect(q.counted).toHaveLength(expected.length);
        expect(q.used).toBe(expected.length);
        for (let i = 1; i < q.counted.length; i++) expect(q.counted[i - 1]!.appliedAt).toBeLessThanOrEqual(q.counted[i]!.appliedAt);
      }),
      { numRuns: 500 },
    );
  });

  test('canApply iff fewer than 3 are counted; firstFreeDay is set exactly when it cannot', () => {
    fc.assert(
      fc.property(appsArb, dayArb, (apps, day) => {
        const q = quotaOn(records(apps), CERT, day);
        expect(q.canApply).toBe(q.used < 3);
        expect(q.firstFreeDay === null).toBe(q.canApply);
        expect(q.nextFreesOn === null).toBe(q.used === 0);
      }),
      { numRuns: 500 },
    );
  });

  test('with no newer applications, firstFreeDay is the first day after `day` on which one may apply', () => {
    fc.assert(
      fc.property(appsArb, dayArb, (apps, day) => {
        // Only applications up to `day`: "given no new applications".
        const all = records(apps).filter((a) => compareDates(appliedDay(a), day) <= 0);
        const q = quotaOn(all, CERT, day);
        if (q.canApply) return;
        const free = q.firstFreeDay!;
        expect(compareDates(free, day)).toBeGreaterThan(0);
        expect(quotaOn(all, CERT, free).canApply).toBe(true);
        for (let d = addDays(day, 1); d < free; d = addDays(d, 1)) expect(quotaOn(all, CERT, d).canApply, d).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('nextFreesOn: the day the oldest counted application stops counting', () => {
    fc.assert(
      fc.property(appsArb, dayArb, (apps, day) => {
        const q = quotaOn(records(apps), CERT, day);
        const oldest = q.counted[0];
        if (!oldest) return;
        expect(countsOn(oldest, addDays(q.nextFreesOn!, -1))).toBe(true);
        expect(countsOn(oldest, q.nextFreesOn!)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
