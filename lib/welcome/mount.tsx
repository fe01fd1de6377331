import { render } from 'preact';
import type { ExtensionBrowser } from '../background/browser';
import type { TestNotificationResult } from '../background/install';
import { resolveLocale } from '../i18n/locale';
import { PORTAL_DOWNLOAD_ENTRY } from '../portal/site';
import { openDatabase } from '../storage/db';
import { getSettings } from '../storage/records';
import { WelcomeApp } from './WelcomeApp';

export async function mountWelcome(browser: ExtensionBrowser, root: HTMLElement): Promise<void> {
  // The language chosen in Settings, when the page is opened again from there.
  let language: Parameters<typeof resolveLocale>[0] = 'auto';
  try {
    const db = await openDatabase();
    try {
      language = (await getSettings(db)).language;
    } finally {
      db.close();
    }
  } catch {
    // No storage yet: the browser's language.
  }
  const getBrowserInfo = (browser.runtime as { getBrowserInfo?: () => Promise<{ name: string }> }).getBrowserInfo;
  const firefox = typeof getBrowserInfo === 'function' && (await getBrowserInfo().then((i) => i.name === 'Firefox', () => false));
  render(
    <WelcomeApp
      env={{
        locale: resolveLocale(language, browser.i18n.getUILanguage()),
        firefox,
        sendTestNotification: () => browser.runtime.sendMessage({ type: 'reminders/test-notification' }) as Promise<TestNotificationResult>,
        openPortal: () => void browser.tabs.create({ url: PORTAL_DOWNLOAD_ENTRY }),
        openSettings: () => void browser.runtime.openOptionsPage(),
      }}
    />,
    root,
  );
}
