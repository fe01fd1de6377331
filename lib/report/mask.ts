// Redaction by kind, keeping shape: digits → 0, Han characters → 某, other letters → x;
// spaces and punctuation stay. Only the portal's own words (lib/report/vocabulary.json,
// derived from lib/portal) and the few characters that make a date or a day count a date
// or a day count (年 月 日 天 …, next to a digit) are kept as they are. Pure.
import vocabularyFile from './vocabulary.json';

export const MASK_HAN = '某';
export const MASK_DIGIT = '0';
export const MASK_LETTER = 'x';

/** The portal's words, longest first (a longer word wins over a word inside it). */
export const VOCABULARY: readonly string[] = vocabularyFile.words;

const HAN = /\p{Script=Han}/u;
const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;

/** One character masked by its kind (a character outside every kind stays). */
export function maskChar(ch: string): string {
  if (HAN.test(ch)) return MASK_HAN;
  if (DIGIT.test(ch)) return MASK_DIGIT;
  if (LETTER.test(ch)) return MASK_LETTER;
  return ch;
}

/** Every character masked by kind: nothing kept. */
export function maskAll(text: string): string {
  let out = '';
  for (const ch of text) out += maskChar(ch);
  return out;
}

const SPACE = /[\s\u3000\u00a0]/;

/** The portal's words by their first character, longest first (a longer word wins over a word inside it). */
function wordsByFirst(words: readonly string[]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const word of words) {
    const chars = [...word];
    const list = map.get(chars[0]!);
    if (list) list.push(chars);
    else map.set(chars[0]!, [chars]);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
}

const WORDS = wordsByFirst(VOCABULARY);

/** Where a word written from `start` ends (spaces, also full-width or no-break, may stand between its characters), or -1. */
function wordEnd(text: string, start: number, chars: readonly string[]): number {
  let at = start;
  for (let k = 0; k < chars.length; k++) {
    if (k > 0) while (at < text.length && SPACE.test(text[at]!)) at++;
    if (!text.startsWith(chars[k]!, at)) return -1;
    at += chars[k]!.length;
  }
  return at;
}

/**
 * Besides the words: 年 月 日 天 号 时 分 秒 right after a digit (a date stays a date, 90天 a
 * day count); 至 / 到 between digits (a range); and the digits of a day count of one to
 * three digits before 天 (the validity choices 30天 / 60天 / 90天, which the form offers to
 * everyone: lib/portal/readers/apply-form.ts reads them).
 */
const SHAPE_WORDS = [
  /(?<=\p{Nd}[\s\u3000]*)[年月日天号时分秒]/gu,
  /(?<=\p{Nd}[\s\u3000]*[日号]?[\s\u3000]*)[至到](?=[\s\u3000]*\p{Nd})/gu,
  /(?<!\p{Nd})\p{Nd}{1,3}(?=[\s\u3000]*天)/gu,
];

/**
 * The UTF-16 positions of `text` that are kept as they are: every place a portal word is
 * written (words that overlap are all kept: 证书加注信息 holds 证书加注 and 加注信息), and
 * the shape words above.
 */
export function keptPositions(text: string, words: Map<string, string[][]> = WORDS): Uint8Array {
  const kept = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const candidates = words.get(text[i]!);
    if (!candidates) continue;
    for (const chars of candidates) {
      const end = wordEnd(text, i, chars);
      if (end < 0) continue;
      kept.fill(1, i, end);
      break;
    }
  }
  for (const re of SHAPE_WORDS) for (const m of text.matchAll(re)) kept.fill(1, m.index, m.index + m[0].length);
  return kept;
}

/** `text` with everything but the portal's words masked by kind. */
export function maskText(text: string): string {
  if (!text) return text;
  return applyKept(text, keptPositions(text), 0);
}

/** Masks `text` (which starts at `offset` of the string `kept` describes), keeping what `kept` marks. */
export function applyKept(text: string, kept: Uint8Array, offset: number): string {
  let out = '';
  let i = 0;
  for (const ch of text) {
    out += kept[offset + i] ? ch : maskChar(ch);
    i += ch.length;
  }
  return out;
}

/** A name or id as markup uses it (name="yzm", for="days"): letters kept, digits masked. */
export function maskIdentifier(text: string): string {
  return text.replace(/\p{Nd}/gu, MASK_DIGIT).replace(/\p{Script=Han}/gu, MASK_HAN);
}

/**
 * A script snippet (javascript: links, onclick): the code's own names stay (certDown,
 * window.open), the contents of its strings are masked by kind, and every digit is masked.
 */
export function maskCode(code: string): string {
  let out = '';
  let quote = '';
  for (const ch of code) {
    if (quote) {
      if (ch === quote) quote = '';
      out += quote && ch !== '\\' ? maskChar(ch) : ch;
    } else {
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      out += DIGIT.test(ch) ? MASK_DIGIT : HAN.test(ch) ? MASK_HAN : ch;
    }
  }
  return out;
}

/**
 * A segment of a path: its digits masked (a number in a path would be the holder's, and
 * no step reads one), and a segment that is percent-encoded (a name in Han characters) or
 * holds an @ masked whole.
 */
function maskPathSegment(segment: string): string {
  if (/[%@]/.test(segment)) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Not valid percent-encoding: masked as it is.
    }
    return maskAll(decoded);
  }
  return segment.replace(/\p{Nd}/gu, MASK_DIGIT);
}

/**
 * A URL: scheme, host and path stay (the path's numbers and encoded names masked);
 * query values and the fragment are masked by kind; a javascript: URL keeps only the
 * names of the code it runs.
 */
export function maskUrl(raw: string, base?: string): string {
  const text = raw.trim();
  if (/^javascript:/i.test(text)) return maskCode(text);
  if (/^(?:mailto|tel|sms|data|blob):/i.test(text)) return text.slice(0, text.indexOf(':') + 1) + maskAll(text.slice(text.indexOf(':') + 1));
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return maskAll(text);
  }
  const relative = !/^[a-z][a-z\d+.-]*:/i.test(text) && base !== undefined;
  const path = url.pathname.split('/').map(maskPathSegment).join('/');
  const query = url.search
    ? '?' +
      url.search
        .slice(1)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          return eq < 0 ? maskAll(pair) : `${pair.slice(0, eq)}=${maskAll(pair.slice(eq + 1))}`;
        })
        .join('&')
    : '';
  const hash = url.hash ? '#' + maskAll(url.hash.slice(1)) : '';
  if (relative && url.origin === new URL(base!).origin && !/^\/\//.test(text)) return `${path}${query}${hash}`;
  if (!/^https?:$/.test(url.protocol)) return `${url.protocol}${maskAll(text.slice(url.protocol.length))}`;
  return `${url.protocol}//${url.host}${path}${query}${hash}`;
}
