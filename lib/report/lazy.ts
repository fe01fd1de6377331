// What the content script loads when the holder asks for a page report (entrypoints/
// page-report.ts puts it on the content script's own global; the page's scripts cannot
// see it): build the tab's report (frames of the same origin read directly) and show it. Kept out of the content script, which every portal page pays for.
import { recognisePage } from '../portal/recognise';
import { browserName, buildPageReport, formatReport, reportDocument } from './build';
import { showReportDialog, type ReportKey } from './dialog';
import { checkDocument } from './to-page';
import type { ReportedDocument } from './types';
import type { FrameReport } from '../guide/report';
import type { PageReportApi, PageReportOpen } from '../guide/page-report';

/** The longest answer a frame may give (a report of a flow page is a few KB). */
const MAX_FRAME_REPORT = 2_000_000;

const recognise = (doc: Document, url: URL) => recognisePage(doc, url).step;

/** A frame's answer, if it is a reported document of a sane size. */
function checked(answer: unknown): ReportedDocument | undefined {
  if (checkDocument(answer, 'frame')) return undefined;
  return JSON.stringify(answer).length <= MAX_FRAME_REPORT ? (answer as ReportedDocument) : undefined;
}

/** Frames inside frames that this window could not read: filled from the answers, by their window. */
function attach(doc: ReportedDocument, win: Window, answers: Map<unknown, unknown>): void {
  for (const frame of doc.frames) {
    let child: Window | null | undefined;
    try {
      child = win.frames[frame.index];
    } catch {
      child = undefined;
    }
    if (!child) continue;
    if (!frame.page) {
      const answer = checked(answers.get(child));
      if (!answer) continue;
      frame.page = answer;
      delete frame.missing;
    }
    attach(frame.page, child, answers);
  }
}

/** What the guide could not read on the page it shows: reading problems and a missing target (i18n keys). */
export function unreadableOf(report: FrameReport): string[] {
  return [...report.readingProblems.map((l) => l.key), ...(!report.hasTarget && report.targetMissingKey ? [report.targetMissingKey] : [])];
}

export function fileNameFor(step: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `cpta-page-report-${step}-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.json`;
}

export function createPageReportApi(env: { version: string; userAgent: string; now?: () => Date }): PageReportApi {
  return {
    documentOf(win) {
      return reportDocument(win.document, new URL(win.location.href), { recognise });
    },
    async open(o: PageReportOpen) {
      const win = o.win;
      // Frames of another origin are not asked: nothing a frame sends through the page's
      // own window messages is trusted (lib/guide/frames.ts). They are listed as unread.
      const answers = new Map<unknown, unknown>();
      const report = buildPageReport(
        win.document,
        new URL(win.location.href),
        {
          extension: env.version,
          browser: browserName(env.userAgent),
          step: o.report.step,
          ...(o.lastFlowStep ? { lastFlowStep: o.lastFlowStep } : {}),
          unreadable: unreadableOf(o.report),
        },
        {
          recognise,
          frame: (el) => checked(answers.get((el as HTMLIFrameElement).contentWindow)),
        },
      );
      attach(report.page, win, answers);
      // What frames still could not be read, now that the answers are in.
      report.header.unreadable = report.header.unreadable.filter((u) => !u.startsWith('frame '));
      const missing = (doc: ReportedDocument, path: string): string[] =>
        doc.frames.flatMap((f) => [...(f.missing ? [`${path}frame ${f.index}: ${f.missing}`] : []), ...(f.page ? missing(f.page, `${path}frame ${f.index} › `) : [])]);
      report.header.unreadable.push(...missing(report.page, ''));
      return showReportDialog({
        root: o.root,
        doc: win.document,
        text: formatReport(report),
        fileName: fileNameFor(o.report.step, (env.now ?? (() => new Date()))()),
        t: (key: ReportKey, params) => o.t(key, params),
        onClose: o.onClose,
      });
    },
  };
}
