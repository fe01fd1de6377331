// Loads the saved pages (tests/fixtures) into happy-dom documents at their portal URLs.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { generateHeavyCertList } from '../../fixtures/generate-heavy';
import type { StepId } from '../../../lib/portal/steps';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../fixtures');

export interface FixturePage {
  file: string;
  url: string;
  step: StepId;
  target: string | null;
  annotationState?: 'none' | 'generating' | 'valid' | 'expired';
  lateFilled?: boolean;
  generatedBy?: string;
  submitted?: boolean;
  confirmsInPlace?: boolean;
  frames?: string[];
  tabStep?: StepId;
}

export const PAGES: FixturePage[] = JSON.parse(readFileSync(join(FIXTURES_DIR, 'fixtures.json'), 'utf8')).pages;

export function page(file: string): FixturePage {
  const p = PAGES.find((x) => x.file === file);
  if (!p) throw new Error(`no fixture ${file}`);
  return p;
}

export function fixtureHtml(file: string): string {
  const p = PAGES.find((x) => x.file === file);
  if (p?.generatedBy) return generateHeavyCertList();
  return readFileSync(join(FIXTURES_DIR, file), 'utf8');
}

const QUIET = {
  disableIframePageLoading: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableComputedStyleRendering: true,
  handleDisabledFileLoadingAsSuccess: true,
  navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
  suppressInsecureJavaScriptEnvironmentWarning: true,
};

export interface Loaded {
  window: Window;
  document: Document;
  url: URL;
}

/** The page as served, scripts not run (a late-filled page shows its "loading" state). */
export function loadHtml(html: string, url: string, runScripts = false): Loaded {
  const window = new Window({ url, settings: { ...QUIET, enableJavaScriptEvaluation: runScripts } });
  window.document.write(html);
  fixSelectedOptions(window.document as unknown as Document);
  return { window, document: window.document as unknown as Document, url: new URL(url) };
}

/**
 * happy-dom 21 selects the wrong option when the last <option> carries `selected`; a
 * browser selects that option. Put the selection where a browser would.
 */
export function fixSelectedOptions(doc: Document): void {
  for (const select of Array.from(doc.querySelectorAll('select'))) {
    const index = Array.from(select.options).findLastIndex((o) => o.hasAttribute('selected'));
    if (index >= 0) select.selectedIndex = index;
  }
}

export function load(file: string): Loaded {
  return loadHtml(fixtureHtml(file), page(file).url);
}

/** The page after its inline scripts ran and their timers fired (late-filled pages filled in). */
export async function loadSettled(file: string): Promise<Loaded> {
  const p = page(file);
  if (!p.lateFilled) return load(file);
  const loaded = loadHtml(fixtureHtml(file), p.url, true);
  await loaded.window.happyDOM.waitUntilComplete();
  return loaded;
}

const shared = new Map<string, Promise<Loaded>>();

/** loadSettled, shared between tests that only read the page (recognition has no side effects). */
export function loadShared(file: string): Promise<Loaded> {
  let loaded = shared.get(file);
  if (!loaded) shared.set(file, (loaded = loadSettled(file)));
  return loaded;
}

/** All non-generated pages (the generated heavy page is tested on its own). */
export const SAVED = PAGES.filter((p) => !p.generatedBy);
