import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { findDatesInText, findRangesInText, parsePortalDate, parsePortalRange } from '../../../lib/dates/parse';
import { fromYmd, isValidYmd } from '../../../lib/dates/beijing';

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Every way the portal may write one date. */
function forms(y: number, m: number, d: number): string[] {
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  const base = [
    `${y}-${mm}-${dd}`,
    `${y}-${m}-${d}`,
    `${y}/${m}/${d}`,
    `${y}/${mm}/${dd}`,
    `${y}.${mm}.${dd}`,
    `${y}.${m}.${d}`,
    `${y}年${m}月${d}日`,
    `${y}年${mm}月${dd}日`,
    `${y} 年 ${m} 月 ${d} 日`,
  ];
  return [...base, ...base.map(FULL_WIDTH)];
}

const realDay = fc
  .record({ year: fc.integer({ min: 1990, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter(({ year, month, day }) => isValidYmd(year, month, day));

describe('parsePortalDate', () => {
  test('reads every form the portal may use', () => {
    for (const text of forms(2026, 12, 1)) expect(parsePortalDate(text), text).toEqual({ ok: true, date: '2026-12-01' });
  });
  test('every real date in every form parses back to itself (property)', () => {
    fc.assert(
      fc.property(realDay, ({ year, month, day }) => {
        for (const text of forms(year, month, day)) {
          const r = parsePortalDate(text);
          if (!r.ok || r.date !== fromYmd(year, month, day)) return false;
        }
        return true;
      }),
    );
  });
  test('refuses impossible days with a reason, never rolling over', () => {
    expect(parsePortalDate('2026-02-30')).toEqual({ ok: false, reason: 'impossible', text: '2026-02-30' });
    expect(parsePortalDate('2027年2月29日')).toMatchObject({ ok: false, reason: 'impossible' });
    expect(parsePortalDate('2026/13/01')).toMatchObject({ ok: false, reason: 'impossible' });
    expect(parsePortalDate('2028年2月29日')).toEqual({ ok: true, date: '2028-02-29' });
  });
  test('says empty for blank text and format for anything else', () => {
    expect(parsePortalDate('  \u3000 ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parsePortalDate('')).toMatchObject({ ok: false, reason: 'empty' });
    for (const text of ['2026-12', '12/01/2026', '2026-12/01', '证书生成中…', '20261201', '2026-12-01 至 2026-12-31'])
      expect(parsePortalDate(text), text).toMatchObject({ ok: false, reason: 'format', text });
  });
  test('never throws on random strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = parsePortalDate(s);
        return r.ok === true || ['empty', 'format', 'impossible'].includes(r.reason);
      }),
    );
  });
});

describe('parsePortalRange', () => {
  test.each([
    ['2026-09-03 至 2026-12-01'],
    ['2026-09-03至2026-12-01'],
    ['2026-09-03 - 2026-12-01'],
    ['2026-09-03-2026-12-01'],
    ['2026/9/3-2026/12/1'],
    ['2026.09.03到2026.12.01'],
    ['2026-09-03 ~ 2026-12-01'],
    ['２０２６年９月３日～２０２６年１２月１日'],
    ['2026年9月3日 至 2026年12月1日'],
    ['2026年9月3日—2026-12-01'],
  ])('reads %s', (text) => {
    expect(parsePortalRange(text)).toEqual({ ok: true, from: '2026-09-03', until: '2026-12-01' });
  });
  test('every pair of real dates in every form and joiner parses back (property)', () => {
    fc.assert(
      fc.property(realDay, realDay, fc.constantFrom('至', '-', '~', '到', ' 至 ', ' - ', '～'), (a, b, joiner) => {
        const [x, y] = [fromYmd(a.year, a.month, a.day), fromYmd(b.year, b.month, b.day)].sort();
        const [fa, fb] = [forms(...(x!.split('-').map(Number) as [number, number, number])), forms(...(y!.split('-').map(Number) as [number, number, number]))];
        for (let i = 0; i < fa.length; i++) {
          const r = parsePortalRange(`${fa[i]}${joiner}${fb[(i * 7) % fb.length]}`);
          if (!r.ok || r.from !== x || r.until !== y) return false;
        }
        return true;
      }),
    );
  });
  test('refuses impossible, reversed and malformed ranges with a reason', () => {
    expect(parsePortalRange('2026-02-30 至 2026-05-01')).toMatchObject({ ok: false, reason: 'impossible' });
    expect(parsePortalRange('2026-12-01 至 2026-09-03')).toMatchObject({ ok: false, reason: 'reversed' });
    expect(parsePortalRange('2026-09-03')).toMatchObject({ ok: false, reason: 'format' });
    expect(parsePortalRange('2026-09-03 或 2026-12-01')).toMatchObject({ ok: false, reason: 'format' });
    expect(parsePortalRange('')).toMatchObject({ ok: false, reason: 'empty' });
  });
  test('never throws on random strings (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => typeof parsePortalRange(s).ok === 'boolean'));
  });
});

describe('findDatesInText / findRangesInText', () => {
  test('finds dates in prose, with positions in the original text', () => {
    const text = '加注有效期至：２０２６年１２月１日，批准日期 2022-11-30。';
    const found = findDatesInText(text);
    expect(found.map((f) => f.date)).toEqual(['2026-12-01', '2022-11-30']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('２０２６年１２月１日');
    expect(found[1]!.raw).toBe('2022-11-30');
  });
  test('leaves out impossible dates and digits inside longer numbers', () => {
    expect(findDatesInText('2026-02-30 与 2205110000300127')).toEqual([]);
    expect(findDatesInText('12026-01-01')).toEqual([]);
  });
  test('finds ranges, not single dates, and pairs them left to right', () => {
    const text = '本人调用 2026/5/1-2026/7/29 加注件已过期；本人调用 2026/9/3-2026/12/1 有效';
    expect(findRangesInText(text).map((r) => [r.from, r.until])).toEqual([
      ['2026-05-01', '2026-07-29'],
      ['2026-09-03', '2026-12-01'],
    ]);
    expect(findRangesInText('批准日期 2022-11-30，有效期至 2026-12-01')).toEqual([]);
  });
  test('never throws on random strings (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(findDatesInText(s)) && Array.isArray(findRangesInText(s))));
  });
});
