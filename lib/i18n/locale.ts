export const LOCALES = ['zh_CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** The user's choice in settings: follow the browser, or a fixed language. */
export type LanguageSetting = 'auto' | Locale;

/** Chinese unless the browser's language is English (zh_CN is the default locale). */
export function resolveLocale(setting: LanguageSetting, browserLanguage: string | undefined): Locale {
  if (setting !== 'auto') return setting;
  return /^en\b/i.test(browserLanguage ?? '') ? 'en' : 'zh_CN';
}
