// The contract between the portal's knowledge (lib/portal/steps/*) and the guide that
// shows it (lib/guide). A step module is a whole feature: it recognises its page, says
// what the page shows (its readings), what is recorded when the page is seen or clicked,
// and what the panel does on it. The guide asks these questions of whichever step won,
// never of a step by name. Steps are pure: they take a Document and a URL and never
// throw out of recognise (recognisePage guards each one).
import type { PageView } from './page';
import type { readValidity } from './readers/validity';
import type { Sliced } from './sliced';
import type zhPortal from '../i18n/zh_CN/portal.json';

/** A key of the "portal" area: one that does not exist fails the type check. */
export type PortalKey = keyof typeof zhPortal;

export type AnnotationPageState = 'none' | 'generating' | 'valid' | 'expired';

/** The step of a page no step module recognises. */
export const UNKNOWN_STEP = 'unknown';

/** A line the panel shows: an i18n key of the "portal" area (lib/i18n/<locale>/portal.json), with plain-text params. */
export interface GuideLine {
  kind: 'hint' | 'warning';
  key: string;
  params?: Record<string, string | number>;
}

export interface CertificateRow {
  number: string;
  qualification: string;
  level?: string;
  holderName?: string;
  approvalDate?: string;
  status: 'valid' | 'withdrawn' | 'unknown';
}

/** What the annotation page shows of the certificate's annotation. */
export interface AnnotationShown {
  certificateNumber?: string;
  state: AnnotationPageState;
  validFrom?: string;
  validUntil?: string;
  /** read: the dates are the page's own; ask: valid, but its last day could not be read for sure (the holder is asked). */
  validity?: 'read' | 'ask';
  /** When asking: the dates shown under a validity label, latest first. */
  candidates?: string[];
  /** [下载] works for an older annotation while a newer application is generating. */
  alsoGenerating?: boolean;
}

/** What every recognition says, whatever its step. A step's own readings extend it. */
export interface RecognitionBase<S extends string = string> {
  step: S;
  /** Higher wins when frames disagree (e.g. annotation-apply over portal-home). */
  specificity: number;
  /** The control to highlight, if the step has a next action and it was found. */
  target: Element | null;
  /** When the step has a next action but the control was not found: what to look for (i18n key). */
  targetMissingKey?: string;
  lines: GuideLine[];
  /** Problems met while reading (a date that does not parse, a missing column): i18n keys. */
  readingProblems?: GuideLine[];
  /** The next action in words: an i18n key of the "portal" area (action_*). */
  actionKey?: string;
  /**
   * Read while a reader it needs was still loading (`Details`): what that reader gives is
   * missing, nothing is recorded from it, and the page is read again when the reader arrives.
   */
  detailsPending?: boolean;
}

/**
 * Readers that only some pages need. Tests, tools and the page report have them all
 * (lib/portal/recognise.ts); the content script loads each when a page first needs it
 * (lib/guide/details.ts): a reader is then 'loading' until it is there, and absent when it
 * could not be loaded, where the step asks the holder rather than guesses.
 */
export interface Details {
  /** The annotation's validity by its labels (lib/portal/readers/validity.ts): annotation pages that show one. */
  validity?: typeof readValidity | 'loading';
}

/** Nothing recognised. */
export type UnknownRecognition = RecognitionBase<typeof UNKNOWN_STEP>;

/**
 * A step's readings as plain data (no elements): what crosses between frames, and all
 * the panel knows of the page besides its lines. Each step fills the fields it reads.
 */
export interface StepReading {
  annotationState?: AnnotationPageState;
  /** The page shows certificates or an annotation: what the consent question is about. */
  showsRecords?: boolean;
  /** Read before a reader it needs arrived (RecognitionBase.detailsPending). */
  detailsPending?: boolean;
  certificateCount?: number;
  certificateNumber?: string;
  chosenValidityDays?: number;
  applicationSubmitted?: boolean;
  /** The annotation page shows it valid but its last day could not be read: the holder is asked (dates found, latest first). */
  lastDayAsked?: { candidates: string[] };
}

/**
 * What the panel does on a step, decided by the step from its plain reading. Every
 * field is off when absent; the guide (lib/guide/model.ts) acts on them the same way
 * whichever step set them.
 */
export interface PanelTraits {
  /** The page's next action would be an application: a spent quota is said, and from which day it frees. */
  applying?: boolean;
  /** The quota: only when it stops the holder applying ('when-full'), or always with the count ('count'). */
  quota?: 'when-full' | 'count';
  /** The application form before it is sent: warn when the certificate's annotation is generating or valid. */
  applicationForm?: boolean;
  /** The page confirms an application was submitted (a reminder may be promised). */
  submitted?: boolean;
  /** An application is generating: its lines, replaced or added when the stored history knows when it should be ready. */
  generating?: {
    /** The step's line that says "within 24 hours", replaced by the known time. */
    readyLine: PortalKey;
    readyAtLine: PortalKey;
    overdueLine: PortalKey;
    overdueAction: PortalKey;
  };
  /** The panel may ask for the annotation's last day here; the problem line the question replaces. */
  lastDay?: { replacesProblem: PortalKey };
  /** Lines that warn against applying again: the applications left are said after the first found. */
  noReapplyLines?: readonly PortalKey[];
  /** The quota and readiness are asked for the certificate the page names. */
  perCertificate?: boolean;
}

/** A message for the background (lib/messages.ts validates it there). */
export type PortalMessage = { type: string } & Record<string, unknown>;

/** What a step records when its page is seen (with consent): the message, and whether to ask the background again afterwards. */
export interface Seen {
  message: PortalMessage;
  /** What is stored now decides what the panel asks (the last day, the ready time). */
  refresh?: boolean;
}

/** An application the holder just sent from the form: kept until a later page confirms it. */
export interface ApplicationSent {
  validityDays?: number;
  certificateNumber?: string;
}

/** What a step records when the holder clicks one of its controls. */
export interface Clicked {
  message: PortalMessage;
  /** The click sent an application: remember it, and look at the page again soon. */
  application?: ApplicationSent;
}

/** What the guide knows around a click. */
export interface ClickContext {
  /** The page recognised again at the moment of the click (the form as it is now). */
  again(): StepReading | null;
  /** The certificate the guide already knows this tab is about. */
  certificateNumber?: string;
  /** Where the page ends (a row is looked for below it). */
  body: Element | null;
}

export interface StepModule<R extends RecognitionBase = RecognitionBase> {
  id: R['step'];
  /** Higher wins when frames disagree: the deeper in the flow, the more it says. */
  specificity: number;
  /** Its 1-based place on the main path ("step n of m"), or why it is off it. */
  flow: { place: number } | { offPath: string };
  /** The next actions it can name (action_* keys of the "portal" area), one per state of its page. */
  actions: readonly PortalKey[];
  /**
   * Returns null when the document is not this step. Must not have side effects.
   * `view` is the page read once by recognisePage (lib/portal/page.ts); read afresh when absent.
   * `details`: the readers only some pages need; without them a step says what it can and asks for the rest.
   */
  recognise(doc: Document, url: URL, view?: PageView, details?: Details): R | null;
  /** The same recognition, pausing where it may (lib/portal/sliced.ts), for a step whose page can be long. */
  recogniseInSlices?(doc: Document, url: URL, view?: PageView, details?: Details): Sliced<R | null>;
  /** Its readings as plain data. */
  reading?(r: R): StepReading;
  /** What the panel does here, from the plain reading (a frame's report carries no more). */
  panel?(reading: StepReading): PanelTraits;
  /** What is recorded when the page is seen (pure; the guide sends it, with consent). */
  seen?(r: R): Seen[];
  /** What is recorded when the holder clicks `control` (pure), or null. */
  clicked?(r: R, control: Element, context: ClickContext): Clicked | null;
}
