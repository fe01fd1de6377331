// The cheap check of what a read returns, without zod: a page that only shows records
// (the popup's first screen) decides with it alone when every record passes, and loads
// zod (lib/storage/records.ts, checkSnapshot) only when one does not.
import { MAX_VALIDITY_DAYS, type Annotation } from '../model/annotation';
import type { Certificate } from '../model/certificate';
import { DEFAULT_SETTINGS, MAX_SNOOZE_MS, type ReminderLogEntry, type Settings } from '../model/settings';
import type { RawSnapshot } from './raw';
import { compareDates, isValidYmd } from '../dates/beijing';

export interface Snapshot {
  certificates: Certificate[];
  annotations: Annotation[];
  settings: Settings;
  reminderLog: ReminderLogEntry[];
  /** Records that no longer validate: kept in the database untouched, left out here. */
  damaged: number;
}

// Reads check every record, cheaply. A record of the exact shape our own writes store
// passes the hand-written test below as it is; anything else (a stray key, untrimmed
// text, a value out of range, an unusual number) goes to zod, which decides. So the
// verdict is always zod's: the fast test only ever says "zod would return this record
// unchanged" (tests/unit/popup/fast-check.test.ts compares the two on varied records).
export type FastCheck = (row: Record<string, unknown>) => boolean;

const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'string' && v.length >= min && v.length <= max;
/** A string that zod's .trim() leaves as it is. */
const isTrimmedText = (v: unknown, min: number, max: number): boolean =>
  isText(v, min, max) && (v as string).trim() === v;

/** What IndexedDB gives back: an ordinary object, as zod's output is. */
export function isPlainRecord(row: unknown): row is Record<string, unknown> {
  return typeof row === 'object' && row !== null && Object.getPrototypeOf(row) === Object.prototype;
}

const hasOwn = (row: object, key: string): boolean => Object.prototype.hasOwnProperty.call(row, key);

/**
 * Only these keys, the required ones present and defined. An optional key may hold
 * undefined: zod keeps it so (an edit by hand that clears the level stores it that way).
 * Counted rather than searched key by key: the popup runs this, not yet optimised, on
 * every record before its first frame.
 */
function hasKeys(row: Record<string, unknown>, required: readonly string[], optional: readonly string[]): boolean {
  let present = 0;
  for (const key in row) {
    // An inherited enumerable key: not a plain record of ours.
    if (!hasOwn(row, key)) return false;
    present++;
  }
  for (let i = 0; i < required.length; i++) {
    const key = required[i]!;
    if (!hasOwn(row, key) || row[key] === undefined) return false;
  }
  let expected = required.length;
  for (let i = 0; i < optional.length; i++) if (hasOwn(row, optional[i]!)) expected++;
  // Every own key is a required or an optional one exactly when the counts match.
  return present === expected;
}

/** isBeijingDate() without its regular expression: 'YYYY-MM-DD' in ASCII digits, a real day. */
function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = v.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i < 4) year = year * 10 + digit;
    else if (i < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  return isValidYmd(year, month, day);
}

const CERTIFICATE_KEYS = ['number', 'qualification', 'status', 'source', 'createdAt', 'updatedAt'] as const;
const CERTIFICATE_OPTIONAL = ['level', 'holderName', 'approvalDate', 'annotationRequired'] as const;
export const fastCertificate: FastCheck = (c) =>
  hasKeys(c, CERTIFICATE_KEYS, CERTIFICATE_OPTIONAL) &&
  isTrimmedText(c.number, 1, 64) &&
  isTrimmedText(c.qualification, 1, 200) &&
  (c.level === undefined || isTrimmedText(c.level, 0, 100)) &&
  (c.holderName === undefined || isTrimmedText(c.holderName, 0, 100)) &&
  (c.approvalDate === undefined || isDate(c.approvalDate)) &&
  (c.status === 'valid' || c.status === 'withdrawn' || c.status === 'unknown') &&
  (c.annotationRequired === undefined || typeof c.annotationRequired === 'boolean') &&
  (c.source === 'portal' || c.source === 'manual') &&
  isCount(c.createdAt) &&
  isCount(c.updatedAt);

const DATED_KEYS = ['date', 'source'] as const;
const isDatedFact = (v: unknown): v is { date: string } =>
  isPlainRecord(v) && hasKeys(v, DATED_KEYS, []) && isDate(v.date) && (v.source === 'portal' || v.source === 'estimated' || v.source === 'unknown');

const ANNOTATION_KEYS = [
  'id', 'certificateNumber', 'appliedAt', 'appliedAtEstimated', 'validityDays', 'scenario',
  'state', 'validFrom', 'validUntil', 'source', 'updatedAt',
] as const;
export const fastAnnotation: FastCheck = (a) =>
  hasKeys(a, ANNOTATION_KEYS, []) &&
  isText(a.id, 1, 64) &&
  isTrimmedText(a.certificateNumber, 1, 64) &&
  isCount(a.appliedAt) &&
  typeof a.appliedAtEstimated === 'boolean' &&
  Number.isSafeInteger(a.validityDays) && (a.validityDays as number) >= 1 && (a.validityDays as number) <= MAX_VALIDITY_DAYS &&
  isTrimmedText(a.scenario, 1, 50) &&
  (a.state === 'generating' || a.state === 'valid' || a.state === 'expired') &&
  isDatedFact(a.validFrom) &&
  isDatedFact(a.validUntil) &&
  compareDates(a.validFrom.date, a.validUntil.date) <= 0 &&
  (a.source === 'portal' || a.source === 'manual') &&
  isCount(a.updatedAt);

export const fastReminderLogEntry: FastCheck = (l) =>
  hasKeys(l, ['id', 'shownAt'], ['snoozedUntil', 'pendingUntil']) &&
  isText(l.id, 1, 200) &&
  isCount(l.shownAt) &&
  (l.snoozedUntil === undefined || (isCount(l.snoozedUntil) && (l.snoozedUntil as number) <= (l.shownAt as number) + MAX_SNOOZE_MS)) &&
  (l.pendingUntil === undefined || isCount(l.pendingUntil));

const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS);
const isIntIn = (v: unknown, min: number, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
/** Not every(): it skips the holes of a sparse array, which zod refuses. */
function allDays(days: unknown[]): boolean {
  for (let i = 0; i < days.length; i++) if (!isIntIn(days[i], 1, 89)) return false;
  return true;
}
export const fastSettings: FastCheck = (s) =>
  hasKeys(s, SETTINGS_KEYS, []) &&
  typeof s.remindersEnabled === 'boolean' &&
  Array.isArray(s.expiryLadderDays) && Object.getPrototypeOf(s.expiryLadderDays) === Array.prototype &&
  s.expiryLadderDays.length <= 10 && allDays(s.expiryLadderDays) &&
  isIntIn(s.reminderHour, 0, 23) &&
  typeof s.quotaReminder === 'boolean' &&
  (s.language === 'auto' || s.language === 'zh_CN' || s.language === 'en') &&
  (s.rememberPages === null || typeof s.rememberPages === 'boolean') &&
  typeof s.panelCollapsed === 'boolean';

/** Stored settings over the defaults, when they pass the fast check as they are; else null (zod decides). */
export function quickSettings(raw: unknown): Settings | null {
  // Missing or older settings: fill in defaults field by field, never drop the user's choices.
  const merged = { ...DEFAULT_SETTINGS, ...(raw && typeof raw === 'object' ? raw : {}) };
  // A fresh array, as zod gives: nothing else rides along on the stored one.
  return fastSettings(merged) ? { ...(merged as Settings), expiryLadderDays: Array.from(merged.expiryLadderDays) } : null;
}

function allPass<T>(rows: unknown[], fast: FastCheck): rows is T[] {
  for (const row of rows) if (!isPlainRecord(row) || !fast(row)) return false;
  return true;
}

/**
 * The snapshot when every record passes the fast check, which then is zod's verdict too
 * (records unchanged, none damaged); null when any record needs zod to decide.
 */
export function quickSnapshot(raw: RawSnapshot): Snapshot | null {
  const settings = quickSettings(raw.settings);
  if (!settings) return null;
  if (!allPass<Certificate>(raw.certificates, fastCertificate)) return null;
  if (!allPass<Annotation>(raw.annotations, fastAnnotation)) return null;
  if (!allPass<ReminderLogEntry>(raw.reminderLog, fastReminderLogEntry)) return null;
  return { certificates: raw.certificates, annotations: raw.annotations, settings, reminderLog: raw.reminderLog, damaged: 0 };
}
