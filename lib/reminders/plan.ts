// What to remind, and when: a pure function of the stored records, the settings, the log
// of reminders already shown and the current instant. Nothing here is stored as the only
// truth: after a restart, an update or a clock jump the same inputs give the same plan.
//
// Kinds:
// - ready     24 h after an application, unless the portal was already seen showing it
//             valid (its stored state is then no longer 'generating');
// - expiring  a ladder of days before the last valid day, at the reminder hour of the
//             holder's local day;
// - expired   the first local reminder hour after the validity ran out, unless the portal
//             was already seen showing it expired;
// - quota     (optional) when 3 applications fill the 90-day window, the morning the
//             first slot frees.
// Expiring and expired reminders belong only to a certificate's covering annotation (the
// one valid longest), and only when its last day is known: an annotation that a newer or longer one supersedes is not
// reminded. Withdrawn certificates and those that need no annotation get nothing.
import { addDays, startOfBeijingDay, validityEndsAt, type BeijingDate } from '../dates/beijing';
import { appliedDay, lastDayKnown, readyBy, type Annotation } from '../model/annotation';
import { needsAnnotation, type Certificate } from '../model/certificate';
import { QUOTA_LIMIT, QUOTA_WINDOW_DAYS, quotaOn } from '../model/quota';
import type { ReminderLogEntry, Settings } from '../model/settings';
import { localHourOn, localHourOnOrAfter } from './local-time';

const DAY_MS = 86_400_000;

export type ReminderKind = 'ready' | 'expiring' | 'expired' | 'quota';
export const REMINDER_KINDS: readonly ReminderKind[] = ['ready', 'expiring', 'expired', 'quota'];

export type ReminderSettings = Pick<Settings, 'remindersEnabled' | 'expiryLadderDays' | 'reminderHour' | 'quotaReminder'>;

export interface PlanInput {
  certificates: readonly Certificate[];
  annotations: readonly Annotation[];
  settings: ReminderSettings;
  reminderLog: readonly ReminderLogEntry[];
  /** The current instant (epoch ms). */
  now: number;
}

export interface PlannedReminder {
  /** Stable across re-planning: the key of the reminder log. Starts with `${kind}:`. */
  id: string;
  kind: ReminderKind;
  certificateNumber: string;
  /** The annotation it is about (all kinds but quota). */
  annotationId?: string;
  /** When to show it: its planned instant, or the instant it was snoozed to. */
  due: number;
  /** From this instant it is no longer worth showing (a later rung or the lapse takes over); null: until shown. */
  until: number | null;
  /** Last valid Beijing day of the annotation (ready, expiring, expired). */
  validUntil?: BeijingDate;
  /** The ladder rung: days before validUntil (expiring). */
  daysBefore?: number;
  /** The Beijing day a quota slot frees (quota). */
  freeDay?: BeijingDate;
  /** True when "remind me tomorrow" moved it. */
  snoozed: boolean;
}

/** The id of a reminder: the key under which the log remembers it was shown. */
export const reminderId = {
  ready: (annotationId: string) => `ready:${annotationId}`,
  expiring: (annotationId: string, daysBefore: number) => `expiring:${annotationId}:${daysBefore}`,
  expired: (annotationId: string) => `expired:${annotationId}`,
  quota: (certificateNumber: string, freeDay: BeijingDate) => `quota:${certificateNumber}:${freeDay}`,
};

export function kindOfReminderId(id: string): ReminderKind | undefined {
  const kind = id.slice(0, id.indexOf(':'));
  return (REMINDER_KINDS as readonly string[]).includes(kind) ? (kind as ReminderKind) : undefined;
}

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
export function coveringAnnotation(annotations: readonly Annotation[]): Annotation | undefined {
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
export function normaliseLadder(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d >= 1))].sort((a, b) => b - a);
}

/**
 * The expiring rungs of an annotation: `daysBefore` days before its last valid day, at
 * the local reminder hour. For an application we saw being made, rungs that would come
 * before it is even ready are dropped (someone who just chose 5 days needs no "7 days
 * left"); an annotation first seen already valid keeps them, so that one first seen 2
 * days before it lapses is reminded at once.
 */
export function expiringRungs(a: Annotation, ladder: readonly number[], hour: number): { daysBefore: number; at: number }[] {
  return rungsOf(a, normaliseLadder(ladder), hour);
}

/** expiringRungs with the ladder already normalised (once per plan, not per certificate). */
function rungsOf(a: Annotation, ladder: readonly number[], hour: number): { daysBefore: number; at: number }[] {
  const ends = validityEndsAt(a.validUntil.date);
  const ready = readyBy(a);
  const out: { daysBefore: number; at: number }[] = [];
  for (const d of ladder) {
    const at = localHourOn(addDays(a.validUntil.date, -d), hour);
    if (at >= ends) continue;
    if (!a.appliedAtEstimated && at < ready) continue;
    out.push({ daysBefore: d, at });
  }
  return out;
}

/**
 * A cheap test before the exact count: the quota can only be full after the latest
 * application if the third-latest is less than 91 days older (oldest first).
 */
function quotaMayBeFull(annotations: readonly Annotation[]): boolean {
  const n = annotations.length;
  if (n < QUOTA_LIMIT) return false;
  return annotations[n - 1]!.appliedAt - annotations[n - QUOTA_LIMIT]!.appliedAt < (QUOTA_WINDOW_DAYS + 2) * DAY_MS;
}

/**
 * The reminders still to be shown, soonest first: those due now (`due <= now`) and those
 * to come. A reminder in the log is left out, unless it was snoozed: it then comes back
 * at `snoozedUntil`. A reminder whose moment has passed for good (`until <= now`) is left
 * out too. Empty when reminders are turned off.
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  if (!input.settings.remindersEnabled) return [];
  const { settings, now } = input;
  const hour = settings.reminderHour;
  const ladder = normaliseLadder(settings.expiryLadderDays);
  const log = new Map<string, ReminderLogEntry>();
  for (const e of input.reminderLog) log.set(e.id, e);
  const out: PlannedReminder[] = [];
  // The log and the clock are applied as each reminder is made, and one whose moment has
  // passed for good (now >= until) is not made at all: most of a long history is past.
  // Each kind is one object literal (one shape), in the key order the plan always had.
  // `staleAt`: a reminder never shown whose moment is more than a day past is not shown
  // (an old history typed in, an old backup imported); one the holder snoozed still is.
  const add = (r: PlannedReminder, staleAt?: number) => {
    const entry = log.get(r.id);
    if (entry && entry.pendingUntil !== undefined) {
      // Being shown by a sync; free again if that sync never confirmed it.
      if (entry.pendingUntil > now) return;
    } else if (entry) {
      if (entry.snoozedUntil === undefined) return;
      r.due = entry.snoozedUntil ?? r.due;
      r.snoozed = true;
    }
    if (!r.snoozed && staleAt !== undefined && now >= staleAt) return;
    if (r.until !== null && r.due >= r.until) return;
    out.push(r);
  };
  for (const g of remindableGroups(input.certificates, input.annotations)) {
    const number = g.certificateNumber;
    for (const a of g.annotations) {
      if (a.state !== 'generating') continue;
      const until = validityEndsAt(a.validUntil.date);
      const due = readyBy(a);
      if (due < until && now < until) {
        add({ id: reminderId.ready(a.id), kind: 'ready', certificateNumber: number, annotationId: a.id, due, until, validUntil: a.validUntil.date, snoozed: false });
      }
    }
    const cover = coveringAnnotation(g.annotations);
    // A last day never read is no ground for a reminder: the popup and the panel ask for it instead.
    if (cover && cover.state !== 'expired' && lastDayKnown(cover)) {
      const ends = validityEndsAt(cover.validUntil.date);
      // Once the validity has run out every rung is past its moment: skip the work.
      const rungs = now < ends ? rungsOf(cover, ladder, hour) : [];
      for (let i = 0; i < rungs.length; i++) {
        const rung = rungs[i]!;
        // Once the next rung is due this one has nothing to add.
        const until = rungs[i + 1]?.at ?? ends;
        if (now >= until) continue;
        add({
          id: reminderId.expiring(cover.id, rung.daysBefore),
          kind: 'expiring',
          certificateNumber: number,
          annotationId: cover.id,
          due: rung.at,
          until,
          validUntil: cover.validUntil.date,
          daysBefore: rung.daysBefore,
          snoozed: false,
        });
      }
      const expiredAt = localHourOnOrAfter(ends, hour);
      add(
        {
          id: reminderId.expired(cover.id),
          kind: 'expired',
          certificateNumber: number,
          annotationId: cover.id,
          due: expiredAt,
          until: null,
          validUntil: cover.validUntil.date,
          snoozed: false,
        },
        expiredAt + DAY_MS,
      );
    }
    if (settings.quotaReminder && quotaMayBeFull(g.annotations)) {
      const latest = g.annotations[g.annotations.length - 1];
      const q = latest && quotaOn(g.annotations, number, appliedDay(latest));
      if (q && !q.canApply && q.firstFreeDay) {
        const freeAt = localHourOnOrAfter(startOfBeijingDay(q.firstFreeDay), hour);
        add(
          {
            id: reminderId.quota(number, q.firstFreeDay),
            kind: 'quota',
            certificateNumber: number,
            due: freeAt,
            until: null,
            freeDay: q.firstFreeDay,
            snoozed: false,
          },
          freeAt + DAY_MS,
        );
      }
    }
  }
  return out.sort((x, y) => x.due - y.due || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Reminders to show now. */
export function dueReminders(plan: readonly PlannedReminder[], now: number): PlannedReminder[] {
  return plan.filter((r) => r.due <= now);
}

/** The next instant a reminder comes due, after `now`; null when none is planned. */
export function nextDueAfter(plan: readonly PlannedReminder[], now: number): number | null {
  let next: number | null = null;
  for (const r of plan) if (r.due > now && (next === null || r.due < next)) next = r.due;
  return next;
}

/** For the popup: the next reminder planned for one certificate (or one due right now). */
export function nextReminderFor(plan: readonly PlannedReminder[], certificateNumber: string): PlannedReminder | undefined {
  let best: PlannedReminder | undefined;
  for (const r of plan) if (r.certificateNumber === certificateNumber && (!best || r.due < best.due)) best = r;
  return best;
}

/** Reminders due at once, folded by reason: one notification per kind. */
export function foldByKind(reminders: readonly PlannedReminder[]): { kind: ReminderKind; reminders: PlannedReminder[] }[] {
  return REMINDER_KINDS.map((kind) => ({ kind, reminders: reminders.filter((r) => r.kind === kind) })).filter((g) => g.reminders.length > 0);
}

// --- The toolbar badge --------------------------------------------------------------

export type ActionReason = 'ready' | 'expiring' | 'expired';

export interface BadgeInput {
  certificates: readonly Certificate[];
  annotations: readonly Annotation[];
  settings: Pick<Settings, 'expiryLadderDays' | 'reminderHour'>;
  now: number;
}

export interface BadgeState {
  /** How many certificates need action. */
  count: number;
  /** Which, and why; one entry per certificate. */
  certificates: { certificateNumber: string; reason: ActionReason }[];
  /** The next instant this could change by the clock alone; null when nothing will. */
  changesAt: number | null;
}

/**
 * Certificates that need action now: an application ready to download, a covering
 * annotation within the expiring ladder, or one that has run out with no newer one.
 * Independent of whether reminders are turned on, and of what was already shown.
 */
export function badgeFor(input: BadgeInput): BadgeState {
  const { now } = input;
  const hour = input.settings.reminderHour;
  const ladder = normaliseLadder(input.settings.expiryLadderDays);
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
    if (cover && lastDayKnown(cover)) {
      const ends = validityEndsAt(cover.validUntil.date);
      const firstRung = now < ends ? rungsOf(cover, ladder, hour)[0] : undefined;
      later(ends);
      if (firstRung) later(firstRung.at);
      if (!reason && (cover.state === 'expired' || now >= ends)) reason = 'expired';
      else if (!reason && firstRung && now >= firstRung.at) reason = 'expiring';
    }
    if (reason) out.push({ certificateNumber: g.certificateNumber, reason });
  }
  return { count: out.length, certificates: out, changesAt };
}
