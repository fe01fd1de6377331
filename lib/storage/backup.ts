// Backup: everything in one JSON file, and back. An import is checked whole before
// anything is written, merged with what is there, and written in one transaction: a
// broken or hostile file changes nothing and gets a reason naming what is wrong.
import { z } from '../model/zod';
import { isBeijingDate } from '../dates/beijing';
import { AnnotationSchema, CertificateSchema, ReminderLogEntrySchema, SettingsSchema, type Annotation, type Certificate, type ReminderLogEntry, type Settings } from '../model/schemas';
import { makeTranslate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';
import zhBackup from '../i18n/zh_CN/backup.json';
import enBackup from '../i18n/en/backup.json';
import type { Database } from './db';
import { MAX_ANNOTATIONS, MAX_CERTIFICATES, MAX_LOG_ENTRIES, StoreFullError } from './limits';
import { annotationIdentity, loadSnapshot, parseSettings, readTombstones, tombstoneKey, validate } from './records';

export const BACKUP_FORMAT = 'cpta-assistant-backup';
export const BACKUP_VERSION = 1;
/** Files over 10 MB are refused before they are read as JSON (ours are a few kB). */
export const BACKUP_MAX_BYTES = 10 * 1024 * 1024;
/** Timestamps further ahead of the importing device's clock are refused: they would win every merge. */
export const FUTURE_TOLERANCE_MS = 2 * 86_400_000;
/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// The same limits the device keeps to (lib/storage/limits.ts): every export imports again.
export { MAX_ANNOTATIONS, MAX_CERTIFICATES, MAX_LOG_ENTRIES } from './limits';

/** The file as written by exportBackup (version 1). */
export const BackupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  /** When it was written (epoch ms). */
  exportedAt: z.number().int().nonnegative(),
  certificates: z.array(CertificateSchema).max(MAX_CERTIFICATES),
  annotations: z.array(AnnotationSchema).max(MAX_ANNOTATIONS),
  /** Missing fields keep the importing device's value. */
  settings: SettingsSchema.partial(),
  reminderLog: z.array(ReminderLogEntrySchema).max(MAX_LOG_ENTRIES),
});
/**
 * The same file with the records left unchecked: checked first, so that an oversized
 * list is refused before each of its rows is validated.
 */
const EnvelopeSchema = z.strictObject({
  ...BackupSchema.shape,
  certificates: z.array(z.unknown()).max(MAX_CERTIFICATES),
  annotations: z.array(z.unknown()).max(MAX_ANNOTATIONS),
  reminderLog: z.array(z.unknown()).max(MAX_LOG_ENTRIES),
});
export type BackupData = z.infer<typeof BackupSchema>;

/**
 * What is wrong with a backup file: `key` is a string of the "backup" i18n area, `params`
 * fill its placeholders. `path` names the place in the file, e.g. `annotations[3].validUntil.date`.
 */
export type BackupProblem =
  | { key: 'too_large'; params: { sizeMb: string; limitMb: number } }
  | { key: 'empty'; params: Record<string, never> }
  | { key: 'not_json'; params: Record<string, never> }
  | { key: 'truncated'; params: Record<string, never> }
  | { key: 'not_our_format'; params: Record<string, never> }
  | { key: 'future_version'; params: { version: number; supported: number } }
  | { key: 'forbidden_key'; params: { path: string; name: string } }
  | { key: 'missing'; params: { path: string } }
  | { key: 'wrong_type'; params: { path: string; expected: string } }
  | { key: 'impossible_date'; params: { path: string; value: string } }
  | { key: 'not_a_date'; params: { path: string; value: string } }
  | { key: 'dates_out_of_order'; params: { path: string } }
  | { key: 'unknown_field'; params: { path: string; names: string } }
  | { key: 'too_big'; params: { path: string; maximum: number } }
  | { key: 'too_small'; params: { path: string; minimum: number } }
  | { key: 'not_allowed'; params: { path: string; value: string } }
  | { key: 'duplicate'; params: { path: string; value: string } }
  | { key: 'future_timestamp'; params: { path: string } }
  | { key: 'write_failed'; params: { detail: string } }
  | { key: 'store_full'; params: { limit: number } }
  | { key: 'more_problems'; params: { count: number } };
export type BackupProblemKey = BackupProblem['key'];

export type ParsedBackup = { ok: true; data: BackupData } | { ok: false; problems: BackupProblem[] };

export interface MergeCounts {
  /** Not there before. */
  added: number;
  /** There before, replaced by the file's newer record (or a damaged one replaced). */
  updated: number;
  /** There before and at least as new: kept. */
  kept: number;
}

export type ImportResult =
  | {
      ok: true;
      certificates: MergeCounts;
      annotations: MergeCounts;
      reminderLog: MergeCounts;
      /** The file's settings were applied over the current ones and changed something. */
      settingsRestored: boolean;
      /** Records deleted on this device since the file was written, left deleted. */
      stillDeleted?: number;
    }
  | { ok: false; problems: BackupProblem[] };

export interface ImportOptions {
  /** Keep this device's settings instead of applying the file's. */
  keepSettings?: boolean;
  /** Bring back records deleted on this device too (the holder asked). */
  restoreDeleted?: boolean;
}

// ---- export ----

/** Everything valid in the database, as one JSON text (damaged records are left out). */
export async function exportBackup(db: Database, now: number): Promise<string> {
  const snap = await loadSnapshot(db);
  const data: BackupData = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    certificates: [...snap.certificates].sort((a, b) => cmp(a.number, b.number)),
    annotations: [...snap.annotations].sort((a, b) => a.appliedAt - b.appliedAt || cmp(a.id, b.id)),
    settings: snap.settings,
    // A reminder being shown right now is not shown yet: its claim stays on this device.
    reminderLog: snap.reminderLog.filter((e) => e.pendingUntil === undefined).sort((a, b) => cmp(a.id, b.id)),
  };
  return layout(data);
}

/**
 * One record per line: readable, and a third smaller than indenting every field, so that
 * the largest stores the device keeps fit the size an import accepts.
 */
function layout(data: BackupData): string {
  const list = (rows: readonly unknown[]) => (rows.length ? `[\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]` : '[]');
  const fields = Object.entries(data).map(([k, v]) => `  ${JSON.stringify(k)}: ${Array.isArray(v) ? list(v) : JSON.stringify(v)}`);
  return `{\n${fields.join(',\n')}\n}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- parse ----

type Segment = string | number;

/** `annotations[3].validUntil.date`; odd keys quoted; long ones cut. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const name = String(seg);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(clip(name, 40))}]`;
    }
  }
  return clip(out, 160);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A short text form of a value from the file, for a message. */
function show(value: unknown): string {
  if (typeof value === 'string') return clip(value, 40);
  if (value === null || typeof value !== 'object') return clip(String(value), 40);
  return Array.isArray(value) ? '[…]' : '{…}';
}

/** Whether a text that is not JSON stops inside a string or an open object/array. */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth < 0) return false;
    }
  }
  return inString || depth > 0;
}

/**
 * Collects problems, keeping the first MAX_LISTED_PROBLEMS and counting the rest (a lower
 * bound: row checks stop once the list is full).
 */
class Problems {
  readonly listed: BackupProblem[] = [];
  private unlisted = 0;
  add(problem: BackupProblem): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    else this.unlisted++;
  }
  get any(): boolean {
    return this.listed.length > 0;
  }
  /** Enough to show: further checks would only add to the count. */
  get full(): boolean {
    return this.unlisted > 0;
  }
  result(): BackupProblem[] {
    return this.unlisted ? [...this.listed, { key: 'more_problems', params: { count: this.unlisted } }] : this.listed;
  }
}

interface WalkNode {
  value: object;
  parent: WalkNode | null;
  segment: Segment | null;
}

function pathOf(node: WalkNode, last: Segment): Segment[] {
  const path: Segment[] = [last];
  for (let n: WalkNode | null = node; n && n.segment !== null; n = n.parent) path.unshift(n.segment);
  return path;
}

/** Every `__proto__` / `constructor` / `prototype` key, anywhere: no recursion, no path built unless needed. */
function findForbiddenKeys(root: unknown, problems: Problems): void {
  if (root === null || typeof root !== 'object') return;
  const stack: WalkNode[] = [{ value: root, parent: null, segment: null }];
  while (stack.length) {
    const node = stack.pop()!;
    if (Array.isArray(node.value)) {
      const list: unknown[] = node.value;
      for (let i = 0; i < list.length; i++) {
        const child = list[i];
        if (child !== null && typeof child === 'object') stack.push({ value: child, parent: node, segment: i });
      }
      continue;
    }
    const value = node.value as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.add({ key: 'forbidden_key', params: { path: formatPath(pathOf(node, key)), name: key } });
        continue;
      }
      const child = value[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, parent: node, segment: key });
    }
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function issueToProblem(issue: z.core.$ZodIssue, root: unknown, prefix: readonly Segment[] = []): BackupProblem {
  const fullPath = [...prefix, ...(issue.path as Segment[])];
  const path = formatPath(fullPath);
  const value = valueAt(root, fullPath);
  // An absent field shows as a wrong type, or for a choice (enum) as a value not allowed.
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return { key: 'missing', params: { path } };
  switch (issue.code) {
    case 'invalid_type':
      return { key: 'wrong_type', params: { path, expected: issue.expected === 'int' ? 'integer' : String(issue.expected) } };
    case 'unrecognized_keys':
      return { key: 'unknown_field', params: { path: formatPath([...fullPath, ...(issue.keys.length === 1 ? [issue.keys[0]!] : [])]), names: clip(issue.keys.join(', '), 80) } };
    case 'too_big':
      return { key: 'too_big', params: { path, maximum: Number(issue.maximum) } };
    case 'too_small':
      return { key: 'too_small', params: { path, minimum: Number(issue.minimum) } };
    case 'invalid_value':
      return { key: 'not_allowed', params: { path, value: show(value) } };
    case 'custom':
      if (typeof value === 'string') {
        return /^\d{4}-\d{2}-\d{2}$/.test(value) && !isBeijingDate(value)
          ? { key: 'impossible_date', params: { path, value } }
          : { key: 'not_a_date', params: { path, value: show(value) } };
      }
      if (fullPath[fullPath.length - 1] === 'validUntil') return { key: 'dates_out_of_order', params: { path } };
      return { key: 'not_allowed', params: { path, value: show(value) } };
    default:
      return { key: 'not_allowed', params: { path, value: show(value) } };
  }
}

function findDuplicates(data: BackupData, problems: Problems): void {
  const check = <T>(name: string, rows: readonly T[], keyOf: (row: T) => string) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const key = keyOf(row);
      if (seen.has(key)) problems.add({ key: 'duplicate', params: { path: formatPath([name, i]), value: clip(key, 40) } });
      seen.add(key);
    });
  };
  check('certificates', data.certificates, (c) => c.number);
  check('annotations', data.annotations, (a) => a.id);
  check('reminderLog', data.reminderLog, (e) => e.id);
}

function findFutureTimestamps(data: BackupData, now: number, problems: Problems): void {
  const limit = now + FUTURE_TOLERANCE_MS;
  const check = (value: number | undefined, path: Segment[]) => {
    if (value !== undefined && value > limit) problems.add({ key: 'future_timestamp', params: { path: formatPath(path) } });
  };
  check(data.exportedAt, ['exportedAt']);
  data.certificates.forEach((c, i) => {
    check(c.createdAt, ['certificates', i, 'createdAt']);
    check(c.updatedAt, ['certificates', i, 'updatedAt']);
  });
  data.annotations.forEach((a, i) => {
    check(a.appliedAt, ['annotations', i, 'appliedAt']);
    check(a.updatedAt, ['annotations', i, 'updatedAt']);
  });
  data.reminderLog.forEach((e, i) => check(e.shownAt, ['reminderLog', i, 'shownAt']));
}

const fail = (problem: BackupProblem): ParsedBackup => ({ ok: false, problems: [problem] });
const NONE: Record<string, never> = {};

/**
 * Reads and checks a whole backup file. With `now`, timestamps more than two days ahead
 * of it are refused (they would win every merge).
 */
export function parseBackup(text: string, now?: number): ParsedBackup {
  if (typeof text !== 'string') return fail({ key: 'not_json', params: NONE });
  // Length in UTF-16 units never exceeds the UTF-8 size: a longer text is over the limit.
  if (text.length > BACKUP_MAX_BYTES) {
    return fail({ key: 'too_large', params: { sizeMb: (text.length / 1024 / 1024).toFixed(1), limitMb: BACKUP_MAX_BYTES / 1024 / 1024 } });
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return fail({ key: 'empty', params: NONE });
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail({ key: looksTruncated(body) ? 'truncated' : 'not_json', params: NONE });
  }
  const problems = new Problems();
  findForbiddenKeys(raw, problems);
  if (problems.any) return { ok: false, problems: problems.result() };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as Record<string, unknown>).format !== BACKUP_FORMAT) {
    return fail({ key: 'not_our_format', params: NONE });
  }
  const version = (raw as Record<string, unknown>).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    return fail({ key: 'future_version', params: { version, supported: BACKUP_VERSION } });
  }
  // The lists' lengths are checked by hand and their rows one by one below, so that an
  // oversized list is refused without walking it and a list of broken rows stops early.
  const limits = { certificates: MAX_CERTIFICATES, annotations: MAX_ANNOTATIONS, reminderLog: MAX_LOG_ENTRIES };
  const top = { ...(raw as Record<string, unknown>) };
  const lists: Partial<Record<keyof typeof limits, unknown[]>> = {};
  for (const name of Object.keys(limits) as (keyof typeof limits)[]) {
    const list = top[name];
    if (!Array.isArray(list)) continue; // missing or not a list: the envelope says so
    if (list.length > limits[name]) problems.add({ key: 'too_big', params: { path: name, maximum: limits[name] } });
    else lists[name] = list;
    top[name] = [];
  }
  const envelope = EnvelopeSchema.safeParse(top);
  if (!envelope.success) for (const issue of envelope.error.issues) problems.add(issueToProblem(issue, raw));
  const rows = <T>(name: keyof typeof limits, schema: z.ZodType<T>): T[] => {
    const out: T[] = [];
    for (const [i, row] of (lists[name] ?? []).entries()) {
      if (problems.full) break;
      const parsed = schema.safeParse(row);
      if (parsed.success) out.push(parsed.data);
      else for (const issue of parsed.error.issues) problems.add(issueToProblem(issue, raw, [name, i]));
    }
    return out;
  };
  const certificates = rows('certificates', CertificateSchema);
  const annotations = rows('annotations', AnnotationSchema);
  const reminderLog = rows('reminderLog', ReminderLogEntrySchema);
  if (!envelope.success || problems.any) return { ok: false, problems: problems.result() };
  const data: BackupData = { ...envelope.data, certificates, annotations, reminderLog };
  if (problems.any) return { ok: false, problems: problems.result() };
  findDuplicates(data, problems);
  if (now !== undefined) findFutureTimestamps(data, now, problems);
  if (problems.any) return { ok: false, problems: problems.result() };
  return { ok: true, data };
}

// ---- import ----

/**
 * Checks the whole file, then merges it in one transaction: same certificate number =
 * same certificate; the same annotation is the same id or, from another device, the same
 * certificate, application day and validity (annotationIdentity), merged into the one
 * already here; the record with the newer `updatedAt` wins (the log entry with the later
 * `shownAt`), ties keep what is there. A record deleted here after it was last changed
 * stays deleted unless `restoreDeleted`. The file's settings are applied over the
 * current ones unless `keepSettings`.
 */
export async function importBackup(db: Database, text: string, now: number, options: ImportOptions = {}): Promise<ImportResult> {
  const parsed = parseBackup(text, now);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  const counts = () => ({ added: 0, updated: 0, kept: 0 });
  const result = { certificates: counts(), annotations: counts(), reminderLog: counts() };
  let settingsRestored = false;
  let stillDeleted = 0;
  const tombstones = options.restoreDeleted ? new Map() : await readTombstones(db);
  /** Deleted here at or after the record's last change. */
  const deletedHere = (key: string, updatedAt: number) => (tombstones.get(key)?.deletedAt ?? -1) >= updatedAt;

  const tx = db.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readwrite');
  // Failures are reported by the request that failed; this only keeps `done` observed.
  tx.done.catch(() => undefined);
  try {
    const merge = async <T>(
      store: 'certificates' | 'annotations' | 'reminderLog',
      schema: z.ZodType<T>,
      rows: readonly T[],
      keyOf: (row: T) => string,
      newer: (incoming: T, existing: T) => boolean,
    ) => {
      const os = tx.objectStore(store);
      for (const row of rows) {
        const existingRaw = await os.get(keyOf(row));
        const existing = existingRaw === undefined ? undefined : schema.safeParse(existingRaw);
        if (existing?.success && !newer(row, existing.data)) {
          result[store].kept++;
          continue;
        }
        await os.put(validate(schema, store, row) as never);
        result[store][existing ? 'updated' : 'added']++;
      }
    };
    // Deleted here, absent here, unchanged since: left out.
    const certificateStore = tx.objectStore('certificates');
    const certificates: Certificate[] = [];
    for (const c of data.certificates) {
      if (deletedHere(tombstoneKey.certificate(c.number), c.updatedAt) && (await certificateStore.getKey(c.number)) === undefined) stillDeleted++;
      else certificates.push(c);
    }
    // The same annotation recorded on another device has another id: it takes the id of
    // the one here, and so do its reminder log entries.
    const annotationStore = tx.objectStore('annotations');
    const byIdentity = new Map<string, string>();
    for (const raw of await annotationStore.getAll()) {
      const parsed = AnnotationSchema.safeParse(raw);
      if (parsed.success) byIdentity.set(annotationIdentity(parsed.data), parsed.data.id);
    }
    const renamed = new Map<string, string>();
    const annotations: Annotation[] = [];
    for (const a of data.annotations) {
      const identity = annotationIdentity(a);
      const here = (await annotationStore.getKey(a.id)) !== undefined ? a.id : byIdentity.get(identity);
      if (here === undefined && deletedHere(tombstoneKey.annotation(a), a.updatedAt)) {
        stillDeleted++;
        continue;
      }
      const id = here ?? a.id;
      if (id !== a.id) renamed.set(a.id, id);
      byIdentity.set(identity, id);
      annotations.push(id === a.id ? a : { ...a, id });
    }
    const reminderLog = data.reminderLog.map((e) => {
      const [kind, annotationId, ...rest] = e.id.split(':');
      const to = kind !== 'quota' && annotationId !== undefined ? renamed.get(annotationId) : undefined;
      return to ? { ...e, id: [kind, to, ...rest].join(':') } : e;
    });
    await merge<Certificate>('certificates', CertificateSchema, certificates, (c) => c.number, (a, b) => a.updatedAt > b.updatedAt);
    await merge<Annotation>('annotations', AnnotationSchema, annotations, (a) => a.id, (a, b) => a.updatedAt > b.updatedAt);
    await merge<ReminderLogEntry>('reminderLog', ReminderLogEntrySchema, reminderLog, (e) => e.id, (a, b) => a.shownAt > b.shownAt);
    // The merged stores stay within what the device keeps (and what an export can carry).
    for (const [store, limit] of [['certificates', MAX_CERTIFICATES], ['annotations', MAX_ANNOTATIONS]] as const) {
      if ((await tx.objectStore(store).count()) > limit) throw new StoreFullError(store, limit);
    }
    if (!options.keepSettings && Object.keys(data.settings).length) {
      const current = await tx.objectStore('settings').get('settings');
      const base = parseSettings(current);
      const next = validate(SettingsSchema, 'settings', { ...base, ...data.settings });
      const differs =
        !SettingsSchema.safeParse(current).success ||
        (Object.keys(next) as (keyof Settings)[]).some((k) => JSON.stringify(next[k]) !== JSON.stringify(base[k]));
      if (differs) {
        await tx.objectStore('settings').put(next, 'settings');
        settingsRestored = true;
      }
    }
    await tx.done;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed either way.
    }
    if (error instanceof StoreFullError) return { ok: false, problems: [{ key: 'store_full', params: { limit: error.limit } }] };
    const detail = error instanceof Error ? clip(`${error.name}: ${error.message}`, 200) : 'unknown';
    return { ok: false, problems: [{ key: 'write_failed', params: { detail } }] };
  }
  return { ok: true, ...result, settingsRestored, stillDeleted };
}

// ---- words ----

const translate = { zh_CN: makeTranslate({ zh_CN: zhBackup, en: enBackup }, 'zh_CN'), en: makeTranslate({ zh_CN: zhBackup, en: enBackup }, 'en') };

/** A problem in the user's language. */
export function describeBackupProblem(problem: BackupProblem, locale: Locale): string {
  const t = translate[locale];
  const params: Record<string, string | number> = { ...problem.params };
  if (problem.key === 'wrong_type') {
    const typeKey = `type_${problem.params.expected}` as keyof typeof zhBackup;
    if (typeKey in zhBackup) params.expected = t(typeKey);
  }
  return t(problem.key, params);
}

/** What an import did, in the user's language (one or two sentences). */
export function describeImportResult(result: Extract<ImportResult, { ok: true }>, locale: Locale): string {
  const t = translate[locale];
  const { certificates: c, annotations: a, reminderLog: l } = result;
  const changed = c.added + c.updated + a.added + a.updated + l.added + l.updated;
  const main = changed
    ? t('import_summary', {
        certificatesAdded: c.added,
        certificatesUpdated: c.updated,
        annotationsAdded: a.added,
        annotationsUpdated: a.updated,
        unchanged: c.kept + a.kept + l.kept,
      })
    : t('nothing_changed');
  const deleted = result.stillDeleted ? ` ${t('still_deleted', { count: result.stillDeleted })}` : '';
  return `${main}${deleted}${result.settingsRestored ? ` ${t('settings_restored')}` : ''}`;
}
