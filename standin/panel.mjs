// @ts-check
// Reaching into the guide's panel from a test or the walkthrough. The panel lives in a
// closed shadow root (lib/guide/host.ts), which no page script and no Playwright selector
// can enter; the browser's own DevTools protocol can, and that is what tests use. Clicks
// are real mouse clicks at the control's place (trusted events), as a holder's are.

/** The panel's host element (lib/guide/host.ts PANEL_TAG). */
export const PANEL_TAG = 'cpta-assistant';

/**
 * Runs `fn(root, arg)` on the panel's shadow root in the page and returns its result (a
 * plain value), or `missing` when there is no panel.
 * @template T, A
 * @param {import('playwright-core').Page} page
 * @param {(root: ShadowRoot, arg: A) => T} fn runs in the browser: it must not refer to anything outside itself
 * @param {A} arg
 * @param {T} missing
 * @returns {Promise<T>}
 */
export async function inPanel(page, fn, arg, missing) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: PANEL_TAG });
    if (!nodeId) return missing;
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return missing;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: /** @type {string} */ (object.objectId),
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`in the panel: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The words the panel shows (its styles left out). @param {import('playwright-core').Page} page */
export function panelText(page) {
  return inPanel(
    page,
    (root) => {
      const words = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('style, script')) words.push(node.textContent ?? '');
      }
      return words.join(' ').replace(/\s+/g, ' ').trim();
    },
    null,
    '',
  );
}

/** How many elements in the panel match `selector`. @param {import('playwright-core').Page} page @param {string} selector */
export function panelCount(page, selector) {
  return inPanel(page, (root, sel) => root.querySelectorAll(sel).length, selector, 0);
}

/** Whether an element matching `selector` is shown (has a box). @param {import('playwright-core').Page} page @param {string} selector */
export function panelVisible(page, selector) {
  return inPanel(
    page,
    (root, sel) => {
      const el = root.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    },
    selector,
    false,
  );
}

/**
 * Clicks the panel's control matching `selector` with the mouse, as a holder does (a
 * trusted event), once it is shown; fails after `timeoutMs`.
 * @param {import('playwright-core').Page} page @param {string} selector @param {number} [timeoutMs]
 */
export async function panelClick(page, selector, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await inPanel(
      page,
      (root, sel) => {
        const el = root.querySelector(sel);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      },
      selector,
      null,
    );
    if (box) {
      await page.mouse.click(box.x, box.y);
      return;
    }
    if (Date.now() > deadline) throw new Error(`No ${selector} shown in the panel on ${page.url()}`);
    await page.waitForTimeout(100);
  }
}
