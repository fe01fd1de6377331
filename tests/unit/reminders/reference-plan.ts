// The reminder planner as it was before it was made faster (commit f1677b0), kept as the
// specification that the faster one must match answer for answer: tests/unit/reminders/
// equivalence.test.ts compares the two on many generated inputs. Its date and quota
// helpers are the Date-based originals too, so nothing here shares code with the planner
// under test but the model's plain rules (readyBy, needsAnnotation, local hours).
import { readyBy, type Annotation } from '../../../lib/model/annotation';
import { needsAnnotation, type Certificate } from '../../../lib/model/certificate';
import type { ReminderLogEntry } from '../../../lib/model/settings';
import type { BadgeInput, BadgeState, ActionReason, PlanInput, PlannedReminder } from '../../../lib/reminders/plan';
import { localHourOn, localHourOnOrAfter } from '../../../lib/reminders/local-time';

type BeijingDate = string;
const CST_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function dayNumber(date: BeijingDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}
const fromDayNumber = (n: number): BeijingDate => new Date(n * 86_400_000).toISOString().slice(0, 10);
const beijingDateAt = (instant: number): BeijingDate => new Date(instant + CST_OFFSET_MS).toISOString().slice(0, 10);
const addDays = (date: BeijingDate, days: number) => fromDayNumber(dayNumber(date) + days);
const daysBetween = (a: BeijingDate, b: BeijingDate) => dayNumber(b) - dayNumber(a);
const startOfBeijingDay = (date: BeijingDate) => dayNumber(date) * 86_400_000 - CST_OFFSET_MS;
const validityEndsAt = (validUntil: BeijingDate) => startOfBeijingDay(addDays(validUntil, 1));
const appliedDay = (a: Pick<Annotation, 'appliedAt'>) => beijingDateAt(a.appliedAt);

const QUOTA_LIMIT = 3;
const QUOTA_WINDOW_DAYS = 90;
function countsOn(a: Pick<Annotation, 'appliedAt'>, day: BeijingDate): boolean {
  const d = daysBetween(appliedDay(a), day);
  return d >= 0 && d <= QUOTA_WINDOW_DAYS;
}
function quotaOn(annotations: readonly Annotation[], certificateNumber: string, day: BeijingDate) {
  const counted = annotations
    .filter((a) => a.certificateNumber === certificateNumber && countsOn(a, day))
    .sort((x, y) => x.appliedAt - y.appliedAt);
  const used = counted.length;
  const canApply = used < QUOTA_LIMIT;
  const freesOn = (a: Annotation) => addDays(appliedDay(a), QUOTA_WINDOW_DAYS + 1);
  const blocker = canApply ? undefined : counted[used - QUOTA_LIMIT];
  const firstFreeDay = blocker ? freesOn(blocker) : null;
  return { canApply, firstFreeDay };
}

const reminderId = {
  ready: (annotationId: string) => `ready:${annotationId}`,
  expiring: (annotationId: string, daysBefore: number) => `expiring:${annotationId}:${daysBefore}`,
  expired: (annotationId: string) => `expired:${annotationId}`,
  quota: (certificateNumber: string, freeDay: BeijingDate) => `quota:${certificateNumber}:${freeDay}`,
};

const DAY_MS = 86_400_000;

/** One certificate with its annotations, when it may be reminded at all. */
interface Group {
  certificateNumber: string;
  certificate: Certificate | undefined;
  /** Oldest application first. */
  annotations: Annotation[];
}

/**
 * Annotations grouped by certificate, leaving out withdrawn certificates and those that
 * need no annotation. Annotations of a certificate not (yet) stored are kept: the guide
 * may record an application before it has seen the certificate list.
 */
function remindableGroups(certificates: readonly Certificate[], annotations: readonly Annotation[]): Group[] {
  const certs = new Map<string, Certificate>();
  for (const c of certificates) certs.set(c.number, c);
  const groups = new Map<string, Group>();
  for (const a of annotations) {
    let g = groups.get(a.certificateNumber);
    if (!g) {
      g = { certificateNumber: a.certificateNumber, certificate: certs.get(a.certificateNumber), annotations: [] };
      groups.set(a.certificateNumber, g);
    }
    g.annotations.push(a);
  }
  const out: Group[] = [];
  for (const g of groups.values()) {
    const c = g.certificate;
    if (c && (c.status === 'withdrawn' || !needsAnnotation(c))) continue;
    g.annotations.sort((x, y) => x.appliedAt - y.appliedAt || x.updatedAt - y.updatedAt || (x.id < y.id ? -1 : 1));
    out.push(g);
  }
  return out;
}

/**
 * The annotation that decides until when the certificate is usable: the one whose
 * validity runs longest; on a tie, the later application.
 */
function coveringAnnotation(annotations: readonly Annotation[]): Annotation | undefined {
  let best: Annotation | undefined;
  for (const a of annotations) {
    if (
      !best ||
      a.validUntil.date > best.validUntil.date ||
      (a.validUntil.date === best.validUntil.date && (a.appliedAt > best.appliedAt || (a.appliedAt === best.appliedAt && a.updatedAt > best.updatedAt)))
    ) {
      best = a;
    }
  }
  return best;
}

/** Ladder days, each once, farthest first; anything out of range is ignored. */
function normaliseLadder(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d >= 1))].sort((a, b) => b - a);
}

/**
 * The expiring rungs of an annotation: `daysBefore` days before its last valid day, at
 * the local reminder hour. For an application we saw being made, rungs that would come
 * before it is even ready are dropped (someone who just chose 5 days needs no "7 days
 * left"); an annotation first seen already valid keeps them, so that one first seen 2
 * days before it lapses is reminded at once.
 */
function expiringRungs(a: Annotation, ladder: readonly number[], hour: number): { daysBefore: number; at: number }[] {
  const ends = validityEndsAt(a.validUntil.date);
  const ready = readyBy(a);
  const out: { daysBefore: number; at: number }[] = [];
  for (const d of normaliseLadder(ladder)) {
    const at = localHourOn(addDays(a.validUntil.date, -d), hour);
    if (at >= ends) continue;
    if (!a.appliedAtEstimated && at < ready) continue;
    out.push({ daysBefore: d, at });
  }
  return out;
}

type Candidate = Omit<PlannedReminder, 'snoozed'>;

/**
 * A cheap test before the exact count: the quota can only be full after the latest
 * application if the third-latest is less than 91 days older (oldest first).
 */
function quotaMayBeFull(annotations: readonly Annotation[]): boolean {
  const n = annotations.length;
  if (n < QUOTA_LIMIT) return false;
  return annotations[n - 1]!.appliedAt - annotations[n - QUOTA_LIMIT]!.appliedAt < (QUOTA_WINDOW_DAYS + 2) * DAY_MS;
}

/** Every reminder the records call for, before the log and the clock are applied. */
function candidates(input: Omit<PlanInput, 'reminderLog'>): Candidate[] {
  const { settings, now } = input;
  const hour = settings.reminderHour;
  const out: Candidate[] = [];
  for (const g of remindableGroups(input.certificates, input.annotations)) {
    const number = g.certificateNumber;
    for (const a of g.annotations) {
      if (a.state !== 'generating') continue;
      const until = validityEndsAt(a.validUntil.date);
      const due = readyBy(a);
      if (due < until) {
        out.push({ id: reminderId.ready(a.id), kind: 'ready', certificateNumber: number, annotationId: a.id, due, until, validUntil: a.validUntil.date });
      }
    }
    const cover = coveringAnnotation(g.annotations);
    if (cover && cover.state !== 'expired') {
      const ends = validityEndsAt(cover.validUntil.date);
      // Once the validity has run out every rung is past its moment: skip the work.
      const rungs = now < ends ? expiringRungs(cover, settings.expiryLadderDays, hour) : [];
      rungs.forEach((rung, i) => {
        out.push({
          id: reminderId.expiring(cover.id, rung.daysBefore),
          kind: 'expiring',
          certificateNumber: number,
          annotationId: cover.id,
          due: rung.at,
          // Once the next rung is due this one has nothing to add.
          until: rungs[i + 1]?.at ?? ends,
          validUntil: cover.validUntil.date,
          daysBefore: rung.daysBefore,
        });
      });
      out.push({
        id: reminderId.expired(cover.id),
        kind: 'expired',
        certificateNumber: number,
        annotationId: cover.id,
        due: localHourOnOrAfter(ends, hour),
        until: null,
        validUntil: cover.validUntil.date,
      });
    }
    if (settings.quotaReminder && quotaMayBeFull(g.annotations)) {
      const latest = g.annotations[g.annotations.length - 1];
      const q = latest && quotaOn(g.annotations, number, appliedDay(latest));
      if (q && !q.canApply && q.firstFreeDay) {
        out.push({
          id: reminderId.quota(number, q.firstFreeDay),
          kind: 'quota',
          certificateNumber: number,
          due: localHourOnOrAfter(startOfBeijingDay(q.firstFreeDay), hour),
          until: null,
          freeDay: q.firstFreeDay,
        });
      }
    }
  }
  return out;
}

/**
 * The reminders still to be shown, soonest first: those due now (`due <= now`) and those
 * to come. A reminder in the log is left out, unless it was snoozed: it then comes back
 * at `snoozedUntil`. A reminder whose moment has passed for good (`until <= now`) is left
 * out too, and so is an expired or quota reminder more than a day past its moment. Empty when reminders are turned off.
 */
export function referencePlanReminders(input: PlanInput): PlannedReminder[] {
  if (!input.settings.remindersEnabled) return [];
  const log = new Map<string, ReminderLogEntry>();
  for (const e of input.reminderLog) log.set(e.id, e);
  const out: PlannedReminder[] = [];
  for (const c of candidates(input)) {
    let entry = log.get(c.id);
    // Claimed by a sync not yet confirmed: held back until its lease ends, then as if never shown.
    if (entry?.pendingUntil !== undefined) {
      if (entry.pendingUntil > input.now) continue;
      entry = undefined;
    }
    if (entry && entry.snoozedUntil === undefined) continue;
    const due = entry?.snoozedUntil ?? c.due;
    if (c.until !== null && (input.now >= c.until || due >= c.until)) continue;
    // An expiry or quota moment more than a day past, never shown nor snoozed: not announced.
    if (!entry && (c.kind === 'expired' || c.kind === 'quota') && input.now >= c.due + 86_400_000) continue;
    out.push({ ...c, due, snoozed: entry !== undefined });
  }
  return out.sort((x, y) => x.due - y.due || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/**
 * Certificates that need action now: an application ready to download, a covering
 * annotation within the expiring ladder, or one that has run out with no newer one.
 * Independent of whether reminders are turned on, and of what was already shown.
 */
export function referenceBadgeFor(input: BadgeInput): BadgeState {
  const { now } = input;
  const hour = input.settings.reminderHour;
  const out: BadgeState['certificates'] = [];
  let changesAt: number | null = null;
  const later = (t: number) => {
    if (t > now && (changesAt === null || t < changesAt)) changesAt = t;
  };
  for (const g of remindableGroups(input.certificates, input.annotations)) {
    let ready = false;
    for (const a of g.annotations) {
      if (a.state !== 'generating') continue;
      const ends = validityEndsAt(a.validUntil.date);
      later(readyBy(a));
      later(ends);
      if (readyBy(a) <= now && now < ends) ready = true;
    }
    const cover = coveringAnnotation(g.annotations);
    let reason: ActionReason | undefined = ready ? 'ready' : undefined;
    if (cover) {
      const ends = validityEndsAt(cover.validUntil.date);
      const firstRung = now < ends ? expiringRungs(cover, input.settings.expiryLadderDays, hour)[0] : undefined;
      later(ends);
      if (firstRung) later(firstRung.at);
      if (!reason && (cover.state === 'expired' || now >= ends)) reason = 'expired';
      else if (!reason && firstRung && now >= firstRung.at) reason = 'expiring';
    }
    if (reason) out.push({ certificateNumber: g.certificateNumber, reason });
  }
  return { count: out.length, certificates: out, changesAt };
}
