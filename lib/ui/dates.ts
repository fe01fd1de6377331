// Dates typed by hand: the forms accept the forms a holder copies from the portal
// (2026-03-01, 2026/3/1, 2026.03.01, 2026年3月1日) and refuse impossible days with a reason
// instead of rolling them over (2026-02-30 is not 2 March).
import { fromYmd, isBeijingDate, isValidYmd, type BeijingDate } from '../dates/beijing';

export type DateInputResult = { ok: true; date: BeijingDate } | { ok: false; reason: 'empty' | 'format' | 'impossible' };

const FORMS = [/^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/, /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/];

export function parseDateInput(text: string): DateInputResult {
  const value = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!value) return { ok: false, reason: 'empty' };
  for (const form of FORMS) {
    const m = form.exec(value);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isValidYmd(year, month, day)) return { ok: false, reason: 'impossible' };
    const date = fromYmd(year, month, day);
    return isBeijingDate(date) ? { ok: true, date } : { ok: false, reason: 'impossible' };
  }
  return { ok: false, reason: 'format' };
}

export type TimeInputResult = { ok: true; minutes: number } | { ok: false; reason: 'empty' | 'format' | 'impossible' };

/** 'HH:MM' (24-hour clock) to minutes after midnight. */
export function parseTimeInput(text: string): TimeInputResult {
  const value = text.trim().replace('：', ':');
  if (!value) return { ok: false, reason: 'empty' };
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m) return { ok: false, reason: 'format' };
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return { ok: false, reason: 'impossible' };
  return { ok: true, minutes: h * 60 + min };
}
