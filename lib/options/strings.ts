import zh_CN from '../i18n/zh_CN/options.json';
import en from '../i18n/en/options.json';
import { makeTranslate, type Translate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';
import type { Problem } from '../popup/forms';

export const optionsStrings = { zh_CN, en };
export type OptionsKey = keyof typeof zh_CN;

export interface OptionsText {
  locale: Locale;
  t: Translate<OptionsKey>;
  say(p: Problem): string;
}

export function optionsText(locale: Locale): OptionsText {
  const t = makeTranslate(optionsStrings, locale);
  return { locale, t, say: (p) => t(p.key as OptionsKey, p.params) };
}
