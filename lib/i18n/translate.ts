import type { Locale } from './locale';

export type Dictionary = Record<string, string>;
export type Translations<K extends string = string> = { zh_CN: Record<K, string>; en: Record<K, string> };
export type Params = Record<string, string | number>;
export type Translate<K extends string = string> = (key: K, params?: Params) => string;

// A count is written as ICU's plural form, the same syntax in every locale:
// "{days, plural, one {# day left} other {# days left}}". The branch is chosen by
// Intl.PluralRules of the string's locale and # is the number. Chinese has one form
// ("other"), so its strings simply write "{days}天"; English needs "one" and "other".
// A branch may hold {placeholders} (one level of braces), never another plural.
const PLURAL = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*(?:\{\w+\}[^{}]*)*\})+)\s*\}/g;
const BRANCH = /(\w+)\s*\{([^{}]*(?:\{\w+\}[^{}]*)*)\}/g;
const rules: Partial<Record<Locale, Intl.PluralRules>> = {};

/** The plural category of a number in a locale ("one", "other", ...). */
export function pluralCategory(locale: Locale, n: number): string {
  const r = (rules[locale] ??= new Intl.PluralRules(locale === 'zh_CN' ? 'zh-CN' : 'en'));
  return r.select(n);
}

/**
 * Fills a string's plural forms and {placeholders}; values go in as plain text (the UI
 * renders text, never markup). A placeholder without a value stays as it is.
 */
export function formatMessage(text: string, params: Params | undefined, locale: Locale): string {
  // Most strings hold no placeholder, and most of the rest no plural: nothing to parse.
  if (!params || !text.includes('{')) return text;
  const plural = !text.includes(', plural,') ? text : text.replace(PLURAL, (whole, name: string, branches: string) => {
    const value = params[name];
    if (typeof value !== 'number') return whole;
    const forms: Record<string, string> = {};
    for (const [, category, body] of branches.matchAll(BRANCH)) forms[category!] = body!;
    return (forms[pluralCategory(locale, value)] ?? forms.other ?? '').replace(/#/g, String(value));
  });
  return plural.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The names a string takes: its {placeholders}, plural counts and placeholders inside plural branches. */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)(?:\}|, plural,)/g)) names.add(m[1]!);
  return [...names].sort();
}

/** A translator for one area's strings. */
export function makeTranslate<K extends string>(dicts: Translations<K>, locale: Locale): Translate<K> {
  const dict = dicts[locale];
  return (key, params) => {
    const own = dict[key];
    // A string missing in this locale falls back to Chinese, and so do its plural rules.
    return own !== undefined ? formatMessage(own, params, locale) : formatMessage(dicts.zh_CN[key] ?? key, params, 'zh_CN');
  };
}
