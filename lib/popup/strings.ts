import zh_CN from '../i18n/zh_CN/popup.json';
import en from '../i18n/en/popup.json';
import { makeTranslate, type Translate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';
import { formatBeijingDate, formatBeijingDateTime, type BeijingDate } from '../dates/beijing';
import type { Problem } from './forms';

export const popupStrings = { zh_CN, en };
export type PopupKey = keyof typeof zh_CN;

export interface PopupText {
  locale: Locale;
  t: Translate<PopupKey>;
  /** A Problem (key + params) in words. */
  say(p: Problem): string;
  date(d: BeijingDate): string;
  dateTime(instant: number): string;
}

export function popupText(locale: Locale): PopupText {
  const t = makeTranslate(popupStrings, locale);
  return {
    locale,
    t,
    say: (p) => t(p.key as PopupKey, p.params),
    date: (d) => formatBeijingDate(d, locale),
    dateTime: (i) => formatBeijingDateTime(i, locale),
  };
}
