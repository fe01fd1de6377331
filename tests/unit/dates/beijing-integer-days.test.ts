// The integer day arithmetic in lib/dates/beijing.ts must give exactly what the Date-based
// code it replaced gave, for every input, valid or not: these reference functions are
// that code, kept here as the specification.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  beijingDateAt,
  beijingDateOfDayNumber,
  beijingDayNumber,
  beijingDayNumberAt,
  daysBetween,
  startOfBeijingDay,
  validityEndsAt,
  ymd,
} from '../../../lib/dates/beijing';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const ref = {
  ymd(date: string) {
    const m = ISO.exec(date);
    if (!m) throw new RangeError(`not a date: ${date}`);
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  },
  dayNumber(date: string) {
    const { year, month, day } = ref.ymd(date);
    return Date.UTC(year, month - 1, day) / DAY;
  },
  fromDayNumber: (n: number) => new Date(n * DAY).toISOString().slice(0, 10),
  beijingDateAt: (instant: number | Date) => new Date(+instant + CST).toISOString().slice(0, 10),
  addDays: (date: string, days: number) => ref.fromDayNumber(ref.dayNumber(date) + days),
  startOfBeijingDay: (date: string) => ref.dayNumber(date) * DAY - CST,
  validityEndsAt: (date: string) => ref.startOfBeijingDay(ref.addDays(date, 1)),
};

/** What a call gives: its value, or the kind of error it throws. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: (e as Error).constructor.name };
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Date-shaped strings of every kind: real days, 2026-02-30, month 00 or 13+, years 0000-9999. */
const dateShaped = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1890, max: 2210 })), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const realDate = fc.integer({ min: -80_000, max: 120_000 }).map((n) => ref.fromDayNumber(n));
const anyString = fc.oneof(dateShaped, realDate, fc.string({ maxLength: 12 }), fc.constantFrom('2026-1-01', '2026-01-01 ', ' 2026-01-01', '2026/01/01', '２０２６-01-01', '2026-01-0a'));
const dayCount = fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -3_000_000, max: 3_000_000 }), fc.double({ min: -1e5, max: 1e5, noNaN: true }));
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.double({ min: -1e14, max: 1e14, noNaN: true }),
);

describe('Beijing day numbers: the same answers as Date', { timeout: 60_000 }, () => {
  test('ymd, startOfBeijingDay and validityEndsAt, on any string', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(outcome(() => ymd(s))).toEqual(outcome(() => ref.ymd(s)));
        expect(outcome(() => startOfBeijingDay(s))).toEqual(outcome(() => ref.startOfBeijingDay(s)));
        expect(outcome(() => validityEndsAt(s))).toEqual(outcome(() => ref.validityEndsAt(s)));
        expect(outcome(() => beijingDayNumber(s))).toEqual(outcome(() => ref.dayNumber(s)));
      }),
      { numRuns: 3000 },
    );
  });

  test('addDays and daysBetween, on any date-shaped string and any count', () => {
    fc.assert(
      fc.property(fc.oneof(dateShaped, realDate), fc.oneof(dateShaped, realDate), dayCount, (a, b, n) => {
        expect(outcome(() => addDays(a, n))).toEqual(outcome(() => ref.addDays(a, n)));
        expect(outcome(() => daysBetween(a, b))).toEqual(outcome(() => ref.dayNumber(b) - ref.dayNumber(a)));
      }),
      { numRuns: 3000 },
    );
  });

  test('beijingDateAt and beijingDayNumberAt, on any instant, number or Date', () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(outcome(() => beijingDateAt(t))).toEqual(outcome(() => ref.beijingDateAt(t)));
        expect(outcome(() => beijingDateAt(new Date(t)))).toEqual(outcome(() => ref.beijingDateAt(new Date(t))));
        expect(outcome(() => beijingDayNumberAt(t))).toEqual(outcome(() => ref.dayNumber(ref.beijingDateAt(t))));
      }),
      { numRuns: 3000 },
    );
  });

  test('days turn into their dates and back: every day of 1800-2300, every year end and leap day of 0100-9999', () => {
    const days = new Set<number>();
    for (let n = Date.UTC(1800, 0, 1) / DAY; n <= Date.UTC(2300, 11, 31) / DAY; n++) days.add(n);
    for (let y = 99; y <= 10_000; y++) {
      for (const [m, d] of [[1, 0], [1, 1], [2, 28], [2, 29], [3, 1], [12, 31]] as const) days.add(Math.round(new Date(0).setUTCFullYear(y, m - 1, d) / DAY));
    }
    for (const n of days) {
      const date = beijingDateOfDayNumber(n);
      const expected = ref.fromDayNumber(n);
      if (date !== expected || (/^\d{4}-/.test(date) && Number(date.slice(0, 4)) >= 100 && beijingDayNumber(date) !== n)) {
        expect({ n, date, back: beijingDayNumber(date) }).toEqual({ n, date: expected, back: n });
      }
    }
  });

  test('edges: the fast range ends, invalid instants and non-integers', () => {
    for (const s of ['0099-12-31', '0100-01-01', '9999-12-31', '0000-01-01', '2026-00-10', '2026-13-01', '2028-02-30', '2026-12-00', '2026-12-99', '0100-00-01', '0100-00-00']) {
      expect(outcome(() => addDays(s, 1))).toEqual(outcome(() => ref.addDays(s, 1)));
      expect(outcome(() => addDays(s, -1))).toEqual(outcome(() => ref.addDays(s, -1)));
      expect(outcome(() => validityEndsAt(s))).toEqual(outcome(() => ref.validityEndsAt(s)));
    }
    // Years 0000-0099: Date.UTC reads them as 1900-1999, and the old code went through it.
    const yearFifty = new Date(0).setUTCFullYear(50, 5, 1);
    for (const t of [NaN, Infinity, -Infinity, 8.64e15, 8.64e15 + 1, -8.64e15 - 1, new Date(NaN), yearFifty, Date.UTC(100, 0, 1) - CST, Date.UTC(100, 0, 1) - CST - 1]) {
      expect(outcome(() => beijingDateAt(t))).toEqual(outcome(() => ref.beijingDateAt(t)));
      expect(outcome(() => beijingDayNumberAt(t))).toEqual(outcome(() => ref.dayNumber(ref.beijingDateAt(t))));
    }
    for (const n of [0.5, -0.5, NaN, Infinity, 1e9]) {
      expect(outcome(() => addDays('2026-06-15', n))).toEqual(outcome(() => ref.addDays('2026-06-15', n)));
    }
    expect(outcome(() => ymd(20260101 as unknown as string))).toEqual(outcome(() => ref.ymd(20260101 as unknown as string)));
  });
});
