// The reminder ladder as typed: "7, 1" (commas, Chinese commas, 、 or spaces).
import type { Problem } from '../popup/forms';

export const LADDER_MAX_ENTRIES = 10;
export const LADDER_MAX_DAY = 89;

export type LadderResult = { ok: true; days: number[] } | { ok: false; problem: Problem };

export function parseLadder(text: string): LadderResult {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  const days: number[] = [];
  for (const part of parts) {
    const ascii = part.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (!/^\d+$/.test(ascii)) return { ok: false, problem: { key: 'errLadderNumber', params: { part } } };
    const n = Number(ascii);
    if (n < 1 || n > LADDER_MAX_DAY) return { ok: false, problem: { key: 'errLadderRange', params: { part, max: LADDER_MAX_DAY } } };
    if (!days.includes(n)) days.push(n);
  }
  if (days.length > LADDER_MAX_ENTRIES) return { ok: false, problem: { key: 'errLadderTooMany', params: { max: LADDER_MAX_ENTRIES } } };
  return { ok: true, days: days.sort((a, b) => b - a) };
}

export function formatLadder(days: readonly number[]): string {
  return [...days].sort((a, b) => b - a).join(', ');
}
