// The content script tells which page changes matter by the flow's words
// (lib/guide/relevance.ts), carrying only the words no other word ends in
// (vocabulary.json `endings`): the same answers as with every word, on less to load.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import vocabulary from '../../../lib/report/vocabulary.json';
import { holdsFlowWord } from '../../../lib/guide/relevance';

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
});
