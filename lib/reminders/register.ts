import type { ExtensionBrowser } from '../background/start';

/** Placeholder until the reminders issue lands: alarms, notifications and badge listeners. */
export function registerReminders(_browser: ExtensionBrowser): void {}
