import type { Locale } from './locale';

export type Dictionary = Record<string, string>;
export type Translations<K extends string = string> = { zh_CN: Record<K, string>; en: Record<K, string> };
export type Translate<K extends string = string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * A translator for one area's strings. Placeholders are written {name}; values are
 * inserted as plain text (the UI renders text, never markup).
 */
export function makeTranslate<K extends string>(dicts: Translations<K>, locale: Locale): Translate<K> {
  const dict = dicts[locale];
  return (key, params) => {
    const text = dict[key] ?? dicts.zh_CN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
