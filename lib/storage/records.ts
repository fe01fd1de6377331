// Validated reads and writes. Every record is checked with zod on the way in (a write
// that fails changes nothing and says why) and on the way out (a damaged record is
// reported, not passed on). Multi-record changes are one transaction.
import type { z } from 'zod';
import { DEFAULT_SETTINGS } from '../model/settings';
import { AnnotationSchema, CertificateSchema, ReminderLogEntrySchema, SettingsSchema, type Annotation, type Certificate, type ReminderLogEntry, type Settings } from '../model/schemas';
import type { Database, Tombstone } from './db';
import { LOG_KEEP_MS, MAX_ANNOTATIONS, MAX_CERTIFICATES, MAX_LOG_ENTRIES, MAX_TOMBSTONES, StoreFullError } from './limits';
import { readRawSnapshot, type RawSnapshot } from './raw';
import { fastAnnotation, fastCertificate, fastReminderLogEntry, fastSettings, isPlainRecord, quickSettings, type FastCheck, type Snapshot } from './read-check';
import { beijingDateAt } from '../dates/beijing';

export type { Snapshot } from './read-check';

export class InvalidRecordError extends Error {
  constructor(
    readonly kind: string,
    readonly problems: string[],
  ) {
    super(`${kind}: ${problems.join('; ')}`);
    this.name = 'InvalidRecordError';
  }
}

/** zod issues in words: "validUntil: not a real calendar date". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

export function validate<T>(schema: z.ZodType<T>, kind: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidRecordError(kind, describeIssues(parsed.error));
  return parsed.data;
}

/** The read-side check of one kind of record: the fast test, zod when it says no. */
export const READ_CHECKS = {
  certificate: { schema: CertificateSchema as z.ZodType<Certificate>, fast: fastCertificate },
  annotation: { schema: AnnotationSchema as z.ZodType<Annotation>, fast: fastAnnotation },
  reminderLog: { schema: ReminderLogEntrySchema as z.ZodType<ReminderLogEntry>, fast: fastReminderLogEntry },
  settings: { schema: SettingsSchema as z.ZodType<Settings>, fast: fastSettings },
};

function keepValid<T>(check: { schema: z.ZodType<T>; fast: FastCheck }, rows: unknown[]): { ok: T[]; damaged: number } {
  const { schema, fast } = check;
  const ok: T[] = [];
  let damaged = 0;
  for (const row of rows) {
    if (isPlainRecord(row) && fast(row)) {
      ok.push(row as T);
      continue;
    }
    const parsed = schema.safeParse(row);
    if (parsed.success) ok.push(parsed.data);
    else damaged++;
  }
  return { ok, damaged };
}

/**
 * A transaction whose failure is reported by the request that failed: its `done` is
 * observed here so that an abort half-way does not also surface as an unhandled rejection.
 */
function observed<T extends { done: Promise<void> }>(tx: T): T {
  tx.done.catch(() => undefined);
  return tx;
}

export type { RawSnapshot } from './raw';

export async function loadSnapshot(db: Database): Promise<Snapshot> {
  return checkSnapshot(await readRawSnapshot(db));
}

/** Every record checked: the valid ones kept, the others counted as damaged. */
export function checkSnapshot(raw: RawSnapshot): Snapshot {
  const { settings } = raw;
  const c = keepValid(READ_CHECKS.certificate, raw.certificates);
  const a = keepValid(READ_CHECKS.annotation, raw.annotations);
  const l = keepValid(READ_CHECKS.reminderLog, raw.reminderLog);
  return {
    certificates: c.ok,
    annotations: a.ok,
    settings: parseSettings(settings),
    reminderLog: l.ok,
    damaged: c.damaged + a.damaged + l.damaged,
  };
}

/** Stored settings with every missing or damaged field set to its default. */
export function parseSettings(raw: unknown): Settings {
  const quick = quickSettings(raw);
  if (quick) return quick;
  // Missing or older settings: fill in defaults field by field, never drop the user's choices.
  const merged = { ...DEFAULT_SETTINGS, ...(raw && typeof raw === 'object' ? raw : {}) };
  const parsed = SettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = SettingsSchema.shape[key].safeParse((merged as Record<string, unknown>)[key]);
    if (one.success) out[key] = one.data;
  }
  return out as Settings;
}

export async function getSettings(db: Database): Promise<Settings> {
  return parseSettings(await db.get('settings', 'settings'));
}

export async function updateSettings(db: Database, patch: Partial<Settings>): Promise<Settings> {
  const tx = observed(db.transaction('settings', 'readwrite'));
  const current = parseSettings(await tx.store.get('settings'));
  const next = validate(SettingsSchema, 'settings', { ...current, ...patch });
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}

export async function putCertificate(db: Database, cert: Certificate): Promise<Certificate> {
  await putRecords(db, [cert], []);
  return validate(CertificateSchema, 'certificate', cert);
}

export async function putAnnotation(db: Database, annotation: Annotation): Promise<Annotation> {
  await putRecords(db, [], [annotation]);
  return validate(AnnotationSchema, 'annotation', annotation);
}

/**
 * Refuses new records beyond the device's limits (lib/storage/limits.ts), counting in
 * the transaction that writes them; replacing a record is always allowed.
 */
export async function ensureRoom(
  tx: { objectStore(name: 'certificates' | 'annotations'): { count(): Promise<number>; getKey(key: string): Promise<unknown> } },
  store: 'certificates' | 'annotations',
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  const os = tx.objectStore(store);
  const limit = store === 'certificates' ? MAX_CERTIFICATES : MAX_ANNOTATIONS;
  const count = await os.count();
  if (count + keys.length <= limit) return;
  let added = 0;
  for (const key of new Set(keys)) if ((await os.getKey(key)) === undefined) added++;
  if (count + added > limit) throw new StoreFullError(store, limit);
}

/** Certificates and annotations written together, all or nothing. */
export async function putRecords(db: Database, certificates: Certificate[], annotations: Annotation[]): Promise<void> {
  const certs = certificates.map((c) => validate(CertificateSchema, 'certificate', c));
  const anns = annotations.map((a) => validate(AnnotationSchema, 'annotation', a));
  const tx = observed(db.transaction(['certificates', 'annotations'], 'readwrite'));
  await ensureRoom(tx, 'certificates', certs.map((c) => c.number));
  await ensureRoom(tx, 'annotations', anns.map((a) => a.id));
  await Promise.all([
    ...certs.map((c) => tx.objectStore('certificates').put(c)),
    ...anns.map((a) => tx.objectStore('annotations').put(a)),
    tx.done,
  ]);
}

export interface Removed {
  certificates: Certificate[];
  annotations: Annotation[];
}

/**
 * What an annotation is, whatever its id: its certificate, the Beijing day it was applied
 * for and its validity. Two devices that recorded the same application agree on this.
 */
export function annotationIdentity(a: Pick<Annotation, 'certificateNumber' | 'appliedAt' | 'validityDays'>): string {
  return `${a.certificateNumber}|${beijingDateAt(a.appliedAt)}|${a.validityDays}`;
}

/** The tombstone key of a deleted record. */
export const tombstoneKey = {
  certificate: (number: string) => `certificate:${number}`,
  annotation: (a: Pick<Annotation, 'certificateNumber' | 'appliedAt' | 'validityDays'>) => `annotation:${annotationIdentity(a)}`,
};

/** Deletes a certificate with its annotations, remembering the deletion; returns them so the UI can undo. */
export async function deleteCertificate(db: Database, number: string, now: number = Date.now()): Promise<Removed> {
  const tx = observed(db.transaction(['certificates', 'annotations', 'tombstones'], 'readwrite'));
  const cert = await tx.objectStore('certificates').get(number);
  const anns = await tx.objectStore('annotations').index('byCertificate').getAll(number);
  await tx.objectStore('certificates').delete(number);
  for (const a of anns) await tx.objectStore('annotations').delete(a.id);
  const tombstones = tx.objectStore('tombstones');
  if (cert) await tombstones.put({ key: tombstoneKey.certificate(number), deletedAt: now });
  for (const a of anns) await tombstones.put({ key: tombstoneKey.annotation(a), deletedAt: now });
  await tx.done;
  return { certificates: cert ? [cert] : [], annotations: anns };
}

export async function deleteAnnotation(db: Database, id: string, now: number = Date.now()): Promise<Removed> {
  const tx = observed(db.transaction(['annotations', 'tombstones'], 'readwrite'));
  const ann = await tx.objectStore('annotations').get(id);
  await tx.objectStore('annotations').delete(id);
  if (ann) await tx.objectStore('tombstones').put({ key: tombstoneKey.annotation(ann), deletedAt: now });
  await tx.done;
  return { certificates: [], annotations: ann ? [ann] : [] };
}

/** Undo of a delete: the records come back and their deletion is forgotten. */
export async function restoreRemoved(db: Database, removed: Removed): Promise<void> {
  await putRecords(db, removed.certificates, removed.annotations);
  const tx = db.transaction('tombstones', 'readwrite');
  await Promise.all([
    ...removed.certificates.map((c) => tx.store.delete(tombstoneKey.certificate(c.number))),
    ...removed.annotations.map((a) => tx.store.delete(tombstoneKey.annotation(a))),
    tx.done,
  ]);
}

/** Deletions remembered on this device, by key. */
export async function readTombstones(db: Database): Promise<Map<string, Tombstone>> {
  return new Map((await db.getAll('tombstones')).map((t) => [t.key, t]));
}

/**
 * Keeps the reminder log bounded: entries about moments older than LOG_KEEP_MS go (no
 * plan looks that far back), then the oldest beyond MAX_LOG_ENTRIES; deletions
 * remembered beyond MAX_TOMBSTONES go oldest first. Returns how many log entries went.
 */
export async function pruneStored(db: Database, now: number): Promise<number> {
  const tx = observed(db.transaction(['reminderLog', 'tombstones'], 'readwrite'));
  const log = tx.objectStore('reminderLog');
  const entries = (await log.getAll()) as ReminderLogEntry[];
  const latest = (e: ReminderLogEntry) => Math.max(e.shownAt, e.snoozedUntil ?? 0, e.pendingUntil ?? 0);
  const cutoff = now - LOG_KEEP_MS;
  const kept = entries.filter((e) => latest(e) >= cutoff).sort((a, b) => latest(b) - latest(a));
  const gone = [...entries.filter((e) => latest(e) < cutoff), ...kept.slice(MAX_LOG_ENTRIES)];
  for (const e of gone) await log.delete(e.id);
  const stones = tx.objectStore('tombstones');
  if ((await stones.count()) > MAX_TOMBSTONES) {
    const all = (await stones.getAll()).sort((a, b) => b.deletedAt - a.deletedAt);
    for (const t of all.slice(MAX_TOMBSTONES)) await stones.delete(t.key);
  }
  await tx.done;
  return gone.length;
}

export async function annotationsOf(db: Database, certificateNumber: string): Promise<Annotation[]> {
  return keepValid(READ_CHECKS.annotation, await db.getAllFromIndex('annotations', 'byCertificate', certificateNumber)).ok;
}

export async function putReminderLog(db: Database, entries: ReminderLogEntry[]): Promise<void> {
  const valid = entries.map((e) => validate(ReminderLogEntrySchema, 'reminder log', e));
  const tx = db.transaction('reminderLog', 'readwrite');
  await Promise.all([...valid.map((e) => tx.store.put(e)), tx.done]);
}

/** Delete all data (behind a confirmation in settings). */
export async function clearAll(db: Database): Promise<void> {
  // A fresh start: remembered deletions go too, so a backup imported next restores all.
  const tx = db.transaction(['certificates', 'annotations', 'settings', 'reminderLog', 'tombstones'], 'readwrite');
  await Promise.all([
    tx.objectStore('certificates').clear(),
    tx.objectStore('annotations').clear(),
    tx.objectStore('settings').clear(),
    tx.objectStore('reminderLog').clear(),
    tx.objectStore('tombstones').clear(),
    tx.done,
  ]);
}
