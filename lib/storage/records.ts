// Validated reads and writes. Every record is checked with zod on the way in (a write
// that fails changes nothing and says why) and on the way out (a damaged record is
// reported, not passed on). Multi-record changes are one transaction.
import type { z } from 'zod';
import { AnnotationSchema, type Annotation } from '../model/annotation';
import { CertificateSchema, type Certificate } from '../model/certificate';
import { DEFAULT_SETTINGS, ReminderLogEntrySchema, SettingsSchema, type ReminderLogEntry, type Settings } from '../model/settings';
import type { Database } from './db';

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

export interface Snapshot {
  certificates: Certificate[];
  annotations: Annotation[];
  settings: Settings;
  reminderLog: ReminderLogEntry[];
  /** Records that no longer validate: kept in the database untouched, left out here. */
  damaged: number;
}

function keepValid<T>(schema: z.ZodType<T>, rows: unknown[]): { ok: T[]; damaged: number } {
  const ok: T[] = [];
  let damaged = 0;
  for (const row of rows) {
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

export async function loadSnapshot(db: Database): Promise<Snapshot> {
  const tx = observed(db.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readonly'));
  const [certs, anns, settings, log] = await Promise.all([
    tx.objectStore('certificates').getAll(),
    tx.objectStore('annotations').getAll(),
    tx.objectStore('settings').get('settings'),
    tx.objectStore('reminderLog').getAll(),
  ]);
  await tx.done;
  const c = keepValid(CertificateSchema, certs);
  const a = keepValid(AnnotationSchema, anns);
  const l = keepValid(ReminderLogEntrySchema, log);
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
  const valid = validate(CertificateSchema, 'certificate', cert);
  await db.put('certificates', valid);
  return valid;
}

export async function putAnnotation(db: Database, annotation: Annotation): Promise<Annotation> {
  const valid = validate(AnnotationSchema, 'annotation', annotation);
  await db.put('annotations', valid);
  return valid;
}

/** Certificates and annotations written together, all or nothing. */
export async function putRecords(db: Database, certificates: Certificate[], annotations: Annotation[]): Promise<void> {
  const certs = certificates.map((c) => validate(CertificateSchema, 'certificate', c));
  const anns = annotations.map((a) => validate(AnnotationSchema, 'annotation', a));
  const tx = db.transaction(['certificates', 'annotations'], 'readwrite');
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

/** Deletes a certificate with its annotations; returns them so the UI can undo. */
export async function deleteCertificate(db: Database, number: string): Promise<Removed> {
  const tx = observed(db.transaction(['certificates', 'annotations'], 'readwrite'));
  const cert = await tx.objectStore('certificates').get(number);
  const anns = await tx.objectStore('annotations').index('byCertificate').getAll(number);
  await tx.objectStore('certificates').delete(number);
  for (const a of anns) await tx.objectStore('annotations').delete(a.id);
  await tx.done;
  return { certificates: cert ? [cert] : [], annotations: anns };
}

export async function deleteAnnotation(db: Database, id: string): Promise<Removed> {
  const tx = observed(db.transaction('annotations', 'readwrite'));
  const ann = await tx.store.get(id);
  await tx.store.delete(id);
  await tx.done;
  return { certificates: [], annotations: ann ? [ann] : [] };
}

/** Undo of a delete. */
export function restoreRemoved(db: Database, removed: Removed): Promise<void> {
  return putRecords(db, removed.certificates, removed.annotations);
}

export async function annotationsOf(db: Database, certificateNumber: string): Promise<Annotation[]> {
  return keepValid(AnnotationSchema, await db.getAllFromIndex('annotations', 'byCertificate', certificateNumber)).ok;
}

export async function putReminderLog(db: Database, entries: ReminderLogEntry[]): Promise<void> {
  const valid = entries.map((e) => validate(ReminderLogEntrySchema, 'reminder log', e));
  const tx = db.transaction('reminderLog', 'readwrite');
  await Promise.all([...valid.map((e) => tx.store.put(e)), tx.done]);
}

/** Delete all data (behind a confirmation in settings). */
export async function clearAll(db: Database): Promise<void> {
  const tx = db.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readwrite');
  await Promise.all([
    tx.objectStore('certificates').clear(),
    tx.objectStore('annotations').clear(),
    tx.objectStore('settings').clear(),
    tx.objectStore('reminderLog').clear(),
    tx.done,
  ]);
}
