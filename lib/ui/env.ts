// What the popup and the options page need from the browser, gathered in one object so
// that components take it as an argument (tests pass a fake) and entry points stay thin.
import type { ExtensionBrowser } from '../background/browser';
import type { Database } from '../storage/db';
import type { MessageOf } from '../messages';
import { PORTAL_DOWNLOAD_ENTRY } from '../portal/site';
import { notificationPermission } from '../background/reminders/permission';
import { stepsSeen } from '../background/tab-step';
import { WHATS_NEW_KEY, type WhatsNewNote } from '../model/whats-new';


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
  /** The manifest's version and the browser's user agent, for Settings' problem report. */
  version?: string;
  userAgent?: string;
  /** Steps the guide recognised since the browser started (names only). */
  stepsSeen?(): Promise<string[]>;
  /** Puts text on the clipboard; false when the browser refused. */
  copyText?(text: string): Promise<boolean>;
  openWelcome?(): void;
  /** The popup's what's-new note after an update (lib/model/whats-new.ts), and putting it away. */
  whatsNew?(): Promise<WhatsNewNote | undefined>;
  dismissWhatsNew?(): Promise<void>;
}

/** The clipboard API, or the selection and execCommand where the page has no clipboard permission. */
export async function copyToClipboard(doc: Document, text: string): Promise<boolean> {
  try {
    await doc.defaultView!.navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
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
    version: browser.runtime.getManifest().version,
    userAgent: doc.defaultView?.navigator.userAgent ?? '',
    stepsSeen: () => stepsSeen(browser).catch(() => []),
    copyText: (text) => copyToClipboard(doc, text),
    openWelcome() {
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    },
    async whatsNew() {
      const value = ((await browser.storage.local.get(WHATS_NEW_KEY)) as Record<string, unknown>)[WHATS_NEW_KEY] as Partial<WhatsNewNote> | undefined;
      return typeof value?.since === 'string' && typeof value.version === 'string' ? { since: value.since, version: value.version } : undefined;
    },
    dismissWhatsNew: () => browser.storage.local.remove(WHATS_NEW_KEY),
  };
}
