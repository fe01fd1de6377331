// Types of model.mjs for the TypeScript tests.
export type BeijingDate = string;
export interface Application { certNo: string; appliedAt: number; validityDays: number; scenario: string; readyAt: number }
export function beijingDateAt(instant: number): BeijingDate;
export function addDays(date: BeijingDate, days: number): BeijingDate;
export function daysBetween(a: BeijingDate, b: BeijingDate): number;
export function startOfBeijingDay(date: BeijingDate): number;
export function parseDuration(text: string): number;
export function createClock(start?: number | Date | (() => number)): { now(): number; advance(ms: number): void; set(instant: number): void };
export const MAX_VALIDITY_DAYS: number;
export const QUOTA_LIMIT: number;
export const QUOTA_WINDOW_DAYS: number;
export const DEFAULT_READY_DELAY_MS: number;
export const SCENARIOS: string[];
export function quotaOn(applications: Application[], day: BeijingDate): { used: number; canApply: boolean; firstFreeDay: BeijingDate | null };
export type AnnotationView =
  | { state: 'none' }
  | { state: 'generating'; application: Application }
  | { state: 'valid' | 'expired'; application: Application; validFrom: BeijingDate; validUntil: BeijingDate };
export function annotationView(applications: Application[], now: number): AnnotationView;
export function createAccount(): { termsAccepted: boolean; applications: Application[] };
export function applyForAnnotation(
  account: { termsAccepted: boolean; applications: Application[] },
  req: { certNo: string; validityDays: number; scenario: string; now: number; readyDelayMs: number },
): { ok: true; application: Application } | { ok: false; reason: 'validity' | 'scenario' | 'quota'; firstFreeDay?: BeijingDate };
