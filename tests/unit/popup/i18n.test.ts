// The popup, settings, calendar and shared UI strings: both languages complete, the same
// placeholders, keys that Chrome's _locales accept.
import { describe, expect, test } from 'vitest';
import { readCatalog } from '../../../lib/i18n/catalog';
import { placeholderNames } from '../../../lib/i18n/translate';

const AREAS = ['popup', 'options', 'calendar'];
const catalog = readCatalog();
const placeholders = placeholderNames;

describe.each(AREAS)('strings of %s', (area) => {
  const zh = catalog.zh_CN[area]!;
  const en = catalog.en[area]!;
  test('both languages have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(zh), ...Object.values(en)]) expect(v.trim()).not.toBe('');
  });
  test('keys are [A-Za-z0-9_] and placeholders match', () => {
    for (const key of Object.keys(zh)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(placeholders(en[key]!), key).toEqual(placeholders(zh[key]!));
    }
  });
  test('the Chinese strings are Chinese', () => {
    // Language names are written in their own language ("English") in both catalogs.
    const latinOnly = Object.entries(zh).filter(([k, v]) => !k.startsWith('languageName_') && !/[\u4e00-\u9fff]/.test(v));
    expect(latinOnly).toEqual([]);
  });
});
