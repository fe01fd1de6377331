// The content script's side of the page report: loads its code only when the holder asks
// (lib/report/lazy.ts, built as /page-report.js), and the shapes both sides share.
import type { ReportedDocument } from '../report/types';
import type { FrameReport } from './report';

/** Where /page-report.js leaves its API: the content script's own global, which page scripts cannot reach. */
export const PAGE_REPORT_GLOBAL = '__cptaAssistantPageReport';

export interface PageReportOpen {
  root: ShadowRoot;
  win: Window;
  /** What the panel shows (the winning frame's reading), and the tab's last step of the flow. */
  report: FrameReport;
  lastFlowStep?: string;
  t: (key: string, params?: Record<string, string>) => string;
  onClose(): void;
}

export interface PageReportApi {
  /** This frame's document as a report. */
  documentOf(win: Window): ReportedDocument;
  /** Asks the frames, builds the tab's report and shows it in full; resolves to a function that closes it. */
  open(o: PageReportOpen): Promise<() => void>;
}

export type LoadPageReport = () => Promise<PageReportApi | undefined>;

/**
 * Imports /page-report.js once. `importScript` is the import itself, written out in the
 * entry point (entrypoints/content.ts) in the one form Firefox's add-on linter accepts.
 */
export function pageReportLoader(importScript: () => Promise<unknown>): LoadPageReport {
  return async () => {
    const g = globalThis as Record<string, unknown>;
    if (!g[PAGE_REPORT_GLOBAL]) await importScript();
    return g[PAGE_REPORT_GLOBAL] as PageReportApi | undefined;
  };
}
