// Beijing calendar dates. The portal's dates are China Standard Time (UTC+8, no
// daylight saving since 1991); the user may be anywhere, so nothing here reads the
// machine's time zone. A BeijingDate is an ISO string 'YYYY-MM-DD'.

export type BeijingDate = string;

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True for a real calendar day: 2026-02-30 is not one. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function isBeijingDate(value: unknown): value is BeijingDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  return !!m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function ymd(date: BeijingDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function fromYmd(year: number, month: number, day: number): BeijingDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayNumber(date: BeijingDate): number {
  const { year, month, day } = ymd(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): BeijingDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The Beijing calendar date at an instant. */
export function beijingDateAt(instant: number | Date): BeijingDate {
  return new Date(+instant + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Beijing. */
export const beijingToday = beijingDateAt;

export function addDays(date: BeijingDate, days: number): BeijingDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: BeijingDate, b: BeijingDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function compareDates(a: BeijingDate, b: BeijingDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The instant a Beijing day starts (00:00 CST). */
export function startOfBeijingDay(date: BeijingDate): number {
  return dayNumber(date) * DAY_MS - CST_OFFSET_MS;
}

/** The instant a validity that runs through `validUntil` (inclusive) ends: next midnight in Beijing. */
export function validityEndsAt(validUntil: BeijingDate): number {
  return startOfBeijingDay(addDays(validUntil, 1));
}

/**
 * Usable days left, counting today: 1 on the last valid day, 0 once it has lapsed.
 */
export function daysLeft(validUntil: BeijingDate, now: number | Date): number {
  return Math.max(0, daysBetween(beijingDateAt(now), validUntil) + 1);
}

/** A Beijing date in words: 2026年12月1日 / 1 Dec 2026. */
export function formatBeijingDate(date: BeijingDate, locale: 'zh_CN' | 'en'): string {
  const { year, month, day } = ymd(date);
  if (locale === 'zh_CN') return `${year}年${month}月${day}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[month - 1]} ${year}`;
}

/** An instant in Beijing time, in words: 2026年12月1日 14:05 / 1 Dec 2026, 14:05 (Beijing time is said by the caller). */
export function formatBeijingDateTime(instant: number, locale: 'zh_CN' | 'en'): string {
  const shifted = new Date(instant + CST_OFFSET_MS);
  const hm = shifted.toISOString().slice(11, 16);
  const date = formatBeijingDate(shifted.toISOString().slice(0, 10), locale);
  return locale === 'zh_CN' ? `${date} ${hm}` : `${date}, ${hm}`;
}
