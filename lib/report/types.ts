// A page report: what a holder hands over when the guide misreads a page of the portal.
// Plain data, pretty-printed as JSON (lib/report/format.ts); nothing in it is personal:
// lib/report/build.ts keeps only structure and the portal's own words.

export const REPORT_FORMAT = 'cpta-assistant/page-report@1';

export interface ReportHeader {
  /** The extension's version (manifest). */
  extension: string;
  /** Browser and version, from the user agent (e.g. "Chrome 156"). */
  browser: string;
  /** The step the guide showed for the tab (its most specific frame). */
  step: string;
  /** The last step of the flow this tab showed before, when the guide knows it. */
  lastFlowStep?: string;
  /** What the guide could not read: reading problems, a missing target, frames that did not answer. */
  unreadable: string[];
}

/** One document (the page, or a frame inside it). */
export interface ReportedDocument {
  /** Scheme, host and path; query values masked. */
  url: string;
  title: string;
  /** What the guide recognised in this document alone, when known. */
  step?: string;
  /** The redacted markup, one element per line; frames carry data-report-frame="i". */
  html: string[];
  /** Frames in document order: i is the frame's place in this document's frames. */
  frames: ReportedFrame[];
}

export interface ReportedFrame {
  index: number;
  /** The frame's src as written (masked like any URL). */
  src: string;
  page?: ReportedDocument;
  /** Why the frame's document is not here. */
  missing?: 'not-readable' | 'no-answer' | 'not-portal';
}

export interface PageReport {
  format: typeof REPORT_FORMAT;
  header: ReportHeader;
  page: ReportedDocument;
}
