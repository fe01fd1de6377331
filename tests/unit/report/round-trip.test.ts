// From a saved page to a report and back to a saved page, the guide reads the same page:
// the same step and target, the same annotation state and action, the same rows and
// statuses, and the same readings where the masked text allows them. What it cannot keep:
// the values of masked numbers and dates (filled with invented ones of the same shape),
// and a day count typed into a field or given as two dates (masked like any number).
import { describe, expect, test } from 'vitest';
import { PAGES, SAVED, loadShared, loadHtml, load, page } from '../portal/fixtures';
import { recognisePage } from '../portal/any-recognition';
import { controlKey, controlName } from '../../../lib/portal/text';
import type { Recognition } from '../portal/any-recognition';
import { formatReport, reportDocument } from '../../../lib/report/build';
import { fillMasked, parseReport, savedPagesFromReport } from '../../../lib/report/to-page';
import { reportOf } from './helpers';

/** What must be the same after the round trip. */
function essentials(r: Recognition) {
  return {
    step: r.step,
    target: r.target ? controlKey(controlName(r.target)) : null,
    targetMissingKey: r.targetMissingKey,
    actionKey: r.actionKey,
    annotationState: r.annotationState,
    applicationSubmitted: r.applicationSubmitted,
    // Not kept: "under 90 days" follows a typed day count; "no annotation needed" follows a
    // qualification's name and approval date, which are the holder's and are masked; which
    // annotation of a history holds today follows the (invented) dates.
    lineKeys: r.lines
      .map((l) => l.key)
      .filter((k) => k !== 'apply_validity_under_90' && k !== 'list_association_seal' && !k.startsWith('annotation_valid_taken_')),
    rows: r.certificates?.map((c) => c.status),
    certificateNumberRead: !!(r.annotation?.certificateNumber ?? r.certificateNumber),
    validityRead: r.annotation ? [!!r.annotation.validFrom, !!r.annotation.validUntil] : undefined,
  };
}

/** Saved pages whose chosen validity is typed into a field or given as two dates: the masked days cannot be read back. */
const DAYS_NOT_KEPT = new Set(['annotation-apply/apply-number-div.html', 'annotation-apply/apply-date-range-link.html']);

describe('round trip on every saved page: recognise → report → saved page → the same recognition', () => {
  for (const p of SAVED) {
    test(`${p.file}`, async () => {
      const { document, url } = await loadShared(p.file);
      const before = recognisePage(document, url);
      const report = reportOf(document, url);
      // Through its JSON, as a maintainer receives it.
      const parsed = parseReport(formatReport(report));
      if (!parsed.ok) throw new Error(parsed.error);
      const [saved] = savedPagesFromReport(parsed.report, 'round-trip');
      const back = loadHtml(saved!.html, saved!.url);
      const after = recognisePage(back.document, back.url);
      expect(essentials(after)).toEqual(essentials(before));
      if (!DAYS_NOT_KEPT.has(p.file)) expect(after.chosenValidityDays).toBe(before.chosenValidityDays);
      else expect(before.chosenValidityDays).toBeDefined();
      expect(after.readingProblems?.map((l) => l.key) ?? [], 'reading problems').toEqual(
        (before.readingProblems?.map((l) => l.key) ?? []).concat(DAYS_NOT_KEPT.has(p.file) && p.file.includes('number') ? ['problem_validity_days_unreadable'] : []),
      );
      // The saved page keeps the reported URL's host and path.
      expect(new URL(saved!.url).host).toBe(url.host);
      expect(new URL(saved!.url).pathname).toBe(url.pathname.replace(/\d/g, '0'));
    });
  }
});

describe('frames: the report nests each frame, and each comes back as its own saved page', () => {
  for (const p of PAGES.filter((x) => x.frames)) {
    test(`${p.file} → ${p.tabStep}`, () => {
      const host = load(p.file);
      const framed = p.frames!.map((f) => load(f));
      const frameElements = Array.from(host.document.querySelectorAll('frame, iframe'));
      // happy-dom loads no frames: each frame's report comes from its own document, as the frame itself would send it.
      const report = reportOf(host.document, host.url, {
        frame: (el) => {
          const src = new URL(el.getAttribute('src')!, p.url).href;
          const i = p.frames!.findIndex((f) => page(f).url === src);
          return i >= 0 ? reportDocument(framed[i]!.document, framed[i]!.url, { recognise: (d, u) => recognisePage(d, u).step }) : undefined;
        },
      });
      expect(report.page.frames.map((f) => f.index)).toEqual(frameElements.map((_, i) => i));
      expect(report.page.frames.every((f) => f.page)).toBe(true);
      const saved = savedPagesFromReport(report, 'frames-round-trip');
      expect(saved).toHaveLength(1 + p.frames!.length);
      const steps = saved.map((s) => recognisePage(loadHtml(s.html, s.url).document, new URL(s.url)));
      expect(steps[0]!.step).toBe(p.step);
      const best = steps.reduce((a, b) => (b.specificity > a.specificity ? b : a));
      expect(best.step).toBe(p.tabStep);
      // The host's frames point at the saved frame pages.
      const hostDoc = loadHtml(saved[0]!.html, saved[0]!.url).document;
      const srcs = Array.from(hostDoc.querySelectorAll('frame, iframe')).map((f) => f.getAttribute('src'));
      expect(srcs).toEqual(saved.slice(1).map((s) => s.url));
    });
  }
});

describe('the report is small and readable', () => {
  test('a few KB for each page of the flow, pretty-printed', async () => {
    for (const p of SAVED.filter((x) => x.step !== 'unknown')) {
      const { document, url } = await loadShared(p.file);
      const text = formatReport(reportOf(document, url));
      expect(new TextEncoder().encode(text).length, p.file).toBeLessThan(6 * 1024);
      expect(text.split('\n').length, p.file).toBeGreaterThan(20);
    }
  });
});

describe('filling the masks', () => {
  test('dates become distinct valid dates of the same shape, numbers distinct numbers of the same length', () => {
    const filled = fillMasked('<td>0000年00月00日</td><td>0000-00-00 至 0000-00-00</td><td>0000/0/0</td><td>0000000000000000</td><td>0000000000000000</td><td>00天</td>');
    expect(filled).toBe('<td>2001年01月01日</td><td>2001-01-02 至 2001-01-03</td><td>2001/1/4</td><td>1000000000000001</td><td>1000000000000002</td><td>00天</td>');
  });
  test('a report that is not one is refused with the reason', () => {
    expect(parseReport('{')).toMatchObject({ ok: false });
    expect(parseReport('{"format":"other"}')).toMatchObject({ ok: false, error: expect.stringContaining('not a page report') });
    expect(parseReport(JSON.stringify({ format: 'cpta-assistant/page-report@1', header: { step: 'x' }, page: { url: 'u', title: 't', html: 'no', frames: [] } }))).toMatchObject({ ok: false });
  });
});
