// What the popup shows, derived from one snapshot and one instant. Pure, so the states
// are tested without a browser, and cheap: annotations are grouped once (100
// certificates with 1,000 annotations render in one frame).
import { addDays, beijingDateAt, daysBetween, daysLeft, type BeijingDate } from '../dates/beijing';
import { currentAnnotation, effectiveState, lastDayKnown, readyBy, type Annotation } from '../model/annotation';
import { needsAnnotation, type Certificate } from '../model/certificate';
import { quotaOn, type QuotaPosition } from '../model/quota';

/** The contract value of data-annotation-state. */
export type EntryState = 'none' | 'generating' | 'valid' | 'expired' | 'not-needed';

export interface CertificateEntry {
  number: string;
  /** Undefined when annotations exist for a number with no certificate record. */
  certificate: Certificate | undefined;
  state: EntryState;
  withdrawn: boolean;
  /** Set by hand (annotationRequired false) rather than by the association-seal rule. */
  notNeededByHand: boolean;
  current: Annotation | undefined;
  /** Every annotation of this certificate, newest application first. */
  history: Annotation[];
  /** An application generating: the current annotation, or a newer one beside a still-valid annotation (state 'valid' then). */
  generating?: { appliedAt: number; readyBy: number; overdue: boolean };
  /** lastDayUnknown: the portal showed it valid but its last day was never read (validUntil is then only the latest it can be). */
  valid?: { validFrom: BeijingDate; validUntil: BeijingDate; daysLeft: number; spanDays: number; estimated: boolean; lastDayUnknown: boolean; annotationId: string };
  expired?: { validUntil: BeijingDate; since: BeijingDate };
  /** Only for certificates that need annotation and are not withdrawn. */
  quota?: QuotaPosition;
}

export interface PopupView {
  today: BeijingDate;
  entries: CertificateEntry[];
  withdrawn: CertificateEntry[];
}

const URGENCY: Record<EntryState, number> = { expired: 0, none: 1, valid: 2, generating: 3, 'not-needed': 4 };

export function describeCertificate(
  number: string,
  certificate: Certificate | undefined,
  annotations: readonly Annotation[],
  now: number,
): CertificateEntry {
  const today = beijingDateAt(now);
  const history = [...annotations].sort((a, b) => b.appliedAt - a.appliedAt || b.updatedAt - a.updatedAt);
  const withdrawn = certificate?.status === 'withdrawn';
  const needed = certificate ? needsAnnotation(certificate) : true;
  const current = currentAnnotation(history, number);
  const entry: CertificateEntry = {
    number,
    certificate,
    state: 'none',
    withdrawn,
    notNeededByHand: certificate?.annotationRequired === false,
    current,
    history,
  };
  if (!needed) {
    entry.state = 'not-needed';
    return entry;
  }
  if (!withdrawn) entry.quota = quotaOn(history, number, today);
  if (!current) return entry;
  let shown = current;
  let state = effectiveState(current, now);
  if (state === 'generating') {
    const ready = readyBy(current);
    entry.generating = { appliedAt: current.appliedAt, readyBy: ready, overdue: now >= ready };
    // A new application generating while an earlier annotation is still valid: the
    // certificate is usable now, and that is what the card says first.
    const stillValid = history.find((a) => a !== current && effectiveState(a, now) === 'valid');
    if (stillValid) {
      shown = stillValid;
      state = 'valid';
    }
  }
  entry.state = state;
  if (state === 'valid') {
    const lastDayUnknown = !lastDayKnown(shown);
    entry.valid = {
      validFrom: shown.validFrom.date,
      validUntil: shown.validUntil.date,
      // Unknown: sorted first among the valid ones, since the holder has something to do.
      daysLeft: lastDayUnknown ? 0 : daysLeft(shown.validUntil.date, now),
      spanDays: daysBetween(shown.validFrom.date, shown.validUntil.date) + 1,
      estimated: shown.validUntil.source === 'estimated',
      lastDayUnknown,
      annotationId: shown.id,
    };
  } else if (state === 'expired') {
    entry.expired = { validUntil: current.validUntil.date, since: addDays(current.validUntil.date, 1) };
  }
  return entry;
}

// One collator for the whole sort: the same order as localeCompare() (the browser's
// locale, default options) without a lookup per comparison.
let collator: Intl.Collator | undefined;
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return prepareOrder().compare(a, b);
}

/**
 * Creates the collator ahead of the sort: the first one in a process loads ICU's collation
 * data (10–20 ms), which lib/popup/mount.tsx has done while IndexedDB answers.
 */
export function prepareOrder(): Intl.Collator {
  return (collator ??= new Intl.Collator());
}

function compareEntries(a: CertificateEntry, b: CertificateEntry): number {
  return (
    URGENCY[a.state] - URGENCY[b.state] ||
    (a.valid && b.valid ? a.valid.daysLeft - b.valid.daysLeft : 0) ||
    compareText(a.certificate?.qualification ?? '', b.certificate?.qualification ?? '') ||
    compareText(a.number, b.number)
  );
}

export function buildPopupView(records: { certificates: readonly Certificate[]; annotations: readonly Annotation[] }, now: number): PopupView {
  const byNumber = new Map<string, Annotation[]>();
  for (const a of records.annotations) {
    const list = byNumber.get(a.certificateNumber);
    if (list) list.push(a);
    else byNumber.set(a.certificateNumber, [a]);
  }
  const all: CertificateEntry[] = [];
  const known = new Set<string>();
  for (const c of records.certificates) {
    known.add(c.number);
    all.push(describeCertificate(c.number, c, byNumber.get(c.number) ?? [], now));
  }
  for (const [number, list] of byNumber) {
    if (!known.has(number)) all.push(describeCertificate(number, undefined, list, now));
  }
  all.sort(compareEntries);
  return {
    today: beijingDateAt(now),
    entries: all.filter((e) => !e.withdrawn),
    withdrawn: all.filter((e) => e.withdrawn),
  };
}
