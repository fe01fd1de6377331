import zh_CN from '../i18n/zh_CN/popup.json';
import en from '../i18n/en/popup.json';
import { makeTranslate, type Translate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';
import { formatBeijingDate, formatBeijingDateTime, fromYmd, type BeijingDate } from '../dates/beijing';
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
  /** An instant on this computer's clock (reminders ring at the local hour). */
  localDateTime(instant: number): string;
}

function localDateTime(instant: number, locale: Locale): string {
  const d = new Date(instant);
  const date = formatBeijingDate(fromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()), locale);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return locale === 'zh_CN' ? `${date} ${hm}` : `${date}, ${hm}`;
}

export function popupText(locale: Locale): PopupText {
  const t = makeTranslate(popupStrings, locale);
  return {
    locale,
    t,
    say: (p) => t(p.key as PopupKey, p.params),
    date: (d) => formatBeijingDate(d, locale),
    dateTime: (i) => formatBeijingDateTime(i, locale),
    localDateTime: (i) => localDateTime(i, locale),
  };
}
