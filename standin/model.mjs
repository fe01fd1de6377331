// @ts-check
// The stand-in portal's state: its clock, its accounts, and each certificate's annotation
// applications, with the rules the real portal states (docs/PORTAL.md). Plain JS so that
// `npm start` runs with plain node; the extension's TypeScript is not imported on purpose:
// the stand-in is an independent reading of the same facts, not a copy of our code.

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** @typedef {string} BeijingDate 'YYYY-MM-DD' */

/** The Beijing calendar date at an instant. @param {number} instant @returns {BeijingDate} */
export function beijingDateAt(instant) {
  return new Date(instant + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** @param {BeijingDate} date @param {number} days @returns {BeijingDate} */
export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b. @param {BeijingDate} a @param {BeijingDate} b */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The instant a Beijing day starts. @param {BeijingDate} date */
export function startOfBeijingDay(date) {
  return Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS;
}

/**
 * "5d", "25h", "90m", "30s", "1500ms" or a plain number of milliseconds.
 * @param {string} text @returns {number}
 */
export function parseDuration(text) {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(String(text));
  if (!m) throw new RangeError(`not a duration: ${text} (use e.g. 25h, 3d, 90m, 30s)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS }[m[2] ?? 'ms'] ?? 1;
  return Math.round(Number(m[1]) * unit);
}

/**
 * A clock that runs with real time from a chosen start, and can be moved.
 * @param {number | Date | (() => number)} [start] the instant it shows now (default: real now)
 */
export function createClock(start) {
  const base = typeof start === 'function' ? start : () => Date.now();
  let offset = start === undefined || typeof start === 'function' ? 0 : +start - Date.now();
  return {
    now: () => base() + offset,
    /** @param {number} ms */
    advance(ms) { offset += ms; },
    /** @param {number} instant */
    set(instant) { offset = instant - base(); },
  };
}

// ---- the rules the portal states ----

/** 加注有效期: at most 90 days per application. */
export const MAX_VALIDITY_DAYS = 90;
/** At most 3 annotations of one certificate within 90 days. */
export const QUOTA_LIMIT = 3;
export const QUOTA_WINDOW_DAYS = 90;
/** "The system finishes within 24 hours": how long the stand-in takes by default. */
export const DEFAULT_READY_DELAY_MS = 23 * 3_600_000;
/** The only usage scenario offered. */
export const SCENARIOS = ['本人调用'];

/**
 * @typedef {object} Application
 * @property {string} certNo
 * @property {number} appliedAt
 * @property {number} validityDays
 * @property {string} scenario
 * @property {number} readyAt
 */

/**
 * The 3-in-90-days rule, read conservatively as docs/PORTAL.md says (and as the extension's
 * lib/model/quota.ts reads it): every application counts, expired or not, made on the day
 * itself or in the 90 days before it. Returns how many count on `day` and, when 3 do, the
 * first day a new one is accepted.
 * @param {Application[]} applications of one certificate
 * @param {BeijingDate} day
 */
export function quotaOn(applications, day) {
  const counted = applications
    .filter((a) => {
      const d = daysBetween(beijingDateAt(a.appliedAt), day);
      return d >= 0 && d <= QUOTA_WINDOW_DAYS;
    })
    .sort((x, y) => x.appliedAt - y.appliedAt);
  const canApply = counted.length < QUOTA_LIMIT;
  const blocker = canApply ? undefined : counted[counted.length - QUOTA_LIMIT];
  return {
    used: counted.length,
    canApply,
    firstFreeDay: blocker ? addDays(beijingDateAt(blocker.appliedAt), QUOTA_WINDOW_DAYS + 1) : null,
  };
}

/**
 * What the annotation page shows for a certificate at `now`: the newest application.
 * Its validity starts the Beijing day it was generated and runs `validityDays` days,
 * that day included; the day after, it has lapsed (加注件已过期).
 * @param {Application[]} applications of one certificate
 * @param {number} now
 * @returns {{ state: 'none' } | { state: 'generating', application: Application } |
 *   { state: 'valid' | 'expired', application: Application, validFrom: BeijingDate, validUntil: BeijingDate }}
 */
export function annotationView(applications, now) {
  const newest = [...applications].sort((x, y) => y.appliedAt - x.appliedAt)[0];
  if (!newest) return { state: 'none' };
  if (now < newest.readyAt) return { state: 'generating', application: newest };
  const validFrom = beijingDateAt(newest.readyAt);
  const validUntil = addDays(validFrom, newest.validityDays - 1);
  const state = beijingDateAt(now) > validUntil ? 'expired' : 'valid';
  return { state, application: newest, validFrom, validUntil };
}

/**
 * One account on the stand-in: whether it has agreed to the 服务须知 and its applications.
 * Every account sees the same certificates (the ones the saved list page shows).
 */
export function createAccount() {
  return {
    termsAccepted: false,
    /** @type {Application[]} */
    applications: [],
  };
}

/**
 * The portal's decision on an application (提交加注申请).
 * @param {ReturnType<typeof createAccount>} account
 * @param {{ certNo: string, validityDays: number, scenario: string, now: number, readyDelayMs: number }} req
 * @returns {{ ok: true, application: Application } | { ok: false, reason: 'validity' | 'scenario' | 'quota', firstFreeDay?: BeijingDate }}
 */
export function applyForAnnotation(account, req) {
  const { certNo, validityDays, scenario, now, readyDelayMs } = req;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) return { ok: false, reason: 'validity' };
  if (!SCENARIOS.includes(scenario)) return { ok: false, reason: 'scenario' };
  const mine = account.applications.filter((a) => a.certNo === certNo);
  const quota = quotaOn(mine, beijingDateAt(now));
  if (!quota.canApply) return { ok: false, reason: 'quota', firstFreeDay: quota.firstFreeDay ?? undefined };
  const application = { certNo, appliedAt: now, validityDays, scenario, readyAt: now + readyDelayMs };
  account.applications.push(application);
  return { ok: true, application };
}
