// The reminders' listeners, registered synchronously when the background starts: the
// worker may have been woken by the very alarm or click a late listener would miss.
// Every handler reads what it needs from IndexedDB; nothing is kept between events.
import type { ExtensionBrowser } from '../browser';
import { openDatabase } from '../../storage/db';
import { getSettings } from '../../storage/records';
import { nextLocalMorning } from '../../reminders/local-time';
import { snoozeReminders } from './log';
import { openPortal, parseNotificationId } from './notify';
import { isReminderAlarm } from './alarms';
import { syncReminders } from './sync';

/** Button order of a reminder notification (Chrome; Firefox shows none). */
export const BUTTON_OPEN_PORTAL = 0;
export const BUTTON_REMIND_TOMORROW = 1;

function report(error: unknown): void {
  console.error('[reminders]', error);
}

/** Click on a reminder: bring the portal forward and put the notification away. */
export async function onReminderClicked(browser: ExtensionBrowser, notificationId: string): Promise<void> {
  if (!parseNotificationId(notificationId)) return;
  await openPortal(browser);
  await browser.notifications.clear(notificationId);
}

/** "Remind me tomorrow": the notification's reminders come back the next local morning. */
export async function remindTomorrow(browser: ExtensionBrowser, notificationId: string, now: number = Date.now()): Promise<void> {
  const parsed = parseNotificationId(notificationId);
  if (!parsed) return;
  const db = await openDatabase();
  try {
    const settings = await getSettings(db);
    await snoozeReminders(db, parsed.kind, parsed.shownAt, nextLocalMorning(now, settings.reminderHour));
  } finally {
    db.close();
  }
  await browser.notifications.clear(notificationId);
  await syncReminders(browser, now);
}

export function registerReminders(browser: ExtensionBrowser): void {
  const sync = () => syncReminders(browser).then(() => undefined, report);

  // Each listener returns its promise, already caught, so that whoever fires the event and
  // waits (the tests' fake browser) waits for the work; browsers ignore it.
  /* eslint-disable @typescript-eslint/no-misused-promises */
  browser.runtime.onInstalled.addListener(() => sync());
  browser.runtime.onStartup.addListener(() => sync());
  browser.alarms.onAlarm.addListener((alarm) => (isReminderAlarm(alarm.name) ? sync() : undefined));
  browser.notifications.onClicked.addListener((id) => onReminderClicked(browser, id).catch(report));
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    if (index === BUTTON_REMIND_TOMORROW) return remindTomorrow(browser, id).catch(report);
    if (index === BUTTON_OPEN_PORTAL) return onReminderClicked(browser, id).catch(report);
    return undefined;
  });
  /* eslint-enable @typescript-eslint/no-misused-promises */
  // The `idle` permission is not requested, so this is absent in practice; where a
  // browser offers it anyway, waking from sleep re-plans at once.
  try {
    const idle = (browser as { idle?: { onStateChanged?: { addListener(cb: (state: string) => void): void } } }).idle;
    idle?.onStateChanged?.addListener((state) => {
      if (state === 'active') void sync();
    });
  } catch {
    // Not available without the permission.
  }
}
