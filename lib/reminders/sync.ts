// Placeholder until the reminders issue lands: the background calls this after every
// stored change, on start-up and on alarms.
import type { ExtensionBrowser } from '../background/start';

export async function syncReminders(_browser: ExtensionBrowser, _now: number = Date.now()): Promise<void> {}
