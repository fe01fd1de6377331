import type { ExtensionBrowser } from './browser';
import { registerMessageRouter } from './router';
import { registerReminders } from './reminders/register';
import { registerInstall } from './install';

export type { ExtensionBrowser } from './browser';

/**
 * Registers every listener of the background, synchronously: the worker may have been
 * woken by the very event a late listener would miss. No state is kept in globals;
 * everything is read from IndexedDB when an event arrives.
 */
export function startBackground(browser: ExtensionBrowser): void {
  registerMessageRouter(browser);
  registerReminders(browser);
  registerInstall(browser);
}
