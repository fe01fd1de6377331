// The content script tells which page changes matter by the flow's words
// (lib/guide/relevance.ts), carrying only the words no other word ends in
// (vocabulary.json `endings`): the same answers as with every word, on less to load.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import vocabulary from '../../../lib/report/vocabulary.json';
import { endsInLabel, holdsFlowWord, mayJoinFlowWord } from '../../../lib/guide/relevance';
import { normaliseText } from '../../../lib/portal/text';

const { words, endings } = vocabulary;

describe('the flow words the content script carries', () => {
  test('fewer than half the words, each one of them, and every word ends in one', () => {
    expect(endings.length).toBeLessThan(words.length / 2);
    for (const e of endings) expect(words).toContain(e);
    for (const w of words) expect(endings.some((e) => w.endsWith(e)), w).toBe(true);
  });

  test('a text holds a flow word exactly when recognition reads one in it (every word, spaces dropped, under NFKC)', () => {
    const holdsAny = (t: string) => words.some((w) => t.includes(w));
    // As recognition reads a text (lib/portal/text.ts): normalised, then compared without spaces.
    const read = (t: string) => normaliseText(t).replace(/ /g, '');
    for (const w of words) {
      expect(holdsFlowWord(w), w).toBe(true);
      expect(holdsFlowWord(`说明：${w}。`), w).toBe(true);
      expect(holdsFlowWord(w.slice(0, -1)), w).toBe(holdsAny(w.slice(0, -1)));
    }
    // A word split by a zero-width space or a byte-order mark, or written with a character
    // that NFKC makes one of its ideographs, is still the word a control or message is read as.
    expect(holdsFlowWord('同\u200b意')).toBe(true);
    expect(holdsFlowWord('下\ufeff载')).toBe(true);
    expect(holdsFlowWord('㊐期')).toBe(true);
    expect(holdsFlowWord('关于考试的通知\u200b')).toBe(false);
    const chars = [...new Set(words.join(''))];
    // Every character (radicals, enclosed and compatibility ideographs) that NFKC turns into one of the words' characters.
    const variants: string[] = [];
    for (let cp = 0x2e80; cp <= 0x2fa1f; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const n = c.normalize('NFKC');
      if (n !== c && chars.includes(n)) variants.push(c);
    }
    expect(variants.length).toBeGreaterThan(5);
    for (const v of variants) {
      const c = v.normalize('NFKC');
      for (const w of words.filter((w) => w.includes(c))) expect(holdsFlowWord(w.replace(c, v)), `${w} with ${v}`).toBe(true);
    }
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom(...words), fc.constantFrom(...variants), fc.constantFrom(' ', '：', 'a', '1', '\u200b', '\ufeff', '\u00a0', '　', '\n')), { maxLength: 12 }),
        (parts) => {
          const text = parts.join('');
          expect(holdsFlowWord(text), JSON.stringify(parts)).toBe(holdsAny(read(text)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('a part of a flow word is known as one: taken away or put in, what is left or what it joins is read again', () => {
    // Whichever way a word is cut, the part that goes or comes holds a word or may join one
    // (relevance.ts holds), or what stays beside it holds one of the words whole (read in the
    // ancestors' text, nearFlow).
    const known = (part: string) => holdsFlowWord(part) || mayJoinFlowWord(part);
    for (const w of words) {
      for (let k = 1; k < w.length; k++) {
        const [left, right] = [w.slice(0, k), w.slice(k)];
        expect(known(right) || holdsFlowWord(left), `${left}|${right}`).toBe(true);
        expect(known(left) || holdsFlowWord(right), `${left}|${right}`).toBe(true);
        for (let j = k + 1; j < w.length; j++) {
          const [a, m, b] = [w.slice(0, k), w.slice(k, j), w.slice(j)];
          expect(known(m) || holdsFlowWord(a) || holdsFlowWord(b), `${a}|${m}|${b}`).toBe(true);
        }
      }
    }
    expect(mayJoinFlowWord('注申请成功')).toBe(true);
    expect(mayJoinFlowWord('同\u200b')).toBe(true);
    // A clock and a notice ticker join nothing.
    for (const t of ['10:00:01', '19:43:12.3', '关于2021年度考试报名安排的通知（第3号）', '', ' ']) expect(mayJoinFlowWord(t), t).toBe(false);
  });

  test('a text ends in a label (a flow word, perhaps a colon) exactly when it ends in one of every word, however long it is', () => {
    const endsInAny = (t: string) => {
      const n = normaliseText(t).replace(/ /g, '');
      return words.some((w) => n.endsWith(w) || n.endsWith(`${w}:`));
    };
    for (const w of words) {
      expect(endsInLabel(w), w).toBe(true);
      expect(endsInLabel(`  证书  ${w}：\n `), w).toBe(true);
      expect(endsInLabel(`${w}。`), w).toBe(endsInAny(`${w}。`));
    }
    const chars = [...new Set(words.join(''))];
    const filler = '关于考试报名安排的通知 2026年 '.repeat(40);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom(...words), fc.constantFrom(' ', '　', '\n', '：', ':', 'a', '1', '\u00a0', '\u200b', '︰')), { maxLength: 14 }),
        (long, parts) => {
          const text = (long ? filler : '') + parts.join('');
          expect(endsInLabel(text), JSON.stringify(parts)).toBe(endsInAny(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
