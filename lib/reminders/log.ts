// The log of reminders shown, in IndexedDB. Claiming is one read-write transaction, so
// two syncs running at once (start-up and an alarm, say) can never both show a reminder:
// IndexedDB runs read-write transactions on one store one after the other.
import { ReminderLogEntrySchema, type ReminderLogEntry } from '../model/settings';
import type { Database } from '../storage/db';
import { validate } from '../storage/records';

/** Whether a log entry keeps a reminder from being shown at `now`. */
function holdsBack(raw: unknown, now: number): boolean {
  const parsed = ReminderLogEntrySchema.safeParse(raw);
  if (!parsed.success) return false; // a damaged entry is overwritten rather than trusted
  const e = parsed.data;
  return e.snoozedUntil === undefined || e.snoozedUntil > now;
}

/**
 * Marks reminders as shown at `now` and returns the ids this call claimed: those not
 * already shown by someone else in the meantime. Show exactly these.
 */
export async function claimReminders(db: Database, ids: readonly string[], now: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const tx = db.transaction('reminderLog', 'readwrite');
  const existing = await Promise.all(ids.map((id) => tx.store.get(id)));
  const claimed = ids.filter((_, i) => !holdsBack(existing[i], now));
  const entries: ReminderLogEntry[] = claimed.map((id) => validate(ReminderLogEntrySchema, 'reminder log', { id, shownAt: now }));
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
  return claimed;
}

/**
 * "Remind me tomorrow": the reminders of one notification (its kind, shown at one
 * instant) come back at `until`. Returns how many were snoozed.
 */
export async function snoozeReminders(db: Database, kind: string, shownAt: number, until: number): Promise<number> {
  const tx = db.transaction('reminderLog', 'readwrite');
  const all = await tx.store.getAll();
  const matching = all.filter((e) => e.shownAt === shownAt && e.id.startsWith(`${kind}:`));
  const entries = matching.map((e) => validate(ReminderLogEntrySchema, 'reminder log', { id: e.id, shownAt: e.shownAt, snoozedUntil: until }));
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
  return entries.length;
}
