import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { localeMessagesForChrome, readCatalog } from '../../lib/i18n/catalog';
import { LOCALES, resolveLocale } from '../../lib/i18n/locale';
import { formatMessage, makeTranslate, placeholderNames } from '../../lib/i18n/translate';

const catalog = readCatalog();
const areas = Object.keys(catalog.zh_CN).sort();
const placeholders = placeholderNames;

describe('string catalog (lib/i18n/<locale>/<area>.json)', () => {
  test('both locales have the same areas, and only JSON files', () => {
    expect(Object.keys(catalog.en).sort()).toEqual(areas);
    expect(areas).toContain('manifest');
    for (const locale of LOCALES) {
      const files = readdirSync(join('lib', 'i18n', locale));
      expect(files.filter((f) => !f.endsWith('.json')), locale).toEqual([]);
    }
  });

  test.each(areas)('area "%s": same keys in zh_CN and en', (area) => {
    expect(Object.keys(catalog.en[area]!).sort()).toEqual(Object.keys(catalog.zh_CN[area]!).sort());
  });

  test.each(areas)('area "%s": keys are [A-Za-z0-9_]+, every value a non-empty string', (area) => {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(catalog[locale][area]!)) {
        expect(key, `${locale}/${area}`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(typeof value, `${locale}/${area}.${key}`).toBe('string');
        expect(value.trim(), `${locale}/${area}.${key}`).not.toBe('');
      }
    }
  });

  test.each(areas)('area "%s": each string has the same {placeholders} in both languages', (area) => {
    for (const [key, zh] of Object.entries(catalog.zh_CN[area]!)) {
      const en = catalog.en[area]![key];
      if (en === undefined) continue; // reported by the key-parity test
      expect(placeholders(en), `${area}.${key}`).toEqual(placeholders(zh));
    }
  });
});

describe('_locales for Chrome (localeMessagesForChrome)', () => {
  const chrome = localeMessagesForChrome();

  test('one messages table per locale, zh_CN the default among them', () => {
    expect(Object.keys(chrome).sort()).toEqual([...LOCALES].sort());
  });

  test('message ids are valid Chrome names and unique, also ignoring case (Chrome matches them case-insensitively)', () => {
    for (const locale of LOCALES) {
      const ids = Object.keys(chrome[locale]!);
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_@]+$/);
        expect(id.startsWith('@@'), id).toBe(false);
      }
      expect(new Set(ids.map((id) => id.toLowerCase())).size, locale).toBe(ids.length);
      // No two area/key pairs collapse onto one id (e.g. area "a_b" key "c" and area "a" key "b_c").
      const total = Object.values(catalog[locale]).reduce((n, strings) => n + Object.keys(strings).length, 0);
      expect(ids.length, locale).toBe(total);
    }
  });

  test('both locales have the same ids, and each entry is { message: string }', () => {
    expect(Object.keys(chrome.en!).sort()).toEqual(Object.keys(chrome.zh_CN!).sort());
    for (const locale of LOCALES) {
      for (const [id, entry] of Object.entries(chrome[locale]!)) {
        expect(Object.keys(entry), id).toEqual(['message']);
        expect(typeof entry.message).toBe('string');
        expect(entry.message.length).toBeGreaterThan(0);
      }
    }
  });

  test('ids are <area>_<key>, except the manifest\u2019s own keys, which the manifest names', () => {
    expect(chrome.zh_CN!.extName?.message).toBe(catalog.zh_CN.manifest!.extName);
    expect(chrome.en!.extDescription?.message).toBe(catalog.en.manifest!.extDescription);
    for (const area of areas.filter((a) => a !== 'manifest')) {
      for (const key of Object.keys(catalog.zh_CN[area]!)) expect(chrome.zh_CN![`${area}_${key}`], `${area}_${key}`).toBeDefined();
    }
  });

  test('a "$" in a string survives Chrome\u2019s placeholder syntax (written "$$")', () => {
    for (const locale of LOCALES) {
      for (const [area, strings] of Object.entries(catalog[locale])) {
        for (const [key, text] of Object.entries(strings)) {
          const id = area === 'manifest' ? key : `${area}_${key}`;
          expect(chrome[locale]![id]!.message.replace(/\$\$/g, '$')).toBe(text);
          // Any "$" left unpaired would start a Chrome placeholder.
          expect(chrome[locale]![id]!.message.replace(/\$\$/g, '')).not.toContain('$');
        }
      }
    }
  });

  test('the extension name fits Chrome\u2019s 75-character limit', () => {
    for (const locale of LOCALES) expect(catalog[locale].manifest!.extName!.length).toBeLessThanOrEqual(75);
  });
});

describe('translate and locale', () => {
  test('placeholders are filled as plain text; a missing English string falls back to Chinese, then to the key', () => {
    const t = makeTranslate({ zh_CN: { a: '你好 {name}', b: '只有中文' }, en: { a: 'Hello {name}' } as Record<'a' | 'b', string> }, 'en');
    expect(t('a', { name: '<b>x</b>' })).toBe('Hello <b>x</b>');
    expect(t('b')).toBe('只有中文');
    expect(t('c' as 'a')).toBe('c');
    expect(t('a', {})).toBe('Hello {name}');
  });

  test('Chinese unless the browser is English or the user chose a language', () => {
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh_CN');
    expect(resolveLocale('auto', 'fr')).toBe('zh_CN');
    expect(resolveLocale('auto', undefined)).toBe('zh_CN');
    expect(resolveLocale('zh_CN', 'en-GB')).toBe('zh_CN');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
  });
});

describe('counts: plural forms through Intl.PluralRules (lib/i18n/translate.ts)', () => {
  const days = '{days, plural, one {# day left} other {# days left}}';

  test('English picks "one" for 1 and "other" for the rest; # is the number', () => {
    expect([0, 1, 2, 90].map((n) => formatMessage(days, { days: n }, 'en'))).toEqual(['0 days left', '1 day left', '2 days left', '90 days left']);
  });

  test('Chinese has one form, so a Chinese string in the same syntax always takes "other"', () => {
    const zh = '{days, plural, other {还剩#天}}';
    expect([1, 2].map((n) => formatMessage(zh, { days: n }, 'zh_CN'))).toEqual(['还剩1天', '还剩2天']);
  });

  test('a branch may hold placeholders; a plural whose count is missing or not a number stays as written', () => {
    const text = 'At {date}: {n, plural, one {# certificate of {who}} other {# certificates of {who}}}.';
    expect(formatMessage(text, { date: 'today', n: 1, who: '<b>' }, 'en')).toBe('At today: 1 certificate of <b>.');
    expect(formatMessage(text, { date: 'today', who: 'x' }, 'en')).toBe('At today: {n, plural, one {# certificate of x} other {# certificates of x}}.');
    expect(placeholderNames(text)).toEqual(['date', 'n', 'who']);
  });

  test('a string missing in English falls back to Chinese with Chinese rules', () => {
    const t = makeTranslate({ zh_CN: { a: '{n}张' }, en: {} as Record<'a', string> }, 'en');
    expect(t('a', { n: 1 })).toBe('1张');
  });

  // Every English string, with every value 1 and then 2: a count never reads "1 days" or
  // "2 day", and no string hedges with "(s)".
  const englishStrings = Object.entries(catalog.en).flatMap(([area, strings]) => Object.entries(strings).map(([key, text]) => [`${area}.${key}`, text] as const));
  const filled = (text: string, n: number) => formatMessage(text, Object.fromEntries(placeholderNames(text).map((name) => [name, n])), 'en');
  const ONE_PLURAL = /\b1 (?:[a-z]+ )?(?:days|certificates|annotations|records|applications|times|problems|characters|reminders|entries)\b/i;
  const TWO_SINGULAR = /\b2 (?:[a-z]+ )?(?:day|certificate|annotation|record|application|time|problem|character|reminder|entry)(?![\w-]| records?\b)/i;

  test('the check itself catches the old wordings', () => {
    expect(filled('{days} more days', 1)).toMatch(ONE_PLURAL);
    expect(filled('{n} damaged records', 1)).toMatch(ONE_PLURAL);
    expect(filled('Remembered {n} certificate.', 2)).toMatch(TWO_SINGULAR);
  });

  test.each(englishStrings)('%s: no "1 days", no "2 day", no "(s)"', (_id, text) => {
    expect(text).not.toMatch(/\(s\)/);
    expect(filled(text, 1)).not.toMatch(ONE_PLURAL);
    expect(filled(text, 2)).not.toMatch(TWO_SINGULAR);
  });
});
