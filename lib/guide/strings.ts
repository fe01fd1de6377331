// The panel's words: its own chrome (the "guide" area) and the portal's hints and
// warnings (the "portal" area, written with the step modules). The content script does
// not carry the string tables: the build puts every area into _locales (keys
// <area>_<key>), which i18n.getMessage reads in the browser's language. Only when the
// holder chose the other language in settings does the background send that table.
import type { Locale } from '../i18n/locale';
import { formatMessage } from '../i18n/translate';
import type zhGuide from '../i18n/zh_CN/guide.json';

export type GuideKey = keyof typeof zhGuide;
export type Area = 'guide' | 'portal';
export type Params = Record<string, string | number>;
/** A string of an area, or undefined when there is none. */
export type Lookup = (area: Area, key: string) => string | undefined;
export interface StringTables {
  guide: Record<string, string>;
  portal: Record<string, string>;
}

export interface Strings {
  locale: Locale;
  /** The panel's own strings. */
  t: (key: GuideKey, params?: Params) => string;
  /** A key of the step modules; a missing one comes back as itself, never as markup. */
  portal: (key: string, params?: Params) => string;
}

/** Placeholders are {name} (counts in plural form, lib/i18n/translate.ts); values go in as plain text. */
export function fill(text: string, params: Params | undefined, locale: Locale): string {
  return formatMessage(text, params, locale);
}

export function makeStrings(locale: Locale, lookup: Lookup): Strings {
  return {
    locale,
    t: (key, params) => fill(lookup('guide', key) ?? key, params, locale),
    portal: (key, params) => fill(lookup('portal', key) ?? key, params, locale),
  };
}

export interface I18nLike {
  getMessage(name: string): string;
}

/** Strings from the extension's _locales, in the browser's own language. */
export function i18nLookup(i18n: I18nLike | undefined): Lookup {
  return (area, key) => {
    try {
      return i18n?.getMessage(`${area}_${key}`) || undefined;
    } catch {
      return undefined;
    }
  };
}

export function tableLookup(tables: StringTables): Lookup {
  return (area, key) => {
    const text = tables[area][key];
    return typeof text === 'string' ? text : undefined;
  };
}
