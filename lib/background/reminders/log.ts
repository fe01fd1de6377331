// The log of reminders shown, in IndexedDB. A reminder is claimed, shown, then confirmed:
// claiming is one read-write transaction, so two syncs running at once (start-up and an
// alarm, say) can never both show a reminder (IndexedDB runs read-write transactions on
// one store one after the other); it is marked shown only once the browser showed it,
// and a notification the browser refused is released to be tried at the next sync.
import { ReminderLogEntrySchema, type ReminderLogEntry } from '../../model/schemas';
import type { Database } from '../../storage/db';
import { validate } from '../../storage/records';

/** How long a claim holds a reminder back when its sync never confirms nor releases it. */
export const CLAIM_LEASE_MS = 120_000;

/** Whether a log entry means the reminder was shown (or is being shown) at `now`. */
export function isShown(e: ReminderLogEntry, now: number): boolean {
  if (e.pendingUntil !== undefined) return e.pendingUntil > now;
  return e.snoozedUntil === undefined || e.snoozedUntil > now;
}

/** Whether a log entry keeps a reminder from being shown at `now`. */
function holdsBack(raw: unknown, now: number): boolean {
  const parsed = ReminderLogEntrySchema.safeParse(raw);
  if (!parsed.success) return false; // a damaged entry is overwritten rather than trusted
  return isShown(parsed.data, now);
}

/** What a claim replaced, to put back if the notification cannot be shown. */
export interface Claim {
  id: string;
  previous: ReminderLogEntry | undefined;
}

/**
 * Claims reminders for showing at `now` and returns those this call claimed: the ones not
 * already shown, nor claimed by another sync in the meantime. Show exactly these, then
 * confirm or release each.
 */
export async function claimReminders(db: Database, ids: readonly string[], now: number): Promise<Claim[]> {
  if (ids.length === 0) return [];
  const tx = db.transaction('reminderLog', 'readwrite');
  const existing = await Promise.all(ids.map((id) => tx.store.get(id)));
  const claims: Claim[] = [];
  const entries: ReminderLogEntry[] = [];
  ids.forEach((id, i) => {
    const raw = existing[i];
    if (holdsBack(raw, now)) return;
    const previous = ReminderLogEntrySchema.safeParse(raw);
    claims.push({ id, previous: previous.success && previous.data.pendingUntil === undefined ? previous.data : undefined });
    entries.push(validate(ReminderLogEntrySchema, 'reminder log', { id, shownAt: now, pendingUntil: now + CLAIM_LEASE_MS }));
  });
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
  return claims;
}

/** The notification was shown: the claimed reminders are shown at `shownAt`, for good. */
export async function confirmReminders(db: Database, ids: readonly string[], shownAt: number): Promise<void> {
  if (ids.length === 0) return;
  const tx = db.transaction('reminderLog', 'readwrite');
  const entries = ids.map((id) => validate(ReminderLogEntrySchema, 'reminder log', { id, shownAt }));
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
}

/** The notification was not shown: the log is as before the claim, so the next sync tries again. */
export async function releaseReminders(db: Database, claims: readonly Claim[]): Promise<void> {
  if (claims.length === 0) return;
  const tx = db.transaction('reminderLog', 'readwrite');
  await Promise.all([...claims.map((c) => (c.previous ? tx.store.put(c.previous) : tx.store.delete(c.id))), tx.done]);
}

/**
 * "Remind me tomorrow": the reminders of one notification (its kind, shown at one
 * instant) come back at `until`. Returns how many were snoozed.
 */
export async function snoozeReminders(db: Database, kind: string, shownAt: number, until: number): Promise<number> {
  const tx = db.transaction('reminderLog', 'readwrite');
  const all = await tx.store.getAll();
  const matching = all.filter((e) => e.shownAt === shownAt && e.pendingUntil === undefined && e.id.startsWith(`${kind}:`));
  const entries = matching.map((e) => validate(ReminderLogEntrySchema, 'reminder log', { id: e.id, shownAt: e.shownAt, snoozedUntil: until }));
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
  return entries.length;
}
