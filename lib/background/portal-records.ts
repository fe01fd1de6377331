// What the portal's pages showed, turned into stored records. The decisions are pure
// functions of (stored annotations, reading, now) so they are tested without a browser;
// the writers wrap each in one IndexedDB transaction, so two frames reporting at once
// cannot both create the same record.
import type { ExtensionBrowser } from './browser';
import type { AnnotationReading, CertificateReading } from '../messages';
import {
  appliedDay,
  currentAnnotation,
  DEFAULT_SCENARIO,
  effectiveState,
  estimateValidity,
  lastDayKnown,
  MAX_VALIDITY_DAYS,
  type Annotation,
  type DatedFact,
} from '../model/annotation';
import { AnnotationSchema, CertificateSchema, type Certificate } from '../model/schemas';
import { quotaOn, QUOTA_WINDOW_DAYS } from '../model/quota';
import { addDays, beijingDateAt, compareDates, daysBetween, startOfBeijingDay, type BeijingDate } from '../dates/beijing';
import { ensureRoom, validate } from '../storage/records';
import type { Database } from '../storage/db';
import type { PendingApply, QuotaView } from '../guide/protocol';

// ---------------------------------------------------------------- certificates

export interface CertificatesResult {
  saved: number;
  added: number;
  changed: boolean;
}

/** The certificate as it should be stored after the list showed `reading`. */
export function mergeCertificate(existing: Certificate | undefined, reading: CertificateReading, now: number): Certificate {
  const next: Certificate = {
    number: reading.number,
    qualification: reading.qualification,
    level: reading.level || existing?.level,
    holderName: reading.holderName || existing?.holderName,
    approvalDate: reading.approvalDate ?? existing?.approvalDate,
    // A status the page did not make clear never overwrites one it did.
    status: reading.status === 'unknown' && existing ? existing.status : reading.status,
    annotationRequired: existing?.annotationRequired,
    source: 'portal',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  for (const key of Object.keys(next) as (keyof Certificate)[]) if (next[key] === undefined) delete next[key];
  return next;
}

function sameCertificate(a: Certificate, b: Certificate): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Certificate) => JSON.stringify(Object.entries(rest).sort());
  return strip(a) === strip(b);
}

/** Upserts the rows of a certificate list: created once, kept in step with the portal. */
export async function recordCertificatesSeen(db: Database, readings: readonly CertificateReading[], now: number): Promise<CertificatesResult> {
  const byNumber = new Map(readings.map((r) => [r.number, r]));
  const tx = db.transaction('certificates', 'readwrite');
  const existing = await Promise.all([...byNumber.keys()].map((n) => tx.store.get(n)));
  // Every row is checked before any is written: one bad row leaves the list untouched.
  const writes = [...byNumber.values()]
    .map((reading, i) => ({ before: existing[i], next: validate(CertificateSchema, 'certificate', mergeCertificate(existing[i], reading, now)) }))
    .filter(({ before, next }) => !before || !sameCertificate(before, next));
  // The device keeps a bounded number of records (lib/storage/limits.ts).
  await ensureRoom(tx, 'certificates', writes.filter((w) => !w.before).map((w) => w.next.number));
  await Promise.all([...writes.map(({ next }) => tx.store.put(next)), tx.done]);
  return { saved: byNumber.size, added: writes.filter((w) => !w.before).length, changed: writes.length > 0 };
}

// ---------------------------------------------------------------- annotations

export type AnnotationPlan =
  | { change: 'created' | 'updated'; record: Annotation; also?: Annotation }
  | { change: 'unchanged'; record?: Annotation; also?: Annotation }
  /** The page shows another last day than the one stored for the same annotation: the holder decides. */
  | { change: 'conflict'; record: Annotation; pageUntil: BeijingDate }
  | { change: 'skipped'; reason: 'no-dates' | 'bad-date' };

const fact = (date: BeijingDate, source: DatedFact['source']): DatedFact => ({ date, source });
const clampDays = (n: number) => Math.min(MAX_VALIDITY_DAYS, Math.max(1, n));
/** Two submissions this close together are one submission reported twice. */
const SAME_SUBMISSION_MS = 30 * 60_000;

function sameAnnotation(a: Annotation, b: Annotation): boolean {
  const strip = ({ updatedAt: _u, ...rest }: Annotation) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

function updated(cur: Annotation, next: Annotation): AnnotationPlan {
  return sameAnnotation(cur, next) ? { change: 'unchanged', record: cur } : { change: 'updated', record: next };
}

/** Does a reading with these dates describe the annotation we already hold? */
function describesCurrent(cur: Annotation, validUntil: BeijingDate): boolean {
  if (cur.state === 'generating') return true;
  if (cur.validUntil.date === validUntil) return true;
  // Unknown: it was valid on the day it was first seen, and ends by the latest day stored.
  if (cur.validUntil.source === 'unknown') return compareDates(appliedDay(cur), validUntil) <= 0 && compareDates(validUntil, cur.validUntil.date) <= 0;
  // Our estimate runs from the day of application; the portal's from the day it was
  // generated, up to a day or two later.
  const drift = daysBetween(cur.validUntil.date, validUntil);
  return cur.validUntil.source === 'estimated' && drift >= -2 && drift <= 3;
}

/**
 * A reading that contradicts the last day read before for the same annotation: the same
 * start with another end, or an end earlier than the one stored while that one still
 * runs (a newer annotation would not end sooner). Never written over in silence.
 */
function contradicts(cur: Annotation, reading: AnnotationReading, validUntil: BeijingDate, now: number): boolean {
  if (cur.state === 'generating' || cur.validUntil.source !== 'portal' || cur.validUntil.date === validUntil) return false;
  if (reading.validFrom && cur.validFrom.source === 'portal' && reading.validFrom === cur.validFrom.date) return true;
  return reading.state === 'valid' && compareDates(validUntil, cur.validUntil.date) < 0 && effectiveState(cur, now) !== 'expired';
}

/** An annotation the portal shows valid today whose last day could not be read: at most 90 days from today. */
function validLastDayUnknown(certificateNumber: string, now: number, newId: () => string): Annotation {
  const today = beijingDateAt(now);
  return {
    id: newId(),
    certificateNumber,
    // Made today at the latest: counted for the quota as if it were (never undercounted).
    appliedAt: now,
    appliedAtEstimated: true,
    validityDays: MAX_VALIDITY_DAYS,
    scenario: DEFAULT_SCENARIO,
    state: 'valid',
    validFrom: fact(today, 'estimated'),
    validUntil: fact(addDays(today, MAX_VALIDITY_DAYS - 1), 'unknown'),
    source: 'portal',
    updatedAt: now,
  };
}

/** A generating application we did not see being made: its time and validity are unknown. */
function generatingSeen(certificateNumber: string, now: number, newId: () => string): Annotation {
  return {
    id: newId(),
    certificateNumber,
    appliedAt: now,
    appliedAtEstimated: true,
    validityDays: MAX_VALIDITY_DAYS,
    scenario: DEFAULT_SCENARIO,
    state: 'generating',
    ...estimateValidity(now, MAX_VALIDITY_DAYS),
    source: 'portal',
    updatedAt: now,
  };
}

/**
 * What the annotation page's reading changes. Dates read from the portal replace our
 * estimates; a page seen again changes nothing (no duplicates on reload). A valid
 * annotation whose last day could not be read is remembered as valid with its last day
 * unknown (the holder is asked for it), never dropped. A reading that contradicts a
 * stored last day is reported as a conflict, not written.
 */
export function planAnnotationSeen(
  annotations: readonly Annotation[],
  certificateNumber: string,
  reading: AnnotationReading,
  now: number,
  newId: () => string,
): AnnotationPlan {
  if (reading.state === 'valid' && reading.alsoGenerating) {
    // [下载] beside 证书生成中: the dates are the previous annotation's; the new one is generating.
    const previous = annotations.filter((a) => a.state !== 'generating');
    const generating = annotations.some((a) => a.certificateNumber === certificateNumber && a.state === 'generating');
    const { alsoGenerating: _g, ...rest } = reading;
    const plan = planAnnotationSeen(previous, certificateNumber, rest, now, newId);
    if (generating || plan.change === 'conflict' || plan.change === 'skipped') return plan;
    const also = generatingSeen(certificateNumber, now, newId);
    return plan.change === 'unchanged' ? { ...plan, change: 'created', record: also, also: plan.record } : { ...plan, also };
  }

  const cur = currentAnnotation(annotations, certificateNumber);
  if (reading.state === 'none') return { change: 'unchanged', record: cur };

  if (reading.state === 'generating') {
    if (cur?.state === 'generating') return { change: 'unchanged', record: cur };
    return { change: 'created', record: generatingSeen(certificateNumber, now, newId) };
  }

  const { validFrom, validUntil } = reading;
  if (validFrom && validUntil && compareDates(validFrom, validUntil) > 0) return { change: 'skipped', reason: 'no-dates' };

  if (!validUntil) {
    if (reading.state === 'expired') {
      if (!cur || cur.state === 'generating') return { change: 'skipped', reason: 'no-dates' };
      return updated(cur, { ...cur, state: 'expired', updatedAt: now });
    }
    // Valid, last day not read: the application we hold is now valid (its estimate stays, and
    // the holder is asked); anything else the page shows valid is remembered with its last day unknown.
    if (cur && (cur.state === 'generating' || (cur.state === 'valid' && effectiveState(cur, now) === 'valid'))) {
      const from = validFrom && cur.validFrom.source !== 'portal' && compareDates(validFrom, cur.validUntil.date) <= 0 ? fact(validFrom, 'portal') : cur.validFrom;
      return updated(cur, { ...cur, state: 'valid', validFrom: from, updatedAt: now });
    }
    const record = validLastDayUnknown(certificateNumber, now, newId);
    if (validFrom && compareDates(validFrom, beijingDateAt(now)) <= 0) {
      record.validFrom = fact(validFrom, 'portal');
      record.validUntil = fact(addDays(validFrom, MAX_VALIDITY_DAYS - 1), 'unknown');
      record.appliedAt = Math.min(now, startOfBeijingDay(validFrom));
    }
    return { change: 'created', record };
  }

  if (cur && contradicts(cur, reading, validUntil, now)) return { change: 'conflict', record: cur, pageUntil: validUntil };

  if (cur && describesCurrent(cur, validUntil)) {
    let from: DatedFact;
    if (validFrom) from = fact(validFrom, 'portal');
    else if (compareDates(cur.validFrom.date, validUntil) <= 0 && cur.validFrom.source === 'portal') from = cur.validFrom;
    else from = fact(addDays(validUntil, -(cur.validityDays - 1)), 'estimated');
    const validityDays = validFrom ? clampDays(daysBetween(validFrom, validUntil) + 1) : cur.validityDays;
    // An application time we only guessed is no later than the first day the portal shows.
    const appliedAt = cur.appliedAtEstimated && validFrom ? Math.min(cur.appliedAt, startOfBeijingDay(validFrom)) : cur.appliedAt;
    return updated(cur, {
      ...cur,
      appliedAt,
      state: reading.state,
      validFrom: from,
      validUntil: fact(validUntil, 'portal'),
      validityDays,
      updatedAt: now,
    });
  }

  // An annotation we have no record of. Without a start date we assume the full 90 days for
  // its dates; for the quota it counts from the latest day it can have been applied for (its
  // first valid day, or today or its last day when only that is shown), never earlier.
  const fromDate = validFrom ?? addDays(validUntil, -(MAX_VALIDITY_DAYS - 1));
  return {
    change: 'created',
    record: {
      id: newId(),
      certificateNumber,
      appliedAt: Math.min(now, startOfBeijingDay(validFrom ?? validUntil)),
      appliedAtEstimated: true,
      validityDays: clampDays(daysBetween(fromDate, validUntil) + 1),
      scenario: DEFAULT_SCENARIO,
      state: reading.state,
      validFrom: fact(fromDate, validFrom ? 'portal' : 'estimated'),
      validUntil: fact(validUntil, 'portal'),
      source: 'portal',
      updatedAt: now,
    },
  };
}

/**
 * The holder's answer in the panel: the last valid day of the annotation the page shows
 * valid. It completes the current annotation (last day unknown, estimated, or contradicted
 * by the page), or records one. A day the page could not show for a valid annotation (before
 * today, or more than 90 days ahead) is refused.
 */
export function planLastDayGiven(
  annotations: readonly Annotation[],
  certificateNumber: string,
  validUntil: BeijingDate,
  now: number,
  newId: () => string,
): AnnotationPlan {
  const today = beijingDateAt(now);
  if (compareDates(validUntil, today) < 0 || daysBetween(today, validUntil) > MAX_VALIDITY_DAYS - 1) return { change: 'skipped', reason: 'bad-date' };
  const cur = currentAnnotation(
    annotations.filter((a) => a.state !== 'generating'),
    certificateNumber,
  );
  if (cur && (!lastDayKnown(cur) || effectiveState(cur, now) !== 'expired')) {
    const from = compareDates(cur.validFrom.date, validUntil) <= 0 ? cur.validFrom : fact(today, 'estimated');
    const validityDays = from.source === 'portal' ? clampDays(daysBetween(from.date, validUntil) + 1) : cur.validityDays;
    return updated(cur, { ...cur, state: 'valid', validFrom: from, validUntil: fact(validUntil, 'portal'), validityDays, updatedAt: now });
  }
  const record = validLastDayUnknown(certificateNumber, now, newId);
  record.validUntil = fact(validUntil, 'portal');
  return { change: 'created', record };
}

export interface Application {
  certificateNumber: string;
  validityDays: number;
  scenario: string;
}

/**
 * A submission the portal confirmed: a generating annotation with the chosen validity.
 * A generating record already there for it (seen first, or reported twice) is completed
 * instead of doubled.
 */
export function planAnnotationApplied(
  annotations: readonly Annotation[],
  application: Application,
  appliedAt: number,
  now: number,
  newId: () => string,
): AnnotationPlan {
  const cur = currentAnnotation(annotations, application.certificateNumber);
  const estimate = estimateValidity(appliedAt, application.validityDays);
  if (cur?.state === 'generating' && (cur.appliedAtEstimated || Math.abs(cur.appliedAt - appliedAt) < SAME_SUBMISSION_MS)) {
    return updated(cur, {
      ...cur,
      appliedAt,
      appliedAtEstimated: false,
      validityDays: application.validityDays,
      scenario: application.scenario,
      validFrom: cur.validFrom.source === 'portal' ? cur.validFrom : estimate.validFrom,
      validUntil: cur.validUntil.source === 'portal' ? cur.validUntil : estimate.validUntil,
      updatedAt: now,
    });
  }
  return {
    change: 'created',
    record: {
      id: newId(),
      certificateNumber: application.certificateNumber,
      appliedAt,
      appliedAtEstimated: false,
      validityDays: application.validityDays,
      scenario: application.scenario,
      state: 'generating',
      ...estimate,
      source: 'portal',
      updatedAt: now,
    },
  };
}

const newAnnotationId = () => globalThis.crypto.randomUUID();

/** Runs a plan against the stored annotations of one certificate, in one transaction. */
async function applyAnnotationPlan(
  db: Database,
  certificateNumber: string,
  plan: (stored: Annotation[]) => AnnotationPlan,
): Promise<AnnotationPlan> {
  const tx = db.transaction('annotations', 'readwrite');
  const stored: Annotation[] = [];
  for (const row of await tx.store.index('byCertificate').getAll(certificateNumber)) {
    const parsed = AnnotationSchema.safeParse(row);
    if (parsed.success) stored.push(parsed.data);
  }
  const result = plan(stored);
  // Every record is checked before any is written: a bad one leaves the store untouched.
  const writes: Annotation[] = [];
  if (result.change === 'created' || result.change === 'updated') writes.push(validate(AnnotationSchema, 'annotation', result.record));
  if ((result.change === 'created' || result.change === 'updated' || result.change === 'unchanged') && result.also) {
    writes.push(validate(AnnotationSchema, 'annotation', result.also));
  }
  const created = writes.filter((r) => !stored.some((a) => a.id === r.id)).map((r) => r.id);
  if (created.length) await ensureRoom(tx, 'annotations', created);
  for (const record of writes) await tx.store.put(record);
  await tx.done;
  return result;
}

export function recordAnnotationSeen(db: Database, certificateNumber: string, reading: AnnotationReading, now: number): Promise<AnnotationPlan> {
  return applyAnnotationPlan(db, certificateNumber, (stored) => planAnnotationSeen(stored, certificateNumber, reading, now, newAnnotationId));
}

export function recordLastDayGiven(db: Database, certificateNumber: string, validUntil: BeijingDate, now: number): Promise<AnnotationPlan> {
  return applyAnnotationPlan(db, certificateNumber, (stored) => planLastDayGiven(stored, certificateNumber, validUntil, now, newAnnotationId));
}

export function recordAnnotationApplied(db: Database, application: Application, appliedAt: number, now: number): Promise<AnnotationPlan> {
  return applyAnnotationPlan(db, application.certificateNumber, (stored) =>
    planAnnotationApplied(stored, application, appliedAt, now, newAnnotationId),
  );
}

/** Used n of 3 in the window, read conservatively (every application counts). */
export function quotaView(annotations: readonly Annotation[], certificateNumber: string, now: number): QuotaView {
  const q = quotaOn(annotations, certificateNumber, beijingDateAt(now));
  return { used: q.used, limit: q.limit, canApply: q.canApply, firstFreeDay: q.firstFreeDay, windowDays: QUOTA_WINDOW_DAYS };
}

// ---------------------------------------------------------------- the tab's own memory

/**
 * Which certificate a tab is about, and a form submission waiting for the portal's
 * confirmation. Kept in the extension's session storage (memory only, never on disk,
 * gone when the browser closes), keyed by tab: it survives the page navigations between
 * [下载], the form and its confirmation, and the service worker going to sleep, and it
 * is never written to the portal's own storage.
 */
export interface TabMemory {
  certificateNumber?: string;
  certificateAt?: number;
  pendingApply?: PendingApply;
}

/** A certificate choice older than this no longer says what the tab is about. */
export const CERTIFICATE_MEMORY_MS = 6 * 3_600_000;
/** A submission not confirmed within this time is dropped. */
export const PENDING_APPLY_MS = 30 * 60_000;

const tabKey = (tabId: number) => `guideTab:${tabId}`;

export async function readTabMemory(browser: ExtensionBrowser, tabId: number | undefined, now: number): Promise<TabMemory> {
  if (tabId === undefined || tabId < 0) return {};
  const key = tabKey(tabId);
  const raw = ((await browser.storage.session.get(key)) as Record<string, unknown>)[key];
  if (!raw || typeof raw !== 'object') return {};
  const m = raw as TabMemory;
  const out: TabMemory = {};
  if (typeof m.certificateNumber === 'string' && typeof m.certificateAt === 'number' && now - m.certificateAt < CERTIFICATE_MEMORY_MS) {
    out.certificateNumber = m.certificateNumber;
    out.certificateAt = m.certificateAt;
  }
  if (m.pendingApply && typeof m.pendingApply.at === 'number' && now - m.pendingApply.at < PENDING_APPLY_MS && now >= m.pendingApply.at) {
    out.pendingApply = m.pendingApply;
  }
  return out;
}

export async function writeTabMemory(browser: ExtensionBrowser, tabId: number | undefined, memory: TabMemory): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  if (!memory.certificateNumber && !memory.pendingApply) await browser.storage.session.remove(tabKey(tabId));
  else await browser.storage.session.set({ [tabKey(tabId)]: memory });
}

export function forgetTab(browser: ExtensionBrowser, tabId: number): Promise<void> {
  return browser.storage.session.remove(tabKey(tabId));
}
