// The last step of the flow a tab showed, so that the guide can tell a page it does not
// recognise in the middle of the flow (offer the page report) from a page the holder
// browsed to outside it. Kept in the extension's session storage (memory only, gone when
// the browser closes or the tab is closed): a step name, nothing read from the page.
import type { ExtensionBrowser } from './browser';

/** Steps that put a tab inside the flow. The home page is not one: it links to much else (notices, news, scores). */
export const FLOW_STEPS: ReadonlySet<string> = new Set(['cert-entry', 'login', 'register', 'service-terms', 'cert-list', 'annotation', 'annotation-apply']);

const stepKey = (tabId: number) => `guideStep:${tabId}`;

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
  return { lastFlowStep: typeof before === 'string' && FLOW_STEPS.has(before) ? before : null };
}

export function forgetTabStep(browser: ExtensionBrowser, tabId: number): Promise<void> {
  return browser.storage.session.remove(stepKey(tabId));
}
