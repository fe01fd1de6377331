// The guide's and the portal's string tables, for the background to hand to a panel
// whose holder chose a language other than the browser's. Not imported by the content
// script (it reads _locales).
import type { Locale } from '../i18n/locale';
import type { StringTables } from './strings';
import zhGuide from '../i18n/zh_CN/guide.json';
import enGuide from '../i18n/en/guide.json';
import zhPortal from '../i18n/zh_CN/portal.json';
import enPortal from '../i18n/en/portal.json';

export const STRING_TABLES: Record<Locale, StringTables> = {
  zh_CN: { guide: zhGuide, portal: zhPortal },
  en: { guide: enGuide, portal: enPortal },
};
