// Alarms kept in step with the plan. Two alarms only, however many certificates: one at
// the next instant anything changes (a reminder comes due, the badge changes) and a
// periodic safety scan that re-plans in case an alarm was lost (Chrome may drop alarms
// on update or restart; Firefox keeps none across restarts) or the clock jumped.
import type { ExtensionBrowser } from '../browser';

export const NEXT_ALARM = 'reminders:next';
export const SCAN_ALARM = 'reminders:scan';
/** A sync held back by a tab's rate limit (lib/background/router.ts) runs at this alarm. */
export const SOON_ALARM = 'reminders:soon';
export const SCAN_PERIOD_MINUTES = 30;
/** Chrome fires an alarm no sooner than 30 s after it is set. */
export const MIN_ALARM_DELAY_MS = 30_000;
const SLACK_MS = 1_000;

export function isReminderAlarm(name: string): boolean {
  return name === NEXT_ALARM || name === SCAN_ALARM || name === SOON_ALARM;
}

/**
 * Whether an existing alarm already fires when wanted. Re-creating one resets its
 * countdown, so a near-enough alarm is left alone: not earlier than wanted, and not later
 * than wanted or than Chrome's 30-second minimum could have pushed it.
 */
export function alarmIsRight(scheduledTime: number, wanted: number, now: number): boolean {
  return scheduledTime >= wanted - SLACK_MS && scheduledTime <= Math.max(wanted, now + MIN_ALARM_DELAY_MS) + SLACK_MS;
}

export async function syncAlarms(browser: ExtensionBrowser, nextAt: number | null, now: number): Promise<void> {
  const alarms = browser.alarms;
  const next = await alarms.get(NEXT_ALARM);
  if (nextAt === null) {
    if (next) await alarms.clear(NEXT_ALARM);
  } else if (!next || !alarmIsRight(next.scheduledTime, nextAt, now)) {
    await alarms.create(NEXT_ALARM, { when: Math.max(nextAt, now) });
  }
  const scan = await alarms.get(SCAN_ALARM);
  if (!scan || scan.periodInMinutes !== SCAN_PERIOD_MINUTES) {
    await alarms.create(SCAN_ALARM, { delayInMinutes: SCAN_PERIOD_MINUTES, periodInMinutes: SCAN_PERIOD_MINUTES });
  }
}
