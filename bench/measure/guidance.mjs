// 2. Time to guidance: from DOMContentLoaded to the panel showing the page's step
// (`cpta-assistant[data-step=<step>]`), seen by a MutationObserver that an init script
// puts in the page before any of it loads. Observing only <html>'s children and then the
// host's one attribute keeps the observer itself from costing anything on a big page.
import { summary } from '../stats.mjs';

/** Runs in the page's main world before its first script. @param {string} want */
function observeGuide(want) {
  const r = { hostAt: /** @type {number | null} */ (null), stepAt: /** @type {number | null} */ (null), paintAt: /** @type {number | null} */ (null), firstStep: /** @type {string | null} */ (null) };
  Object.defineProperty(window, '__cptaBenchGuide', { value: r });
  /** @param {Element} host */
  const onHost = (host) => {
    if (r.hostAt === null) r.hostAt = performance.now();
    const check = () => {
      const step = host.getAttribute('data-step');
      if (step && r.firstStep === null) r.firstStep = step;
      if (step === want && r.stepAt === null) {
        r.stepAt = performance.now();
        attributes.disconnect();
        // The frame that shows it: the next animation frame, then the task after it.
        requestAnimationFrame(() => setTimeout(() => (r.paintAt = performance.now()), 0));
      }
    };
    const attributes = new MutationObserver(check);
    attributes.observe(host, { attributes: true, attributeFilter: ['data-step'] });
    check();
  };
  /** @param {Element} root */
  const watchRoot = (root) => {
    const existing = root.querySelector(':scope > cpta-assistant');
    if (existing) onHost(existing);
    new MutationObserver((records) => {
      for (const rec of records) for (const n of Array.from(rec.addedNodes)) if (n.nodeName === 'CPTA-ASSISTANT') onHost(/** @type {Element} */ (n));
    }).observe(root, { childList: true });
  };
  if (document.documentElement) watchRoot(document.documentElement);
  else {
    const o = new MutationObserver(() => {
      if (!document.documentElement) return;
      o.disconnect();
      watchRoot(document.documentElement);
    });
    o.observe(document, { childList: true });
  }
}

/**
 * @param {{ ext: import('../browser.mjs').Profile, url: string, step: string, loads: number }} o
 */
export async function measureTimeToGuidance(o) {
  const runs = [];
  for (let i = 0; i < o.loads + 1; i++) {
    const page = await o.ext.context.newPage();
    try {
      await page.addInitScript(observeGuide, o.step);
      await page.goto(o.url, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => /** @type {any} */ (window).__cptaBenchGuide?.paintAt != null, undefined, { timeout: 15_000 });
      const r = await page.evaluate(() => {
        const g = /** @type {any} */ (window).__cptaBenchGuide;
        const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
        return { ...g, dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart };
      });
      // The first load warms the caches and is not counted.
      if (i > 0) runs.push({ hostMs: r.hostAt - r.dcl, stepMs: r.stepAt - r.dcl, paintMs: r.paintAt - r.dcl, loadMs: r.load - r.dcl, firstStep: r.firstStep });
    } finally {
      await page.close();
    }
  }
  return {
    url: o.url,
    step: o.step,
    loads: o.loads,
    stepMs: summary(runs.map((r) => r.stepMs)),
    paintMs: summary(runs.map((r) => r.paintMs)),
    hostMs: summary(runs.map((r) => r.hostMs)),
    loadEventMs: summary(runs.map((r) => r.loadMs)),
    runs,
  };
}
