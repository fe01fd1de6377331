// Node-only: reads every area's strings from lib/i18n/<locale>/<area>.json.
// Used by the build (to write _locales/*/messages.json) and by tests (parity checks).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from './locale';

const here = dirname(fileURLToPath(import.meta.url));

export function readCatalog(): Record<Locale, Record<string, Record<string, string>>> {
  const out = {} as Record<Locale, Record<string, Record<string, string>>>;
  for (const locale of LOCALES) {
    out[locale] = {};
    for (const file of readdirSync(join(here, locale)).filter((f) => f.endsWith('.json')).sort()) {
      out[locale][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(here, locale, file), 'utf8'));
    }
  }
  return out;
}

/** The catalog in the shape of Chrome's _locales/<locale>/messages.json. */
export function localeMessagesForChrome(): Record<string, Record<string, { message: string }>> {
  const out: Record<string, Record<string, { message: string }>> = {};
  for (const [locale, areas] of Object.entries(readCatalog())) {
    const messages: Record<string, { message: string }> = {};
    for (const [area, strings] of Object.entries(areas)) {
      for (const [key, text] of Object.entries(strings)) {
        // The manifest's own keys (extName, ...) live in the "manifest" area unprefixed.
        const id = area === 'manifest' ? key : `${area}_${key}`;
        messages[id] = { message: text.replace(/\$/g, '$$$$') };
      }
    }
    out[locale] = messages;
  }
  return out;
}
