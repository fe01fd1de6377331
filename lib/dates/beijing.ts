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
  const packed = parsePacked(date);
  if (packed >= 0) return { year: Math.floor(packed / 10_000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function fromYmd(year: number, month: number, day: number): BeijingDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Day numbers (whole days since 1970-01-01) by integer arithmetic: the planner and the
// popup turn thousands of dates into numbers and back, and a Date, an ISO string and a
// regular expression per step were half of the planner's time. The fast paths cover
// years 100-9999; anything else (nonsense years, months 00 or 13+, non-integers) takes
// the original Date-based path, so every answer is the one Date gives.

/** 'YYYY-MM-DD' with month 1-12 and year >= 100 as YYYYMMDD; -1 for anything else. */
function parsePacked(date: BeijingDate): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let packed = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    packed = packed * 10 + digit;
  }
  const month = Math.floor(packed / 100) % 100;
  return month >= 1 && month <= 12 && packed >= 1_000_000 ? packed : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, month 1-12 (any day: it rolls over as Date.UTC does). */
function daysFromCivil(year: number, month: number, day: number): number {
  // H. Hinnant's days_from_civil: years start on 1 March, so the leap day comes last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Day numbers whose dates have years 0100-9999: formatted and parsed back exactly. */
const FAST_MIN_DAY = daysFromCivil(100, 1, 1);
const FAST_MAX_DAY = daysFromCivil(9999, 12, 31);
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

function civilFromDays(n: number): BeijingDate {
  // H. Hinnant's civil_from_days.
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

function dayNumber(date: BeijingDate): number {
  const packed = parsePacked(date);
  if (packed >= 0) return daysFromCivil(Math.floor(packed / 10_000), Math.floor(packed / 100) % 100, packed % 100);
  const { year, month, day } = ymd(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): BeijingDate {
  if (Number.isInteger(n) && n >= FAST_MIN_DAY && n <= FAST_MAX_DAY) return civilFromDays(n);
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day number of a Beijing date (days since 1970-01-01), for callers that do their own
 * day arithmetic: daysBetween(a, b) === beijingDayNumber(b) - beijingDayNumber(a).
 */
export const beijingDayNumber: (date: BeijingDate) => number = dayNumber;

/** The Beijing date of a day number: addDays(d, n) === beijingDateOfDayNumber(beijingDayNumber(d) + n). */
export const beijingDateOfDayNumber: (n: number) => BeijingDate = fromDayNumber;

/** The day number of the Beijing date at an instant: beijingDayNumber(beijingDateAt(t)), without the string. */
export function beijingDayNumberAt(instant: number | Date): number {
  const n = Math.floor((+instant + CST_OFFSET_MS) / DAY_MS);
  if (n >= FAST_MIN_DAY && n <= FAST_MAX_DAY) return n;
  return dayNumber(beijingDateAt(instant));
}

/** The Beijing calendar date at an instant. */
export function beijingDateAt(instant: number | Date): BeijingDate {
  const n = Math.floor((+instant + CST_OFFSET_MS) / DAY_MS);
  if (n >= FAST_MIN_DAY && n <= FAST_MAX_DAY) return civilFromDays(n);
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
  const next = dayNumber(validUntil) + 1;
  // Within the fast range the date string in between would parse back to the same number.
  if (next >= FAST_MIN_DAY && next <= FAST_MAX_DAY) return next * DAY_MS - CST_OFFSET_MS;
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
