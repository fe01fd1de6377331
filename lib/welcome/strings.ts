import zh_CN from '../i18n/zh_CN/welcome.json';
import en from '../i18n/en/welcome.json';
import { makeTranslate, type Translate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';

export type WelcomeKey = keyof typeof zh_CN;

export function welcomeTranslate(locale: Locale): Translate<WelcomeKey> {
  return makeTranslate({ zh_CN, en }, locale);
}
