// @vitest-environment happy-dom
// The validity reader, loaded by the content script only on a page that needs it
// (lib/guide/details.ts): every other page is read without ever loading it, and read as
// with every reader; an annotation page is recognised at once, its validity once the
// reader arrives, then exactly as with every reader; a reader that cannot be loaded leaves
// the step recognised and the holder asked. Nothing is recorded from a pending reading.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { lazyDetails, VALIDITY_READER_GLOBAL } from '../../../lib/guide/details';
import { startGuide } from '../../../lib/guide/start';
import { recognisePageWith } from '../../../lib/portal/recognise-core';
import { recognisePage } from '../../../lib/portal/recognise';
import { readValidity } from '../../../lib/portal/readers/validity';
import { annotation, annotationReading } from '../../../lib/portal/steps/annotation';
import type { RecognitionBase } from '../../../lib/portal/types';
import type { GuideContext } from '../../../lib/guide/protocol';
import { STRING_TABLES } from '../../../lib/guide/tables';
import type { AnyRecognition } from '../../../lib/portal/steps';
import { fixtureHtml, loadShared, page, SAVED } from '../portal/fixtures';

const NOW = Date.UTC(2026, 10, 30, 4);
const g = globalThis as Record<string, unknown>;

/** A recognition with its target replaced by the target's place in the document (elements compare by identity). */
function comparable(r: RecognitionBase | null, doc: Document): unknown {
  if (!r) return null;
  const all = Array.from(doc.getElementsByTagName('*'));
  return { ...r, target: r.target ? all.indexOf(r.target) : null };
}

/** The import of /validity-reader.js, settled by the test. */
function deferredImport() {
  let settle!: (ok: boolean) => void;
  const importScript = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        settle = (ok) => {
          if (ok) {
            g[VALIDITY_READER_GLOBAL] = readValidity;
            resolve();
          } else reject(new Error('Failed to fetch dynamically imported module'));
        };
      }),
  );
  return { importScript, settle: (ok: boolean) => settle(ok) };
}

const lazy = (importScript: () => Promise<unknown>) => lazyDetails((doc, url, details) => recognisePageWith(doc, url, { details, now: NOW }), importScript);
const flush = () => new Promise((r) => setTimeout(r, 0));

/** The annotation pages that show a validity: the only ones that need the reader. */
const SHOWS_VALIDITY = SAVED.filter((p) => p.step === 'annotation' && (p.annotationState === 'valid' || p.annotationState === 'expired'));

beforeEach(() => {
  delete g[VALIDITY_READER_GLOBAL];
});

describe('the validity reader, loaded only where a page needs it', () => {
  test('the saved pages that need it are the annotation pages showing a validity', () => {
    expect(SHOWS_VALIDITY.length).toBeGreaterThanOrEqual(10);
  });

  for (const p of SAVED.filter((x) => !SHOWS_VALIDITY.includes(x))) {
    test(`${p.file}: never loaded, and the page reads as with every reader`, async () => {
      const { document, url } = await loadShared(p.file);
      const { importScript } = deferredImport();
      const r = lazy(importScript).recognise(document, url);
      expect(importScript).not.toHaveBeenCalled();
      expect(r.detailsPending).toBeUndefined();
      expect(comparable(r, document)).toEqual(comparable(recognisePage(document, url, { now: NOW }), document));
    });
  }

  for (const p of SHOWS_VALIDITY) {
    test(`${p.file}: the step and its target at once, nothing recorded; the validity when the reader arrives, as with every reader`, async () => {
      const { document, url } = await loadShared(p.file);
      const full = recognisePage(document, url, { now: NOW }) as AnyRecognition;
      const { importScript, settle } = deferredImport();
      const details = lazy(importScript);
      const look = vi.fn();
      details.wake(look);

      const first = details.recognise(document, url) as AnyRecognition;
      expect(first.detailsPending).toBe(true);
      expect([first.step, first.target, first.actionKey, first.annotationState, first.certificateNumber]).toEqual([
        full.step,
        full.target,
        full.actionKey,
        full.annotationState,
        full.certificateNumber,
      ]);
      expect(first.annotation?.validity).toBeUndefined();
      expect(first.annotation?.validUntil).toBeUndefined();
      expect(first.readingProblems).toBeUndefined();
      expect(annotation.seen!(first as Parameters<NonNullable<typeof annotation.seen>>[0])).toEqual([]);
      expect(annotation.reading!(first as Parameters<NonNullable<typeof annotation.reading>>[0]).detailsPending).toBe(true);
      // Loaded once, however often the page is read meanwhile.
      details.recognise(document, url);
      expect(importScript).toHaveBeenCalledTimes(1);
      expect(look).not.toHaveBeenCalled();

      settle(true);
      await flush();
      expect(look).toHaveBeenCalledTimes(1);
      const after = details.recognise(document, url);
      expect(comparable(after, document)).toEqual(comparable(full, document));
      expect(importScript).toHaveBeenCalledTimes(1);
    });
  }

  test('a reader that cannot be loaded: the step is still recognised, and the holder is asked for the last day', async () => {
    for (const p of SHOWS_VALIDITY) {
      const { document, url } = await loadShared(p.file);
      const full = recognisePage(document, url, { now: NOW }) as AnyRecognition;
      const { importScript, settle } = deferredImport();
      const details = lazy(importScript);
      const look = vi.fn();
      details.wake(look);
      details.recognise(document, url);
      settle(false);
      await flush();
      expect(look, p.file).toHaveBeenCalledTimes(1);
      const r = details.recognise(document, url) as AnyRecognition;
      expect([r.step, r.target, r.actionKey, r.annotationState, r.detailsPending], p.file).toEqual([full.step, full.target, full.actionKey, full.annotationState, undefined]);
      expect(r.readingProblems?.map((l) => l.key), p.file).toContain('problem_validity_unreadable');
      expect(r.annotation?.validUntil, p.file).toBeUndefined();
      if (r.annotationState === 'valid') {
        expect(r.annotation?.validity, p.file).toBe('ask');
        expect(annotation.reading!(r as Parameters<NonNullable<typeof annotation.reading>>[0]).lastDayAsked, p.file).toEqual({ candidates: [] });
      }
      // Not tried again on every look: the holder answers instead.
      details.recognise(document, url);
      expect(importScript, p.file).toHaveBeenCalledTimes(1);
    }
  });
});

describe('the guide on an annotation page while the reader loads', () => {
  let sent: ({ type: string } & Record<string, unknown>)[];
  let stop: (() => void) | undefined;
  const context: GuideContext = { rememberPages: true, panelCollapsed: false, language: 'auto' };
  const runtime = {
    id: 'ext',
    onMessage: { addListener: () => {}, removeListener: () => {} },
    sendMessage: vi.fn(async (m: { type: string } & Record<string, unknown>) => {
      sent.push(m);
      if (m.type === 'guide/context') return context;
      if (m.type === 'portal/annotation-seen') return { ok: true, annotation: { change: 'created', state: 'valid' } };
      return { ok: true };
    }),
  };
  const i18n = {
    getMessage: (name: string) => {
      const [area, ...rest] = name.split('_');
      return STRING_TABLES.zh_CN[area as 'guide' | 'portal']?.[rest.join('_')] ?? '';
    },
  };
  beforeEach(() => {
    sent = [];
  });
  afterEach(() => {
    stop?.();
    document.body.innerHTML = '';
  });

  test('records the annotation once, with the validity the page shows, and nothing before the reader arrives', async () => {
    const file = 'annotation/valid-iso-table.html';
    const html = fixtureHtml(file);
    document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)![1]!;
    const url = new URL(page(file).url);
    const expected = annotationReading(recognisePage(document, url, { now: NOW }) as Parameters<typeof annotationReading>[0]);
    expect(expected).toMatchObject({ state: 'valid', validity: 'read' });

    const { importScript, settle } = deferredImport();
    const details = lazyDetails((doc, _url, d) => recognisePageWith(doc, url, { details: d, now: NOW }), importScript);
    stop = startGuide({ win: window, recognise: details.recognise, runtime: () => runtime, i18n, watch: { wake: details.wake, debounceMs: 20, maxWaitMs: 200 } });
    await new Promise((r) => setTimeout(r, 80));
    expect(document.querySelector('cpta-assistant')?.getAttribute('data-step')).toBe('annotation');
    expect(sent.map((m) => m.type)).toContain('guide/context');
    expect(sent.filter((m) => m.type === 'portal/annotation-seen')).toEqual([]);

    settle(true);
    await new Promise((r) => setTimeout(r, 80));
    expect(sent.filter((m) => m.type === 'portal/annotation-seen')).toEqual([{ type: 'portal/annotation-seen', reading: expected }]);
  });
});

describe('recognition given as work in slices (a generator that pauses where it may)', () => {
  test('the reader is asked for when a pass that waited for it ends, and the pass ends as it would have', async () => {
    const file = SHOWS_VALIDITY[0]!.file;
    const { document, url } = await loadShared(file);
    const { importScript, settle } = deferredImport();
    let pauses = 0;
    const details = lazyDetails(function* (doc, u, d) {
      yield;
      pauses++;
      return recognisePageWith(doc, u, { details: d, now: NOW });
    }, importScript);
    const look = vi.fn();
    details.wake(look);
    const work = details.recognise(document, url);
    expect(importScript).not.toHaveBeenCalled();
    let step = work.next();
    expect(step.done).toBe(false);
    step = work.next();
    expect([step.done, pauses, importScript.mock.calls.length]).toEqual([true, 1, 1]);
    expect((step.value as RecognitionBase).detailsPending).toBe(true);
    settle(true);
    await flush();
    expect(look).toHaveBeenCalledTimes(1);
    const again = details.recognise(document, url);
    let last = again.next();
    while (!last.done) last = again.next();
    expect(comparable(last.value, document)).toEqual(comparable(recognisePage(document, url, { now: NOW }), document));
  });
});
