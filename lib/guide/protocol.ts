// What the guide and the background say to each other, as plain types. The content
// script sends plain objects (no zod in its bundle); the background validates them
// against lib/messages.ts and answers in these shapes.
import type { LanguageSetting, Locale } from '../i18n/locale';
import type { StringTables } from './strings';

/** A holder's position against the 3-in-90-days rule, as the panel needs it. */
export interface QuotaView {
  used: number;
  limit: number;
  canApply: boolean;
  /** When the limit is reached: the first Beijing day another application is allowed. */
  firstFreeDay: string | null;
  windowDays: number;
}

/** A submission of the annotation form not yet confirmed by the portal. */
export interface PendingApply {
  at: number;
  validityDays?: number;
  scenario?: string;
  certificateNumber?: string;
}

/** Answer to `guide/context`. */
export interface GuideContext {
  rememberPages: boolean | null;
  panelCollapsed: boolean;
  language: LanguageSetting;
  /** The certificate asked about, or the one this tab last came from. */
  certificateNumber?: string;
  quota?: QuotaView;
  /** When that certificate's current annotation is generating: when it should be ready. */
  readyBy?: number;
  /** That certificate's current annotation, when applying again would waste a slot. */
  current?: { state: 'generating' | 'valid'; validUntil?: string };
  /** Reminders are on in settings (a reminder is promised only when one is planned). */
  remindersEnabled?: boolean;
  pendingApply?: PendingApply;
  /** With consent: that certificate's current annotation as stored (its state now, its last day and where that came from). */
  annotation?: { state: 'generating' | 'valid' | 'expired'; validUntil: string; lastDay: LastDaySource };
  /**
   * The panel's strings when the holder chose a language other than the browser's (the
   * content script otherwise reads them from _locales in the browser's language).
   */
  strings?: StringTables & { locale: Locale };
}

/** Where a stored last valid day came from (lib/model/annotation.ts, DatedFact). */
export type LastDaySource = 'portal' | 'estimated' | 'unknown';

/** What was stored of an annotation after a reading or an answer. */
export interface AnnotationStored {
  change: 'created' | 'updated' | 'unchanged' | 'conflict';
  state: string;
  validUntil?: string;
  lastDay?: LastDaySource;
  /** On a conflict: the last day the page shows (validUntil is the stored one). */
  pageUntil?: string;
}

export type RecordResult =
  | { ok: true; certificates?: { saved: number; added: number }; annotation?: AnnotationStored }
  | { ok: false; reason: 'no-consent' | 'no-certificate' | 'no-dates' | 'bad-date' | 'error' };
