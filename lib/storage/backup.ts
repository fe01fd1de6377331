// Backup: everything in one JSON file, and back. An import is checked whole before
// anything is written, merged with what is there, and written in one transaction: a
// broken or hostile file changes nothing and gets a reason naming what is wrong.
import { z } from '../model/zod';
import { isBeijingDate } from '../dates/beijing';
import { AnnotationSchema, type Annotation } from '../model/annotation';
import { CertificateSchema, type Certificate } from '../model/certificate';
import { ReminderLogEntrySchema, SettingsSchema, type ReminderLogEntry, type Settings } from '../model/settings';
import { makeTranslate } from '../i18n/translate';
import type { Locale } from '../i18n/locale';
import zhBackup from '../i18n/zh_CN/backup.json';
import enBackup from '../i18n/en/backup.json';
import type { Database } from './db';
import { loadSnapshot, parseSettings, validate } from './records';

export const BACKUP_FORMAT = 'cpta-assistant-backup';
export const BACKUP_VERSION = 1;
/** Files over 10 MB are refused before they are read as JSON (ours are a few kB). */
export const BACKUP_MAX_BYTES = 10 * 1024 * 1024;
/** Timestamps further ahead of the importing device's clock are refused: they would win every merge. */
export const FUTURE_TOLERANCE_MS = 2 * 86_400_000;
/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The file as written by exportBackup (version 1). */
export const BackupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  /** When it was written (epoch ms). */
  exportedAt: z.number().int().nonnegative(),
  certificates: z.array(CertificateSchema).max(1000),
  annotations: z.array(AnnotationSchema).max(20_000),
  /** Missing fields keep the importing device's value. */
  settings: SettingsSchema.partial(),
  reminderLog: z.array(ReminderLogEntrySchema).max(20_000),
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
    }
  | { ok: false; problems: BackupProblem[] };

export interface ImportOptions {
  /** Keep this device's settings instead of applying the file's. */
  keepSettings?: boolean;
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
    reminderLog: [...snap.reminderLog].sort((a, b) => cmp(a.id, b.id)),
  };
  return JSON.stringify(data, null, 2);
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

/** Every `__proto__` / `constructor` / `prototype` key, anywhere, without recursion. */
function forbiddenKeys(root: unknown): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const stack: { value: unknown; path: Segment[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ key: 'forbidden_key', params: { path: formatPath([...path, key]), name: key } });
        if (problems.length > MAX_LISTED_PROBLEMS) return problems;
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function issueToProblem(issue: z.core.$ZodIssue, root: unknown): BackupProblem {
  const path = formatPath(issue.path);
  const value = valueAt(root, issue.path);
  // An absent field shows as a wrong type, or for a choice (enum) as a value not allowed.
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return { key: 'missing', params: { path } };
  switch (issue.code) {
    case 'invalid_type':
      return { key: 'wrong_type', params: { path, expected: issue.expected === 'int' ? 'integer' : String(issue.expected) } };
    case 'unrecognized_keys':
      return { key: 'unknown_field', params: { path: formatPath([...issue.path, ...(issue.keys.length === 1 ? [issue.keys[0]!] : [])]), names: clip(issue.keys.join(', '), 80) } };
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
      if (issue.path[issue.path.length - 1] === 'validUntil') return { key: 'dates_out_of_order', params: { path } };
      return { key: 'not_allowed', params: { path, value: show(value) } };
    default:
      return { key: 'not_allowed', params: { path, value: show(value) } };
  }
}

function duplicates(data: BackupData): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const check = <T>(name: string, rows: readonly T[], keyOf: (row: T) => string) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const key = keyOf(row);
      if (seen.has(key)) problems.push({ key: 'duplicate', params: { path: formatPath([name, i]), value: clip(key, 40) } });
      seen.add(key);
    });
  };
  check('certificates', data.certificates, (c) => c.number);
  check('annotations', data.annotations, (a) => a.id);
  check('reminderLog', data.reminderLog, (e) => e.id);
  return problems;
}

function futureTimestamps(data: BackupData, now: number): BackupProblem[] {
  const limit = now + FUTURE_TOLERANCE_MS;
  const problems: BackupProblem[] = [];
  const check = (value: number | undefined, path: Segment[]) => {
    if (value !== undefined && value > limit) problems.push({ key: 'future_timestamp', params: { path: formatPath(path) } });
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
  return problems;
}

function capped(problems: BackupProblem[]): BackupProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { key: 'more_problems', params: { count: problems.length - MAX_LISTED_PROBLEMS } }];
}

const fail = (...problems: BackupProblem[]): ParsedBackup => ({ ok: false, problems: capped(problems) });
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
  const hostile = forbiddenKeys(raw);
  if (hostile.length) return fail(...hostile);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as Record<string, unknown>).format !== BACKUP_FORMAT) {
    return fail({ key: 'not_our_format', params: NONE });
  }
  const version = (raw as Record<string, unknown>).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    return fail({ key: 'future_version', params: { version, supported: BACKUP_VERSION } });
  }
  const parsed = BackupSchema.safeParse(raw);
  if (!parsed.success) return fail(...parsed.error.issues.map((i) => issueToProblem(i, raw)));
  const later = [...duplicates(parsed.data), ...(now === undefined ? [] : futureTimestamps(parsed.data, now))];
  if (later.length) return fail(...later);
  return { ok: true, data: parsed.data };
}

// ---- import ----

/**
 * Checks the whole file, then merges it in one transaction: same certificate number =
 * same certificate, same annotation id = same annotation; the record with the newer
 * `updatedAt` wins (the log entry with the later `shownAt`), ties keep what is there.
 * The file's settings are applied over the current ones unless `keepSettings`.
 */
export async function importBackup(db: Database, text: string, now: number, options: ImportOptions = {}): Promise<ImportResult> {
  const parsed = parseBackup(text, now);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  const counts = () => ({ added: 0, updated: 0, kept: 0 });
  const result = { certificates: counts(), annotations: counts(), reminderLog: counts() };
  let settingsRestored = false;

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
    await merge<Certificate>('certificates', CertificateSchema, data.certificates, (c) => c.number, (a, b) => a.updatedAt > b.updatedAt);
    await merge<Annotation>('annotations', AnnotationSchema, data.annotations, (a) => a.id, (a, b) => a.updatedAt > b.updatedAt);
    await merge<ReminderLogEntry>('reminderLog', ReminderLogEntrySchema, data.reminderLog, (e) => e.id, (a, b) => a.shownAt > b.shownAt);
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
    const detail = error instanceof Error ? clip(`${error.name}: ${error.message}`, 200) : 'unknown';
    return { ok: false, problems: [{ key: 'write_failed', params: { detail } }] };
  }
  return { ok: true, ...result, settingsRestored };
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
  return result.settingsRestored ? `${main} ${t('settings_restored')}` : main;
}
