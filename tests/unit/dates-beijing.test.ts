import { describe, expect, test } from 'vitest';
import { addDays, beijingDateAt, daysBetween, daysLeft, formatBeijingDate, isBeijingDate, validityEndsAt } from '../../lib/dates/beijing';

describe('Beijing calendar dates, whatever the machine time zone', () => {
  test('today in Beijing turns over at 16:00 UTC', () => {
    expect(beijingDateAt(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(beijingDateAt(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
  test('adding days crosses New Year and 29 February 2028', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });
  test('a validity ends at the next Beijing midnight', () => {
    expect(new Date(validityEndsAt('2026-12-01')).toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });
  test('days left counts today and is 0 once lapsed', () => {
    const lastDayNoon = Date.parse('2026-12-01T04:00:00Z');
    expect(daysLeft('2026-12-01', lastDayNoon)).toBe(1);
    expect(daysLeft('2026-12-01', validityEndsAt('2026-12-01'))).toBe(0);
  });
  test('impossible dates are not dates', () => {
    expect(isBeijingDate('2026-02-30')).toBe(false);
    expect(isBeijingDate('2028-02-29')).toBe(true);
    expect(isBeijingDate('2027-02-29')).toBe(false);
  });
  test('formats in both locales', () => {
    expect(formatBeijingDate('2026-12-01', 'zh_CN')).toBe('2026年12月1日');
    expect(formatBeijingDate('2026-12-01', 'en')).toBe('1 Dec 2026');
  });
});
