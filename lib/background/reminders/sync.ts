// One sync brings everything the holder sees in line with the stored records: the badge,
// the notifications due (each shown once), and the alarms for what comes next. It runs on
// install, update, browser start, every stored change (the message router calls it),
// every reminder alarm and the periodic safety scan. It keeps nothing in memory: a
// restart, a lost alarm or a clock jump is handled by simply running it again.
import type { ExtensionBrowser } from '../browser';
import { resolveLocale, type Locale } from '../../i18n/locale';
import type { Settings } from '../../model/settings';
import { openDatabase } from '../../storage/db';
import { loadSnapshot, pruneStored } from '../../storage/records';
import { applyBadge } from './badge';
import { claimReminders, confirmReminders, releaseReminders } from './log';
import { notificationContent, notificationId, showNotification, supportsNotificationButtons } from './notify';
import { notificationPermission } from './permission';
import { badgeFor, dueReminders, foldByKind, nextDueAfter, planReminders } from '../../reminders/plan';
import { syncAlarms } from './alarms';

/** The holder's language: the setting, or the browser's when it is "auto". */
export function reminderLocale(browser: ExtensionBrowser, setting: Settings['language']): Locale {
  let ui: string | undefined;
  try {
    ui = browser.i18n.getUILanguage();
  } catch {
    ui = undefined;
  }
  return resolveLocale(setting, ui);
}

function report(error: unknown): void {
  console.error('[reminders]', error);
}

export interface SyncResult {
  /** Ids of the notifications shown by this sync. */
  shown: string[];
  /** When the next-change alarm is set for, or null. */
  nextAt: number | null;
  badgeCount: number;
}

export async function syncReminders(browser: ExtensionBrowser, now: number = Date.now()): Promise<SyncResult> {
  const db = await openDatabase();
  try {
    const snapshot = await loadSnapshot(db);
    const input = { ...snapshot, now };
    const locale = reminderLocale(browser, snapshot.settings.language);

    const badge = badgeFor(input);
    await applyBadge(browser, badge, locale).catch(report);

    const plan = planReminders(input);
    const due = dueReminders(plan, now);
    const shown: string[] = [];
    // Blocked by the holder (Chrome's site settings): nothing is claimed, so that each
    // reminder comes once notifications are allowed again; the popup says they are blocked.
    if (due.length && (await notificationPermission(browser)) === 'granted') {
      const claims = new Map((await claimReminders(db, due.map((r) => r.id), now)).map((c) => [c.id, c]));
      const mine = due.filter((r) => claims.has(r.id));
      const buttons = mine.length ? await supportsNotificationButtons(browser) : false;
      for (const group of foldByKind(mine)) {
        const id = notificationId(group.kind, now, group.reminders[0]!.id);
        const content = notificationContent(group.kind, group.reminders, { ...snapshot, now, locale });
        const ids = group.reminders.map((r) => r.id);
        // Shown, then confirmed; refused, released to be tried again at the next sync.
        try {
          await showNotification(browser, id, content, locale, buttons);
        } catch (error) {
          report(error);
          await releaseReminders(db, ids.map((i) => claims.get(i)!));
          continue;
        }
        await confirmReminders(db, ids, now);
        shown.push(id);
      }
    }

    const candidates = [nextDueAfter(plan, now), badge.changesAt].filter((t): t is number => t !== null);
    const nextAt = candidates.length ? Math.min(...candidates) : null;
    await syncAlarms(browser, nextAt, now).catch(report);
    // The log stays bounded: what no plan looks back to is dropped (lib/storage/limits.ts).
    await pruneStored(db, now).catch(report);
    return { shown, nextAt, badgeCount: badge.count };
  } finally {
    db.close();
  }
}
