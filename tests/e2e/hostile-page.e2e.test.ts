// A portal page whose own script turns on the guide (lib/guide/host.ts, start.ts, top.tsx):
// it presses the consent button, dispatches the take-over event and posts forged frame
// reports from a frame it made, over and over. Nothing is remembered, the guide stays,
// and the panel shows the page's real step; the holder's own click still answers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { launchWithExtension, type Launched } from './chromium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { FIXTURES } from './static-server';
import { panelClick, panelText, panelVisible } from '../../standin/panel.mjs';

/** The page's script: everything it can reach of the guide, tried every 50 ms for 3 s. */
const HOSTILE = `<script>
(() => {
  const forged = { step: 'annotation', specificity: 999, hasTarget: false, lines: [], readingProblems: [], showsRecords: true, certificateCount: 0, annotationState: 'expired' };
  const frame = document.createElement('iframe');
  frame.style.display = 'none';
  document.body.appendChild(frame);
  const fromFrame = new frame.contentWindow.Function('m', 'parent.postMessage(m, "*")');
  const started = Date.now();
  window.__attacks = 0;
  const attack = () => {
    window.__attacks++;
    const host = document.querySelector('cpta-assistant');
    const root = host && host.shadowRoot;
    const accept = root && root.querySelector('[data-testid="consent-accept"]');
    if (accept) { accept.click(); window.__reached = true; }
    if (host) host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    document.dispatchEvent(new CustomEvent('cpta-assistant:takeover'));
    // The guide's own window messages, old and new, from the frame the page made.
    fromFrame({ ns: 'cpta-assistant/v1', type: 'report', id: 'forged', report: forged, rect: null });
    fromFrame({ ns: 'cpta-assistant/v1', type: 'where', token: 'forged-token-0001' });
    fromFrame({ type: 'guide/from-frame', frameId: 5, kind: 'report', token: 'forged-token-0001', report: forged, rect: null });
    window.postMessage({ type: 'guide/from-frame', frameId: 5, kind: 'report', token: 'forged', report: forged, rect: null }, '*');
    if (Date.now() - started < 3000) setTimeout(attack, 50);
    else window.__done = true;
  };
  attack();
})();
</script>`;

let server: FixtureServer;
let browser: Launched;
let page: Page;
const extensionErrors: string[] = [];

/** The background's records, read in its worker (never creating the database). */
function stored(worker: Worker): Promise<{ certificates: unknown[]; annotations: unknown[]; rememberPages: boolean | null | undefined }> {
  return worker.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'cpta-assistant')) return { certificates: [], annotations: [], rememberPages: undefined };
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) =>
      new Promise<any[]>((ok, fail) => {
        if (!db.objectStoreNames.contains(store)) return ok([]);
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const out = { certificates: await all('certificates'), annotations: await all('annotations'), rememberPages: (await all('settings'))[0]?.rememberPages };
    db.close();
    return out;
  });
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
  browser.worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`worker: ${m.text()}`);
  });
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) extensionErrors.push(`page: ${m.text()}`);
  });
  // The certificate list as the portal serves it, with the hostile script added.
  const list = PAGES.find((p) => p.file === 'cert-list/list-table.html')!;
  const html = readFileSync(join(FIXTURES, list.file), 'utf8').replace(/<\/body>/i, `${HOSTILE}</body>`);
  await page.route(list.url, (route) => route.fulfill({ status: 200, body: html, contentType: 'text/html; charset=utf-8' }));
  await page.goto(list.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a page that presses, takes over and forges', () => {
  test('nothing is remembered, the guide stays, and the panel shows the page\'s real step', async () => {
    await page.waitForFunction(() => (window as { __done?: boolean }).__done === true, null, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as { __attacks?: number }).__attacks)).toBeGreaterThan(10);
    // The page never found the panel's button: the root is closed.
    expect(await page.evaluate(() => (window as { __reached?: boolean }).__reached ?? false)).toBe(false);
    expect(await page.evaluate(() => document.querySelector('cpta-assistant')?.shadowRoot ?? null)).toBeNull();

    const s = await stored(browser.worker);
    expect(s.certificates).toEqual([]);
    expect(s.annotations).toEqual([]);
    expect(s.rememberPages ?? null).toBeNull();

    expect(await page.locator('cpta-assistant').count()).toBe(1);
    expect(await page.locator('cpta-assistant').getAttribute('data-step')).toBe('cert-list');
    expect(await page.locator('cpta-assistant').getAttribute('data-annotation-state')).toBeNull();
    expect(await panelText(page)).toContain('证书列表');
    // The question is still open, for the holder.
    expect(await panelVisible(page, '[data-testid="consent-accept"]')).toBe(true);
  });

  test('the holder\'s own click (a real, trusted one) still answers', async () => {
    await panelClick(page, '[data-testid="consent-accept"]');
    await expect.poll(async () => (await stored(browser.worker)).certificates.length).toBe(3);
    expect((await stored(browser.worker)).rememberPages).toBe(true);
    expect(extensionErrors).toEqual([]);
  });
});
