// Types of walk.mjs for the TypeScript tests.
import type { BrowserContext, Locator, Page, Worker } from 'playwright-core';
import type { Standin } from './server.mjs';

export const PANEL: string;
export const TARGET_ATTRIBUTE: string;
export const CONSENT_BUTTON: string;
export const DEFAULT_REMINDER_ALARM: string;

export interface GuideView {
  step: string | null;
  annotationState: string | null;
  target: { text: string; context: string; frameUrl: string } | null;
}

/** Raw records of the extension's IndexedDB (validated by the extension, not here). */
export interface Records {
  certificates: any[];
  annotations: any[];
  settings: any[];
  reminderLog: any[];
}

export function shiftClockInRealm(offset: number): void;
export function labelOf(text: string): string;

export class Walk {
  constructor(options: {
    context: BrowserContext;
    worker: Worker;
    extensionId: string;
    standin?: Standin;
    origin: string;
    shots?: string;
    log?: (line: string) => void;
    reminderAlarm?: string;
    timeoutMs?: number;
  });
  readonly context: BrowserContext;
  readonly worker: Worker;
  readonly extensionId: string;
  readonly standin: Standin;
  readonly origin: string;
  offset: number;
  get page(): Page;
  openHome(): Promise<Page>;
  open(url: string): Promise<void>;
  reload(): Promise<void>;
  guideNow(): Promise<GuideView>;
  guide(want: { step: string; annotationState?: string; target?: string | null }): Promise<GuideView>;
  panelText(): Promise<string>;
  follow(control: Locator): Promise<void>;
  followGuide(): Promise<void>;
  clickLabelled(label: string): Promise<void>;
  logIn(name?: string): Promise<void>;
  giveConsent(): Promise<void>;
  chooseValidity(days: number): Promise<void>;
  screenshot(name: string, page?: Page): Promise<string | undefined>;
  uiLanguage(): Promise<string>;
  speak(locale: 'zh_CN' | 'en'): Promise<'browser' | 'setting'>;
  records(): Promise<Records>;
  waitForRecords(check: (r: Records) => boolean, what: string): Promise<Records>;
  notifications(): Promise<string[]>;
  notificationKinds(): Promise<string[]>;
  waitForNotification(kind: string): Promise<string[]>;
  badge(): Promise<{ text: string; title: string }>;
  setTime(instant: number): Promise<void>;
  advance(ms: number): Promise<void>;
  followStandinClock(): Promise<void>;
  now(): number;
  fireReminderAlarm(): Promise<void>;
  openPopup(): Promise<Page>;
}
