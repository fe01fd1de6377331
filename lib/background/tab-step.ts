// The last step of the flow a tab showed, so that the guide can tell a page it does not
// recognise in the middle of the flow (offer the page report) from a page the holder
// browsed to outside it. Kept in the extension's session storage (memory only, gone when
// the browser closes or the tab is closed): a step name, nothing read from the page.
import type { ExtensionBrowser } from './browser';
import { FLOW_STEP_IDS } from '../portal/steps/ids';

/** Steps that put a tab inside the flow. The home page is not one: it links to much else (notices, news, scores). */
export const FLOW_STEPS: ReadonlySet<string> = new Set(FLOW_STEP_IDS);

const stepKey = (tabId: number) => `guideStep:${tabId}`;

/**
 * The steps the guide recognised since the browser started, in any tab: step names only,
 * for the problem report in Settings (lib/options/problem-report.ts). Session storage too.
 */
export const STEPS_SEEN_KEY = 'guideStepsSeen';

export async function stepsSeen(browser: ExtensionBrowser): Promise<string[]> {
  const value = ((await browser.storage.session.get(STEPS_SEEN_KEY)) as Record<string, unknown>)[STEPS_SEEN_KEY];
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * The tab now shows `step`: returns the step of the flow it showed before (null when
 * none), and remembers this one when the guide recognised it. An unrecognised page
 * leaves the memory as it was: the flow is still where the holder left it.
 */
export async function seeTabStep(browser: ExtensionBrowser, tabId: number | undefined, step: string): Promise<{ lastFlowStep: string | null }> {
  if (tabId === undefined || tabId < 0) return { lastFlowStep: null };
  const key = stepKey(tabId);
  const before = ((await browser.storage.session.get(key)) as Record<string, unknown>)[key];
  if (step !== 'unknown') await browser.storage.session.set({ [key]: step });
  const seen = await stepsSeen(browser);
  if (!seen.includes(step)) await browser.storage.session.set({ [STEPS_SEEN_KEY]: [...seen, step] });
  return { lastFlowStep: typeof before === 'string' && FLOW_STEPS.has(before) ? before : null };
}

export function forgetTabStep(browser: ExtensionBrowser, tabId: number): Promise<void> {
  return browser.storage.session.remove(stepKey(tabId));
}
