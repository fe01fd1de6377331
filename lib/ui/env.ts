// What the popup and the options page need from the browser, gathered in one object so
// that components take it as an argument (tests pass a fake) and entry points stay thin.
import type { ExtensionBrowser } from '../background/browser';
import type { Database } from '../storage/db';
import type { MessageOf } from '../messages';
import { PORTAL_DOWNLOAD_ENTRY } from '../portal/site';
import { notificationPermission } from '../background/reminders/permission';


export interface PageEnv {
  db: Database;
  now(): number;
  /** The browser's UI language, for settings.language = 'auto'. */
  uiLanguage: string;
  /** After every write: the background re-plans reminders and the badge. */
  dataChanged(): void;
  openPortal(): void;
  openSettings(): void;
  /** Saves text as a file through a Blob link (the service worker cannot). */
  download(fileName: string, mime: string, text: string): void;
  /** True when the holder blocked the extension's notifications (reminders cannot show). */
  notificationsBlocked?(): Promise<boolean>;
}

export function downloadText(doc: Document, fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function browserEnv(browser: ExtensionBrowser, db: Database, doc: Document = document): PageEnv {
  return {
    db,
    now: () => Date.now(),
    uiLanguage: browser.i18n.getUILanguage(),
    dataChanged() {
      // No listener (a background being restarted) is not an error worth showing.
      browser.runtime.sendMessage({ type: 'data/changed' } satisfies MessageOf<'data/changed'>).catch(() => undefined);
    },
    openPortal() {
      // tabs.create needs no "tabs" permission.
      void browser.tabs.create({ url: PORTAL_DOWNLOAD_ENTRY });
    },
    openSettings() {
      void browser.runtime.openOptionsPage();
    },
    download: (fileName, mime, text) => downloadText(doc, fileName, mime, text),
    notificationsBlocked: async () => (await notificationPermission(browser)) === 'denied',
  };
}
