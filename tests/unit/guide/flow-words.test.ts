// The content script tells which page changes matter by the flow's words
// (lib/guide/relevance.ts), carrying only the words no other word ends in
// (vocabulary.json `endings`): the same answers as with every word, on less to load.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import vocabulary from '../../../lib/report/vocabulary.json';
import { endsInLabel, holdsFlowWord } from '../../../lib/guide/relevance';
import { normaliseText } from '../../../lib/portal/text';

const { words, endings } = vocabulary;

describe('the flow words the content script carries', () => {
  test('fewer than half the words, each one of them, and every word ends in one', () => {
    expect(endings.length).toBeLessThan(words.length / 2);
    for (const e of endings) expect(words).toContain(e);
    for (const w of words) expect(endings.some((e) => w.endsWith(e)), w).toBe(true);
  });

  test('a text holds a flow word exactly when it holds one of every word', () => {
    const holdsAny = (t: string) => words.some((w) => t.includes(w));
    for (const w of words) {
      expect(holdsFlowWord(w), w).toBe(true);
      expect(holdsFlowWord(`说明：${w}。`), w).toBe(true);
      expect(holdsFlowWord(w.slice(0, -1)), w).toBe(holdsAny(w.slice(0, -1)));
    }
    const chars = [...new Set(words.join(''))];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...chars), fc.constantFrom(...words), fc.constantFrom(' ', '：', 'a', '1')), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(holdsFlowWord(text)).toBe(holdsAny(text.replace(/\s+/g, '')));
      }),
      { numRuns: 2000 },
    );
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
