// Properties of Beijing calendar arithmetic. The same assertions must hold under every
// machine time zone the suite runs in (npm test runs it under four).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  beijingDateAt,
  compareDates,
  daysBetween,
  daysLeft,
  formatBeijingDate,
  formatBeijingDateTime,
  fromYmd,
  isBeijingDate,
  startOfBeijingDay,
  validityEndsAt,
  ymd,
} from '../../../lib/dates/beijing';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Dates near the edges that matter (New Year, 29 February 2028) and anywhere 1990-2100. */
const edgeDate = fc.constantFrom('2026-12-31', '2027-01-01', '2027-12-31', '2028-01-01', '2028-02-28', '2028-02-29', '2028-03-01', '2027-02-28', '2027-03-01');
const anyDate = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
const dateArb = fc.oneof(edgeDate, edgeDate.chain((d) => fc.integer({ min: -400, max: 400 }).map((n) => addDays(d, n))), anyDate);
const offsetArb = fc.integer({ min: -1000, max: 1000 });
/** Instants from 1990 to 2100, with a bias towards Beijing midnights and the minutes around them. */
const instantArb = fc.oneof(
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
  fc.tuple(dateArb, fc.integer({ min: -2, max: 2 })).map(([d, ms]) => startOfBeijingDay(d) + ms),
);

describe('Beijing dates: properties', { timeout: 60_000 }, () => {
  test('every generated date is a real ISO date and round-trips through ymd/fromYmd', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(isBeijingDate(d)).toBe(true);
        const { year, month, day } = ymd(d);
        expect(fromYmd(year, month, day)).toBe(d);
      }),
    );
  });

  test('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(dateArb, offsetArb, (d, n) => {
        const e = addDays(d, n);
        expect(isBeijingDate(e)).toBe(true);
        expect(daysBetween(d, e)).toBe(n);
        expect(addDays(e, -n)).toBe(d);
        expect(addDays(d, daysBetween(d, e))).toBe(e);
      }),
    );
  });

  test('addDays composes and keeps order: a later count is a later date', () => {
    fc.assert(
      fc.property(dateArb, offsetArb, offsetArb, (d, m, n) => {
        expect(addDays(addDays(d, m), n)).toBe(addDays(d, m + n));
        expect(Math.sign(compareDates(addDays(d, m), addDays(d, n)))).toBe(Math.sign(m - n));
      }),
    );
  });

  test('consecutive days are one calendar step apart (no day skipped or repeated)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const next = ymd(addDays(d, 1));
        const cur = ymd(d);
        const sameMonth = next.year === cur.year && next.month === cur.month && next.day === cur.day + 1;
        const newMonth = next.day === 1 && (next.month === cur.month + 1 ? next.year === cur.year : next.month === 1 && cur.month === 12 && next.year === cur.year + 1);
        expect(sameMonth || newMonth).toBe(true);
      }),
    );
  });

  test('beijingDateAt(startOfBeijingDay(d)) is d; a millisecond earlier is the day before', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const start = startOfBeijingDay(d);
        expect(beijingDateAt(start)).toBe(d);
        expect(beijingDateAt(start + DAY - 1)).toBe(d);
        expect(beijingDateAt(start - 1)).toBe(addDays(d, -1));
        expect(beijingDateAt(new Date(start))).toBe(d);
      }),
    );
  });

  test('a Beijing day starts at 16:00 UTC the day before and lasts 24 hours (no daylight saving)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const start = new Date(startOfBeijingDay(d));
        expect(start.getUTCHours()).toBe(16);
        expect(start.getUTCMinutes()).toBe(0);
        expect(startOfBeijingDay(addDays(d, 1)) - startOfBeijingDay(d)).toBe(DAY);
      }),
    );
  });

  test('the Beijing date of an instant is the UTC date eight hours later', () => {
    fc.assert(
      fc.property(instantArb, (t) => {
        expect(beijingDateAt(t)).toBe(new Date(t + 8 * HOUR).toISOString().slice(0, 10));
        const day = beijingDateAt(t);
        expect(startOfBeijingDay(day) <= t && t < startOfBeijingDay(day) + DAY).toBe(true);
      }),
    );
  });

  test('a validity of n days from d ends exactly n days after d starts', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), (d, n) => {
        const validUntil = addDays(d, n - 1);
        expect(validityEndsAt(validUntil) - startOfBeijingDay(d)).toBe(n * DAY);
        expect(beijingDateAt(validityEndsAt(validUntil) - 1)).toBe(validUntil);
      }),
    );
  });

  test('daysLeft counts today: n on the first day of an n-day validity, 1 on the last, 0 after', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: DAY - 1 }), (d, n, ms) => {
        const validUntil = addDays(d, n - 1);
        expect(daysLeft(validUntil, startOfBeijingDay(d) + ms)).toBe(n);
        expect(daysLeft(validUntil, startOfBeijingDay(validUntil) + ms)).toBe(1);
        expect(daysLeft(validUntil, validityEndsAt(validUntil) + ms)).toBe(0);
      }),
    );
  });

  test('formatting in Chinese: 2026年12月1日, numbers without padding, round-tripping to the date', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const text = formatBeijingDate(d, 'zh_CN');
        const m = /^(\d{4})年([1-9]\d?)月([1-9]\d?)日$/.exec(text);
        expect(m, text).not.toBeNull();
        expect(fromYmd(Number(m![1]), Number(m![2]), Number(m![3]))).toBe(d);
      }),
    );
  });

  test('formatting in English: 1 Dec 2026, round-tripping to the date', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const text = formatBeijingDate(d, 'en');
        const m = /^([1-9]\d?) ([A-Z][a-z]{2}) (\d{4})$/.exec(text);
        expect(m, text).not.toBeNull();
        expect(fromYmd(Number(m![3]), MONTHS_EN.indexOf(m![2]!) + 1, Number(m![1]))).toBe(d);
      }),
    );
  });

  test('date-time formatting shows the Beijing date and Beijing clock, in both locales', () => {
    fc.assert(
      fc.property(instantArb, (t) => {
        const shifted = new Date(t + 8 * HOUR);
        const hm = `${String(shifted.getUTCHours()).padStart(2, '0')}:${String(shifted.getUTCMinutes()).padStart(2, '0')}`;
        expect(formatBeijingDateTime(t, 'zh_CN')).toBe(`${formatBeijingDate(beijingDateAt(t), 'zh_CN')} ${hm}`);
        expect(formatBeijingDateTime(t, 'en')).toBe(`${formatBeijingDate(beijingDateAt(t), 'en')}, ${hm}`);
      }),
    );
  });
});

describe('Beijing dates: examples around the edges', () => {
  test('New Year in Beijing comes at 16:00 UTC on 31 December, whatever the machine zone', () => {
    const newYear = startOfBeijingDay('2028-01-01');
    expect(new Date(newYear).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(formatBeijingDateTime(newYear - 60_000, 'zh_CN')).toBe('2027年12月31日 23:59');
    expect(formatBeijingDateTime(newYear, 'en')).toBe('1 Jan 2028, 00:00');
  });

  test('29 February 2028 exists, is counted, and formats', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(formatBeijingDate('2028-02-29', 'zh_CN')).toBe('2028年2月29日');
    expect(formatBeijingDate('2028-02-29', 'en')).toBe('29 Feb 2028');
    expect(validityEndsAt('2028-02-29') - startOfBeijingDay('2028-02-01')).toBe(29 * DAY);
  });

  test('impossible or malformed dates are refused, not rolled over', () => {
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-4-01', '2026-04-1', ' 2026-04-01', '2026/04/01', '']) {
      expect(isBeijingDate(bad), bad).toBe(false);
    }
    expect(isBeijingDate(20260401)).toBe(false);
    expect(() => ymd('2026/04/01')).toThrow(RangeError);
  });
});
