// What happens when the extension is installed or updated, and the welcome page's test
// notification. The decisions are pure (lib/model/whats-new.ts); this is the wiring.
import type { ExtensionBrowser } from './browser';
import { onInstalledPlan, WHATS_NEW_KEY, type WhatsNewNote } from '../model/whats-new';
import { openDatabase } from '../storage/db';
import { getSettings } from '../storage/records';
import { reminderTranslate, ICON_PATH } from './reminders/notify';
import { notificationPermission } from './reminders/permission';
import { resolveLocale } from '../i18n/locale';

export const WELCOME_PATH = '/welcome.html';

function report(error: unknown): void {
  console.error('[install]', error);
}

async function pendingNote(browser: ExtensionBrowser): Promise<WhatsNewNote | undefined> {
  const stored = ((await browser.storage.local.get(WHATS_NEW_KEY)) as Record<string, unknown>)[WHATS_NEW_KEY];
  if (!stored || typeof stored !== 'object') return undefined;
  const { since, version } = stored as Partial<WhatsNewNote>;
  return typeof since === 'string' && typeof version === 'string' ? { since, version } : undefined;
}

/** Install: the welcome page, once. Update: the popup's what's-new note, or none. */
export async function onInstalled(browser: ExtensionBrowser, details: { reason: string; previousVersion?: string }): Promise<void> {
  const plan = onInstalledPlan(details, browser.runtime.getManifest().version, await pendingNote(browser));
  if (plan.note) await browser.storage.local.set({ [WHATS_NEW_KEY]: plan.note });
  else if (plan.note === null) await browser.storage.local.remove(WHATS_NEW_KEY);
  // tabs.create needs no "tabs" permission.
  if (plan.openWelcome) await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH), active: true });
}

/** Registered synchronously with the other listeners (lib/background/start.ts). */
export function registerInstall(browser: ExtensionBrowser): void {
  browser.runtime.onInstalled.addListener((details) => {
    void onInstalled(browser, details).catch(report);
  });
}

export type { TestNotificationResult } from '../messages';
import type { TestNotificationResult } from '../messages';

export const TEST_NOTIFICATION_PREFIX = 'cpta-test|';

/**
 * Shows a test notification in the holder's language. 'blocked' when the browser says the
 * extension's notifications are turned off; the operating system's own switches (Focus,
 * Do not disturb, the browser's notifications in the system settings) cannot be seen from
 * here, which is why the welcome page lists them.
 */
export async function sendTestNotification(browser: ExtensionBrowser, now: number): Promise<TestNotificationResult> {
  if ((await notificationPermission(browser)) === 'denied') return { ok: false, reason: 'blocked' };
  const db = await openDatabase();
  let language;
  try {
    language = (await getSettings(db)).language;
  } finally {
    db.close();
  }
  let ui: string | undefined;
  try {
    ui = browser.i18n.getUILanguage();
  } catch {
    ui = undefined;
  }
  const t = reminderTranslate(resolveLocale(language, ui));
  try {
    await browser.notifications.create(`${TEST_NOTIFICATION_PREFIX}${now}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL(ICON_PATH),
      title: t('test_title'),
      message: t('test_message'),
    });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
