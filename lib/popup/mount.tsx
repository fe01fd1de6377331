// Reads everything once, then renders: the first frame already holds the content (no
// spinner on ordinary data). What the list needs is one static module graph, so the browser
// fetches it in one round while it parses popup.html (a later import() costs a second round
// trip, 15–50 ms on a busy machine, that the records' read does not cover). Only what the
// list never needs comes later: zod, for a record that fails the quick check
// (lib/storage/read-check.ts); the forms, the writes and the calendar, on first use
// (lib/popup/PopupApp.tsx).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { openDatabase, requestPersistence } from '../storage/db';
import { readRawSnapshot } from '../storage/raw';
import { quickSnapshot } from '../storage/read-check';
import { pluralCategory } from '../i18n/translate';
import { browserEnv } from '../ui/env';
import { resolveLocale } from '../i18n/locale';
import { popupText } from './strings';
import { prepareOrder } from './view';
import { PopupApp } from './PopupApp';

export async function mountPopup(root: HTMLElement): Promise<void> {
  const opening = openDatabase();
  // While IndexedDB answers, the main thread is free: the ICU data that the list's order and
  // the plural forms need is loaded now rather than in the first render (the first page of
  // the extension's process pays for it, once).
  prepareOrder();
  pluralCategory('zh_CN', 1);
  pluralCategory('en', 1);
  try {
    const db = await opening;
    const raw = await readRawSnapshot(db);
    // Records as our own writes store them pass the quick check, which is zod's verdict too;
    // anything else is left to zod (lib/storage/records.ts), loaded only then.
    let initial = quickSnapshot(raw);
    if (!initial) {
      try {
        initial = (await import('../storage/records')).checkSnapshot(raw);
      } catch {
        // The extension was updated under the popup: said, not a blank popup.
        const { t } = popupText(resolveLocale('auto', browser.i18n.getUILanguage()));
        render(<p class="form-error" role="alert">{t('loadFailed')}</p>, root);
        return;
      }
    }
    render(<PopupApp env={browserEnv(browser, db)} initial={initial} />, root);
  } finally {
    // Asked after the read, not beside it: one request less to the browser while the popup loads.
    void requestPersistence();
  }
}
