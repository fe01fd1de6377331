// Whether reminders can be shown at all: the holder may have blocked the extension's
// notifications in the browser. Read by the sync (lib/background/reminders/sync.ts) and the popup.
import type { ExtensionBrowser } from '../browser';

/**
 * Whether the browser lets the extension show notifications ('denied' when the holder
 * turned them off). Firefox has no such query: there the answer is 'granted'.
 */
export async function notificationPermission(browser: ExtensionBrowser): Promise<'granted' | 'denied'> {
  const get = (browser.notifications as { getPermissionLevel?: () => Promise<string> }).getPermissionLevel;
  if (typeof get !== 'function') return 'granted';
  try {
    return (await get.call(browser.notifications)) === 'denied' ? 'denied' : 'granted';
  } catch {
    return 'granted';
  }
}
