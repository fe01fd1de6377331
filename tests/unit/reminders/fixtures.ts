// Records for reminder tests, and a generator of a large, realistic input for the
// planner benchmark (1,000 certificates, 10,000 annotations). Everything is built from
// Beijing dates and explicit instants, so it means the same in every time zone.
import { addDays, beijingDateAt, startOfBeijingDay, type BeijingDate } from '../../../lib/dates/beijing';
import { estimateValidity, type Annotation } from '../../../lib/model/annotation';
import type { Certificate } from '../../../lib/model/certificate';
import { DEFAULT_SETTINGS, type ReminderLogEntry, type Settings } from '../../../lib/model/settings';
import type { PlanInput } from '../../../lib/reminders/plan';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An instant given in Beijing time: bj('2026-12-01', 14) is 14:00 CST that day. */
export function bj(date: BeijingDate, hour = 0, minute = 0): number {
  return startOfBeijingDay(date) + hour * HOUR + minute * 60_000;
}

export function certificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    number: 'Z2023110000001',
    qualification: '社会工作者',
    level: '中级',
    approvalDate: '2023-11-20',
    status: 'valid',
    source: 'portal',
    createdAt: bj('2026-01-01'),
    updatedAt: bj('2026-01-01'),
    ...overrides,
  };
}

/** An application we saw being made: generating, validity estimated from the day applied. */
export function applied(opts: { id?: string; certificateNumber?: string; appliedAt: number; validityDays?: number; state?: Annotation['state'] }): Annotation {
  const validityDays = opts.validityDays ?? 90;
  return {
    id: opts.id ?? `a-${opts.appliedAt}`,
    certificateNumber: opts.certificateNumber ?? 'Z2023110000001',
    appliedAt: opts.appliedAt,
    appliedAtEstimated: false,
    validityDays,
    scenario: '本人调用',
    state: opts.state ?? 'generating',
    ...estimateValidity(opts.appliedAt, validityDays),
    source: 'portal',
    updatedAt: opts.appliedAt,
  };
}

/** An annotation first seen on the portal already valid, with the dates the portal showed. */
export function seenValid(opts: { id?: string; certificateNumber?: string; validFrom: BeijingDate; validUntil: BeijingDate; seenAt: number; state?: Annotation['state'] }): Annotation {
  return {
    id: opts.id ?? `seen-${opts.validUntil}`,
    certificateNumber: opts.certificateNumber ?? 'Z2023110000001',
    appliedAt: startOfBeijingDay(opts.validFrom),
    appliedAtEstimated: true,
    validityDays: Math.min(90, Math.max(1, Math.round((startOfBeijingDay(opts.validUntil) - startOfBeijingDay(opts.validFrom)) / DAY) + 1)),
    scenario: '本人调用',
    state: opts.state ?? 'valid',
    validFrom: { date: opts.validFrom, source: 'portal' },
    validUntil: { date: opts.validUntil, source: 'portal' },
    source: 'portal',
    updatedAt: opts.seenAt,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function input(parts: { certificates?: Certificate[]; annotations: Annotation[]; settings?: Partial<Settings>; reminderLog?: ReminderLogEntry[]; now: number }): PlanInput {
  return {
    certificates: parts.certificates ?? [certificate()],
    annotations: parts.annotations,
    settings: settings(parts.settings),
    reminderLog: parts.reminderLog ?? [],
    now: parts.now,
  };
}

// --- The benchmark's input --------------------------------------------------------------

/** A small deterministic PRNG (mulberry32): the same seed gives the same records. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const QUALIFICATIONS = ['社会工作者', '经济', '一级建造师', '监理工程师', '执业药师', '审计', '统计', '翻译', '税务师', '拍卖师', '银行业专业人员'];

/**
 * `certificates` certificates sharing `annotations` annotations (10 each by default),
 * spread over the two years before `now`: a mix of generating, valid, lapsed and
 * portal-seen-expired ones, some withdrawn certificates and some pre-2021 association
 * seals that need no annotation, plus a reminder log with part of them already shown.
 * Every record satisfies the zod schemas.
 */
export function generateLargeInput(opts: { certificates?: number; annotations?: number; now?: number; seed?: number } = {}): PlanInput {
  const certCount = opts.certificates ?? 1_000;
  const annCount = opts.annotations ?? 10_000;
  const now = opts.now ?? bj('2026-06-15', 10);
  const rnd = random(opts.seed ?? 20261201);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  const certificates: Certificate[] = [];
  for (let i = 0; i < certCount; i++) {
    const qualification = pick(QUALIFICATIONS);
    const old = rnd() < 0.1;
    certificates.push(
      certificate({
        number: `C${String(i).padStart(8, '0')}`,
        qualification,
        approvalDate: old ? '2020-11-20' : addDays('2022-01-01', Math.floor(rnd() * 1200)),
        status: rnd() < 0.03 ? 'withdrawn' : 'valid',
      }),
    );
  }

  const annotations: Annotation[] = [];
  const reminderLog: ReminderLogEntry[] = [];
  for (let j = 0; j < annCount; j++) {
    const cert = certificates[j % certCount]!;
    // Spread applications over the last two years, a few in the coming day's window.
    const appliedAt = now - Math.floor(rnd() * 730 * DAY) + (rnd() < 0.02 ? -Math.floor(rnd() * DAY) : 0);
    const validityDays = rnd() < 0.7 ? 90 : 1 + Math.floor(rnd() * 90);
    const lapsed = appliedAt + validityDays * DAY < now;
    const state: Annotation['state'] = appliedAt > now - DAY ? 'generating' : lapsed && rnd() < 0.3 ? 'expired' : 'valid';
    const a = applied({ id: `ann-${j}`, certificateNumber: cert.number, appliedAt, validityDays, state });
    annotations.push(a);
    if (rnd() < 0.3) reminderLog.push({ id: `expired:${a.id}`, shownAt: Math.min(now, appliedAt + validityDays * DAY) });
  }
  return { certificates, annotations, settings: settings(), reminderLog, now };
}

/** The Beijing day of an instant, for assertions written in Beijing terms. */
export const dayOf = beijingDateAt;
