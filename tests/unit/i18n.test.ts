import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { localeMessagesForChrome, readCatalog } from '../../lib/i18n/catalog';
import { LOCALES, resolveLocale } from '../../lib/i18n/locale';
import { makeTranslate } from '../../lib/i18n/translate';

const catalog = readCatalog();
const areas = Object.keys(catalog.zh_CN).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
