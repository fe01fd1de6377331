// What the portal's pages showed, turned into stored records. The decisions are pure
// functions of (stored annotations, reading, now) so they are tested without a browser;
// the writers wrap each in one IndexedDB transaction, so two frames reporting at once
// cannot both create the same record.
import type { ExtensionBrowser } from './start';
import type { AnnotationReading, CertificateReading } from '../messages';
import {
  AnnotationSchema,
  currentAnnotation,
  DEFAULT_SCENARIO,
  estimateValidity,
  MAX_VALIDITY_DAYS,
  type Annotation,
  type DatedFact,
} from '../model/annotation';
import { CertificateSchema, type Certificate } from '../model/certificate';
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
  | { change: 'created' | 'updated'; record: Annotation }
  | { change: 'unchanged'; record?: Annotation }
  | { change: 'skipped'; reason: 'no-dates' };

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
  // Our estimate runs from the day of application; the portal's from the day it was
  // generated, up to a day or two later.
  const drift = daysBetween(cur.validUntil.date, validUntil);
  return cur.validUntil.source === 'estimated' && drift >= -2 && drift <= 3;
}

/**
 * What the annotation page's reading changes. Dates read from the portal replace our
 * estimates; a page seen again changes nothing (no duplicates on reload); a reading we
 * cannot place (no dates, nothing stored) changes nothing rather than guess.
 */
export function planAnnotationSeen(
  annotations: readonly Annotation[],
  certificateNumber: string,
  reading: AnnotationReading,
  now: number,
  newId: () => string,
): AnnotationPlan {
  const cur = currentAnnotation(annotations, certificateNumber);
  if (reading.state === 'none') return { change: 'unchanged', record: cur };

  if (reading.state === 'generating') {
    if (cur?.state === 'generating') return { change: 'unchanged', record: cur };
    // An application we did not see being made: its time and validity are unknown.
    return {
      change: 'created',
      record: {
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
      },
    };
  }

  const { validFrom, validUntil } = reading;
  if (validFrom && validUntil && compareDates(validFrom, validUntil) > 0) return { change: 'skipped', reason: 'no-dates' };

  if (!validUntil) {
    if (!cur) return { change: 'skipped', reason: 'no-dates' };
    if (reading.state === 'valid' && cur.state === 'expired') return { change: 'skipped', reason: 'no-dates' };
    const from = validFrom && cur.validFrom.source === 'estimated' && compareDates(validFrom, cur.validUntil.date) <= 0
      ? fact(validFrom, 'portal')
      : cur.validFrom;
    return updated(cur, { ...cur, state: reading.state, validFrom: from, updatedAt: now });
  }

  if (cur && describesCurrent(cur, validUntil)) {
    let from: DatedFact;
    if (validFrom) from = fact(validFrom, 'portal');
    else if (compareDates(cur.validFrom.date, validUntil) <= 0 && cur.validFrom.source === 'portal') from = cur.validFrom;
    else from = fact(addDays(validUntil, -(cur.validityDays - 1)), 'estimated');
    const validityDays = validFrom ? clampDays(daysBetween(validFrom, validUntil) + 1) : cur.validityDays;
    return updated(cur, {
      ...cur,
      state: reading.state,
      validFrom: from,
      validUntil: fact(validUntil, 'portal'),
      validityDays,
      updatedAt: now,
    });
  }

  // An annotation we have no record of. Without a start date we assume the full 90 days.
  const fromDate = validFrom ?? addDays(validUntil, -(MAX_VALIDITY_DAYS - 1));
  return {
    change: 'created',
    record: {
      id: newId(),
      certificateNumber,
      appliedAt: Math.min(now, startOfBeijingDay(fromDate)),
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
  if (result.change === 'created' || result.change === 'updated') {
    if (result.change === 'created') await ensureRoom(tx, 'annotations', [result.record.id]);
    await tx.store.put(validate(AnnotationSchema, 'annotation', result.record));
  }
  await tx.done;
  return result;
}

export function recordAnnotationSeen(db: Database, certificateNumber: string, reading: AnnotationReading, now: number): Promise<AnnotationPlan> {
  return applyAnnotationPlan(db, certificateNumber, (stored) => planAnnotationSeen(stored, certificateNumber, reading, now, newAnnotationId));
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
