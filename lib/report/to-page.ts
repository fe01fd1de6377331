// From a page report back to saved pages (tests/fixtures): the markup as reported, with
// each masked number and date filled in with an invented one of the same shape, so that
// a page of certificates keeps distinct numbers and a validity keeps dates that parse.
// Used by `npm run fixture` (scripts/fixture-from-report.mjs) and the round-trip test.
import { REPORT_FORMAT, type PageReport, type ReportedDocument } from './types';

export interface SavedPage {
  /** Where it is served: the reported URL plus `v=<name>` (fixtures.json's convention). */
  url: string;
  /** The file name without folder: <name>.html, or <name>.frame-<path>.html for a frame. */
  file: string;
  html: string;
  /** What the guide saw in this document when the report was made. */
  reportedStep?: string;
  /** Frames of this page, as other saved pages (by file). */
  frames: string[];
}

/** Invented dates: distinct, increasing in page order (a range stays from ≤ until), days and months 1–9 fit any width. */
function inventedDate(k: number): { y: number; m: number; d: number } {
  return { y: 2001 + Math.floor(k / 81), m: 1 + (Math.floor(k / 9) % 9), d: 1 + (k % 9) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Fills what masking left as zeros: dates (0000年00月00日, 0000-00-00, 0000/0/0, 0000.00.00)
 * become invented dates, and runs of four or more zeros become distinct numbers of the same
 * length. Runs of one to three zeros (a day count the report did not keep) stay zeros.
 */
export function fillMasked(html: string, counter = { dates: 0, numbers: 0 }): string {
  const dated = html
    .replace(/(?<!\d)0000(\s*年\s*)(0{1,2})(\s*月\s*)(0{1,2})(?!\d)/g, (_m, a: string, mm: string, b: string, dd: string) => {
      const { y, m, d } = inventedDate(counter.dates++);
      return `${y}${a}${pad(m, mm.length)}${b}${pad(d, dd.length)}`;
    })
    .replace(/(?<!\d)0000([-/.])(0{1,2})\1(0{1,2})(?!\d)/g, (_m, sep: string, mm: string, dd: string) => {
      const { y, m, d } = inventedDate(counter.dates++);
      return `${y}${sep}${pad(m, mm.length)}${sep}${pad(d, dd.length)}`;
    });
  return dated.replace(/(?<!\d)0{4,}(?!\d)/g, (zeros) => {
    const n = ++counter.numbers;
    return `1${pad(n, zeros.length - 1)}`;
  });
}

function withVariant(url: string, name: string): string {
  try {
    const u = new URL(url);
    u.searchParams.set('v', name);
    return u.href;
  } catch {
    return url;
  }
}

/** The saved pages of a report: the page first, then its frames (depth first). */
export function savedPagesFromReport(report: PageReport, name: string): SavedPage[] {
  const out: SavedPage[] = [];
  const counter = { dates: 0, numbers: 0 };
  const visit = (doc: ReportedDocument, file: string, variant: string): SavedPage => {
    const page: SavedPage = { url: withVariant(doc.url, variant), file: `${file}.html`, html: '', frames: [] };
    if (doc.step) page.reportedStep = doc.step;
    out.push(page);
    const srcOf = new Map<number, string>();
    for (const frame of doc.frames) {
      if (!frame.page) continue;
      const child = visit(frame.page, `${file}.frame-${frame.index}`, `${variant}.frame-${frame.index}`);
      srcOf.set(frame.index, child.url);
      page.frames.push(child.file);
    }
    // A frame's src points at the saved page made of its report.
    const filled = fillMasked(`<!doctype html>\n${doc.html.join('\n')}\n`, counter);
    const html = filled.replace(/<(i?frame)([^>]*?) data-report-frame="(\d+)"/g, (_m, tag: string, attrs: string, i: string) => {
      const src = srcOf.get(Number(i));
      if (!src) return `<${tag}${attrs}`;
      return `<${tag}${attrs.replace(/ src="[^"]*"/, '')} src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    });
    page.html = html;
    return page;
  };
  visit(report.page, name, name);
  return out;
}

/** A report read back from its JSON: the shape checked, or a message saying what is wrong. */
export function parseReport(text: string): { ok: true; report: PageReport } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const r = data as PageReport;
  if (!r || typeof r !== 'object' || r.format !== REPORT_FORMAT) return { ok: false, error: `not a page report (format must be ${REPORT_FORMAT})` };
  if (!r.header || typeof r.header.step !== 'string') return { ok: false, error: 'the header has no step' };
  const problem = checkDocument(r.page, 'page');
  return problem ? { ok: false, error: problem } : { ok: true, report: r };
}

/** A reported document's shape, or what is wrong with it (also used on frames' answers). */
export function checkDocument(doc: unknown, where: string): string | null {
  const d = doc as ReportedDocument;
  if (!d || typeof d !== 'object') return `${where} is missing`;
  if (typeof d.url !== 'string' || typeof d.title !== 'string') return `${where} has no url or title`;
  if (!Array.isArray(d.html) || !d.html.every((l) => typeof l === 'string')) return `${where}.html is not a list of lines`;
  if (!Array.isArray(d.frames)) return `${where}.frames is not a list`;
  for (const f of d.frames) {
    if (!f || typeof f.index !== 'number') return `${where} has a frame without index`;
    if (f.page !== undefined) {
      const p = checkDocument(f.page, `${where}.frame ${f.index}`);
      if (p) return p;
    }
  }
  return null;
}
