// Dates as the portal writes them: 2026-12-01, 2026/12/1, 2026.12.01, 2026年12月1日
// (full-width digits too), and ranges joined by 至 / - / ~ / 到. Impossible days
// (2026-02-30) are refused with a reason, never rolled over to another day.

import { fromYmd, isValidYmd, type BeijingDate } from './beijing';

export type DateProblem = 'empty' | 'format' | 'impossible';
export type RangeProblem = DateProblem | 'reversed';

export type ParsedDate = { ok: true; date: BeijingDate } | { ok: false; reason: DateProblem; text: string };
export type ParsedRange =
  | { ok: true; from: BeijingDate; until: BeijingDate }
  | { ok: false; reason: RangeProblem; text: string };

/** A date found inside longer text; start/end index the original text. */
export interface FoundDate {
  date: BeijingDate;
  start: number;
  end: number;
  raw: string;
}

/** A range found inside longer text: two dates with a joiner between them. */
export interface FoundRange {
  from: BeijingDate;
  until: BeijingDate;
  start: number;
  end: number;
  raw: string;
}

/**
 * Same-length normalisation (so indexes still point into the original): full-width
 * digits and punctuation to ASCII, the dash and tilde look-alikes to - and ~.
 */
export function normaliseDateChars(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0D\uFF5E\uFF0F\uFF0E\u301C\u2010-\u2015\u2212\uFF1A]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    if (c === '\uFF5E' || c === '\u301C') return '~';
    if (c === '\uFF0F') return '/';
    if (c === '\uFF0E') return '.';
    if (c === '\uFF1A') return ':';
    return '-';
  });
}

// One date: 2026年12月1日 (日 optional), or y-m-d with the same separator twice.
const DATE_SOURCE =
  String.raw`(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?!\d)\s*日?` +
  String.raw`|(?<!\d)(\d{4})([-/.])(\d{1,2})\5(\d{1,2})(?!\d)`;
const JOINER_SOURCE = String.raw`\s*(?:至|到|~|-|—|–)\s*`;

const WHOLE_DATE = new RegExp(String.raw`^\s*(?:${DATE_SOURCE})\s*$`);
const ANY_DATE = new RegExp(DATE_SOURCE, 'g');

type Ymd = { year: number; month: number; day: number };

function ymdOf(m: RegExpExecArray | RegExpMatchArray): Ymd {
  return m[1] !== undefined
    ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
    : { year: Number(m[4]), month: Number(m[6]), day: Number(m[7]) };
}

function toDate({ year, month, day }: Ymd): BeijingDate | null {
  return isValidYmd(year, month, day) ? fromYmd(year, month, day) : null;
}

/** One date, the whole text (surrounding spaces allowed). */
export function parsePortalDate(text: string): ParsedDate {
  const source = typeof text === 'string' ? text : '';
  const t = normaliseDateChars(source);
  if (t.trim() === '') return { ok: false, reason: 'empty', text: source };
  const m = WHOLE_DATE.exec(t);
  if (!m) return { ok: false, reason: 'format', text: source };
  const date = toDate(ymdOf(m));
  return date ? { ok: true, date } : { ok: false, reason: 'impossible', text: source };
}

/** Every real date in a text, in order. Impossible ones (2026-02-30) are left out. */
export function findDatesInText(text: string): FoundDate[] {
  const t = normaliseDateChars(typeof text === 'string' ? text : '');
  const out: FoundDate[] = [];
  for (const m of t.matchAll(ANY_DATE)) {
    const date = toDate(ymdOf(m));
    const start = m.index ?? 0;
    if (date) out.push({ date, start, end: start + m[0].length, raw: text.slice(start, start + m[0].length) });
  }
  return out;
}

/** Every date range (date, joiner, date) in a text, in order; reversed or impossible ones left out. */
export function findRangesInText(text: string): FoundRange[] {
  const original = typeof text === 'string' ? text : '';
  const t = normaliseDateChars(original);
  const dates = findDatesInText(original);
  const joiner = new RegExp(`^${JOINER_SOURCE}$`);
  const out: FoundRange[] = [];
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    if (!joiner.test(t.slice(a.end, b.start))) continue;
    if (a.date > b.date) continue;
    out.push({ from: a.date, until: b.date, start: a.start, end: b.end, raw: original.slice(a.start, b.end) });
    i++;
  }
  return out;
}

/** A range, the whole text: 2026-09-03 至 2026-12-01, 2026/9/3-2026/12/1, 2026年9月3日～2026年12月1日. */
export function parsePortalRange(text: string): ParsedRange {
  const source = typeof text === 'string' ? text : '';
  const t = normaliseDateChars(source);
  if (t.trim() === '') return { ok: false, reason: 'empty', text: source };
  const whole = new RegExp(String.raw`^\s*(?:${DATE_SOURCE})${JOINER_SOURCE}(?:${DATE_SOURCE.replace(/\\5/g, '\\12')})\s*$`);
  const m = whole.exec(t);
  if (!m) return { ok: false, reason: 'format', text: source };
  const from = toDate(ymdOf(m));
  const until = toDate(
    m[8] !== undefined
      ? { year: Number(m[8]), month: Number(m[9]), day: Number(m[10]) }
      : { year: Number(m[11]), month: Number(m[13]), day: Number(m[14]) },
  );
  if (!from || !until) return { ok: false, reason: 'impossible', text: source };
  if (from > until) return { ok: false, reason: 'reversed', text: source };
  return { ok: true, from, until };
}
