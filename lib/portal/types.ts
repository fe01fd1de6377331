// The contract between the portal's knowledge (lib/portal/steps/*) and the guide that
// shows it (lib/guide). Steps are pure: they take a Document and a URL and never throw
// out of recognise (recognisePage guards each one).

export type StepId =
  | 'portal-home'
  | 'cert-entry'
  | 'login'
  | 'register'
  | 'service-terms'
  | 'cert-list'
  | 'annotation'
  | 'annotation-apply'
  | 'unknown';

/** The main path, for "step n of m". */
export const MAIN_PATH: readonly StepId[] = [
  'portal-home',
  'cert-entry',
  'login',
  'service-terms',
  'cert-list',
  'annotation',
  'annotation-apply',
];

export type AnnotationPageState = 'none' | 'generating' | 'valid' | 'expired';

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

export interface Recognition {
  step: StepId;
  /** Higher wins when frames disagree (e.g. annotation-apply over portal-home). */
  specificity: number;
  /** The control to highlight, if the step has a next action and it was found. */
  target: Element | null;
  /** When the step has a next action but the control was not found: what to look for (i18n key). */
  targetMissingKey?: string;
  lines: GuideLine[];
  /** On the annotation page. */
  annotationState?: AnnotationPageState;
  /** What the page shows, when it shows records (read only with consent). */
  certificates?: CertificateRow[];
  annotation?: AnnotationShown;
  /** On annotation-apply: the form's chosen validity in days, if readable. */
  chosenValidityDays?: number;
  /** Problems met while reading (a date that does not parse, a missing column): i18n keys. */
  readingProblems?: GuideLine[];
  /** The next action in words: an i18n key of the "portal" area (action_*). */
  actionKey?: string;
  /** On annotation / annotation-apply: the certificate the page is about (管理号 / 证书编号), if shown. */
  certificateNumber?: string;
  /** On annotation-apply: the page confirms that the application was submitted (加注申请提交成功). */
  applicationSubmitted?: boolean;
}

export interface StepModule {
  id: Exclude<StepId, 'unknown'>;
  /**
   * Returns null when the document is not this step. Must not have side effects.
   * `view` is the page read once by recognisePage (lib/portal/page.ts); read afresh when absent.
   */
  recognise(doc: Document, url: URL, view?: import('./page').PageView): Recognition | null;
  /** Its saved example pages, under tests/fixtures/. */
  examples?: readonly string[];
}
