// Every string in lib/i18n/<locale>/*.json speaks with the glossary's words
// (lib/i18n/glossary.ts), and the two languages say the same things.
import { describe, expect, test } from 'vitest';
import { readCatalog } from '../../lib/i18n/catalog';
import { HELP_LINES, ISO_DATE_EXAMPLE_KEYS, RETIRED } from '../../lib/i18n/glossary';
import { LOCALES } from '../../lib/i18n/locale';

const catalog = readCatalog();

function strings(locale: (typeof LOCALES)[number]): [string, string][] {
  return Object.entries(catalog[locale]).flatMap(([area, table]) => Object.entries(table).map(([key, text]) => [`${area}.${key}`, text] as [string, string]));
}

/** Every string of a locale that uses a retired word, with the word and what to use instead. */
function retiredUses(locale: (typeof LOCALES)[number], table: [string, string][] = strings(locale)): string[] {
  const out: string[] = [];
  for (const [id, text] of table) {
    for (const { pattern, use } of RETIRED[locale]) {
      // Placeholders ({portal}) are names in code, not words the holder reads.
      const m = pattern.exec(text.replace(/\{\w+\}/g, '{}'));
      if (m) out.push(`${id}: "${m[0]}" (use ${use})`);
    }
  }
  return out;
}

describe('glossary (lib/i18n/glossary.ts)', () => {
  test.each(LOCALES)('no %s string uses a retired word', (locale) => {
    expect(retiredUses(locale)).toEqual([]);
  });

  test('the check catches each retired word (it is not vacuous)', () => {
    const zh: [string, string][] = [
      ['a', '打开门户'],
      ['b', '打开人事考试网'],
      ['c', '打开考试网'],
      ['d', '等着就行'],
      ['e', '有一个日期没看懂'],
      ['f', '没能读懂'],
      ['g', '已记住 {n} 本证书'],
      ['h', '3 份证书'],
      ['i', '你好'],
    ];
    expect(retiredUses('zh_CN', zh).map((s) => s.split(':')[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(retiredUses('zh_CN', [['ok', '打开中国人事考试网，本人调用，本扩展，本机，2 张证书']])).toEqual([]);
    expect(retiredUses('en', [['a', 'Open the portal'], ['b', 'just wait']]).length).toBe(2);
    expect(retiredUses('en', [['ok', 'Open the CPTA website {portal}']])).toEqual([]);
  });

  test('the site is named in full where it is named', () => {
    for (const [id, text] of strings('zh_CN')) {
      for (const m of text.matchAll(/考试网/g)) expect(text.slice(Math.max(0, m.index - 4), m.index), id).toBe('中国人事');
    }
  });

  test.each(LOCALES)('%s: prose dates are not ISO (only the form hints show 2026-03-01)', (locale) => {
    const iso = strings(locale).filter(([id, text]) => /\d{4}-\d{2}-\d{2}/.test(text) && !ISO_DATE_EXAMPLE_KEYS.has(id));
    expect(iso.map(([id]) => id)).toEqual([]);
  });
});

describe('both languages say the same things', () => {
  const en = new Map(strings('en'));
  const zh = strings('zh_CN');

  test('the same help lines, written exactly as the guide writes them', () => {
    for (const [id, text] of zh) {
      for (const line of HELP_LINES) expect(en.get(id)?.includes(line) ?? false, `${id} ${line}`).toBe(text.includes(line));
    }
    expect(zh.filter(([, text]) => text.includes(HELP_LINES[0])).length).toBeGreaterThanOrEqual(2);
  });

  test('the same numbers (days, limits, hours), except in the Chinese-only dates', () => {
    const numbers = (text: string) =>
      [...text.replace(/\{\w+\}/g, '').replace(/2021年12月17日|17 Dec 2021/g, 'D').matchAll(/\d+/g)].map((m) => Number(m[0])).filter((n) => n !== 1 && n !== 2 && n !== 3).sort((a, b) => a - b);
    const differ: string[] = [];
    for (const [id, text] of zh) {
      const other = en.get(id);
      if (other === undefined) continue;
      if (JSON.stringify(numbers(text)) !== JSON.stringify(numbers(other))) differ.push(`${id}: ${numbers(text)} / ${numbers(other)}`);
    }
    expect(differ).toEqual([]);
  });

  test('the same portal controls in [brackets]', () => {
    const controls = (text: string) => [...new Set([...text.matchAll(/[[［]([^\]］]+)[\]］]/g)].map((m) => m[1]!.trim()))].filter((c) => /[\u4e00-\u9fff]/.test(c)).sort();
    const differ: string[] = [];
    for (const [id, text] of zh) {
      const other = en.get(id);
      if (other === undefined) continue;
      if (JSON.stringify(controls(text)) !== JSON.stringify(controls(other))) differ.push(`${id}: ${controls(text)} / ${controls(other)}`);
    }
    expect(differ).toEqual([]);
  });
});
