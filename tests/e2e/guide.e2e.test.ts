// The in-page guide in real Chromium with the built extension, on every saved page served
// at its portal URL: the step, the annotation state, the highlighted target, the panel
// clear of it, frames, late content, nothing outside the portal, no extension errors and
// no request of the extension's own.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, launchWithExtension, type Launched } from './chromium';
import { PAGES, startFixtureServer, type FixturePage, type FixtureServer } from './guide-server';
import { inPanel, panelCount, panelVisible } from '../../standin/panel.mjs';

let server: FixtureServer;
let browser: Launched;
let page: Page;
const extensionErrors: string[] = [];

const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^[[【]|[\]】]$/g, '');

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN', dist: DIST });
  browser.worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`worker: ${m.text()}`);
  });
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) extensionErrors.push(`page: ${m.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function waitForStep(p: Page, step: string) {
  await p.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, step, { timeout: 10_000 });
}

/** Every element carrying the target attribute, in any frame, with its text and frame. */
async function targets(p: Page): Promise<{ frame: Frame; text: string }[]> {
  const out: { frame: Frame; text: string }[] = [];
  for (const frame of p.frames()) {
    const texts = await frame
      .evaluate(() =>
        Array.from(document.querySelectorAll('[data-cpta-assistant-target]')).map((el) =>
          el instanceof HTMLInputElement ? el.value : (el.textContent ?? ''),
        ),
      )
      .catch(() => [] as string[]);
    for (const text of texts) out.push({ frame, text });
  }
  return out;
}

async function waitForTarget(p: Page) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = await targets(p);
    if (found.length) return found;
    await p.waitForTimeout(100);
  }
  return [];
}

/** The host's box and the target's box, in the top viewport (target in the top frame only). */
async function overlap(p: Page): Promise<number> {
  return p.evaluate(() => {
    const host = document.querySelector('cpta-assistant')!.getBoundingClientRect();
    const el = document.querySelector('[data-cpta-assistant-target]');
    if (!el) return -1;
    const t = el.getBoundingClientRect();
    const w = Math.min(host.right, t.right) - Math.max(host.left, t.left);
    const h = Math.min(host.bottom, t.bottom) - Math.max(host.top, t.top);
    return w > 0 && h > 0 ? w * h : 0;
  });
}

/** What the tab shows for a page: its own reading, or for a frame host the framed page's. */
function tabExpectation(fixture: FixturePage): FixturePage {
  if (!fixture.tabStep) return fixture;
  const framed = (fixture.frames ?? []).map((f) => PAGES.find((p) => p.file === f)).find((p) => p?.step === fixture.tabStep);
  if (!framed) throw new Error(`${fixture.file}: no framed page shows ${fixture.tabStep}`);
  return { ...framed, url: fixture.url, file: fixture.file };
}

async function check(p: Page, page: FixturePage, url = page.url) {
  await p.goto(url);
  const fixture = tabExpectation(page);
  const step = fixture.step;
  await waitForStep(p, step);
  const host = p.locator('cpta-assistant');
  if (fixture.annotationState) await expect.poll(() => host.getAttribute('data-annotation-state')).toBe(fixture.annotationState);
  else expect(await host.getAttribute('data-annotation-state')).toBeNull();
  // The host's shadow root, holding the panel (or the launcher), is closed to the page.
  expect(await p.evaluate(() => document.querySelector('cpta-assistant')!.shadowRoot)).toBeNull();
  expect(await inPanel(p, (root) => root.mode, null, 'none')).toBe('closed');

  if (fixture.target) {
    const found = await waitForTarget(p);
    expect(found.map((t) => norm(t.text))).toEqual([norm(fixture.target)]);
    if (found[0]!.frame === p.mainFrame()) {
      // The panel moves out of the way: it never covers the highlighted control.
      await expect.poll(() => overlap(p)).toBe(0);
    }
    await expect.poll(() => panelVisible(p, '.panel')).toBe(true);
  } else {
    // Give late content time to arrive, then: nothing is highlighted.
    await p.waitForTimeout(fixture.lateFilled ? 900 : 300);
    expect(await targets(p)).toEqual([]);
  }
  if (step === 'unknown') {
    expect(await panelCount(p, '.panel')).toBe(0);
    expect(await panelCount(p, '.launcher')).toBe(1);
  }
}

describe('every saved page gives its step and target (http)', () => {
  for (const fixture of PAGES) {
    test(`${fixture.file} → ${fixture.tabStep ?? fixture.step}${fixture.target ? ` [${fixture.target}]` : ''}`, async () => {
      await check(page, fixture);
    });
  }
});

describe('over https', () => {
  const some = PAGES.filter((p) => ['cert-list/list-table.html', 'annotation/valid-iso-table.html', 'frames/annotation-iframe-host.html', 'unknown/notice-list.html'].includes(p.file));
  for (const fixture of some) {
    test(`${fixture.file} over https`, async () => {
      await check(page, fixture, fixture.url.replace(/^http:/, 'https:'));
    });
  }
});

describe('the page changes under the guide', () => {
  test('content filled in after load is recognised, and the panel follows', async () => {
    const late = PAGES.find((p) => p.file === 'cert-list/list-div-late.html')!;
    await page.goto(late.url);
    // First "数据加载中": the step is not yet the list's, or has no target.
    await waitForStep(page, 'cert-list');
    const found = await waitForTarget(page);
    expect(found.map((t) => norm(t.text))).toEqual(['下载']);
  });

  test('content replaced without a navigation (history.pushState) is recognised again', async () => {
    const list = PAGES.find((p) => p.file === 'cert-list/list-table.html')!;
    await page.goto(list.url);
    await waitForStep(page, 'cert-list');
    // The page swaps its body for a notice and changes the URL in its own world.
    await page.evaluate(() => {
      document.body.innerHTML = '<h1>通知公告</h1><p>关于2027年度考试报名的通知</p>';
      history.pushState({}, '', '/notice.html');
    });
    await waitForStep(page, 'unknown');
    expect(await targets(page)).toEqual([]);
  });

  test('the outline follows its control on scroll and resize, and a new control off screen is scrolled into view', async () => {
    await page.goto(PAGES.find((p) => p.file === 'cert-list/heavy-200-rows.html')!.url);
    await waitForStep(page, 'cert-list');
    await waitForTarget(page);
    const gap = async () => {
      const t = await page.evaluate(() => {
        const r = document.querySelector('[data-cpta-assistant-target]')!.getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width };
      });
      const box = await inPanel(page, (root) => {
        const r = root.querySelector('.hl.on')?.getBoundingClientRect();
        return r ? { left: r.left, top: r.top, width: r.width } : null;
      }, null, null);
      return box ? Math.max(Math.abs(box.left + 4 - t.left), Math.abs(box.top + 4 - t.top), Math.abs(box.width - 8 - t.width)) : -1;
    };
    await expect.poll(gap).toBeLessThanOrEqual(1);
    await page.evaluate(() => window.scrollBy(0, 120));
    await expect.poll(gap).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 900, height: 700 });
    await expect.poll(gap).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The list is redrawn far down the page: the new [下载] is brought into view.
    await page.goto(PAGES.find((p) => p.file === 'cert-list/list-table.html')!.url);
    await waitForStep(page, 'cert-list');
    await page.evaluate(() => {
      const table = document.querySelector('table')!;
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      table.before(spacer);
      table.replaceWith(table.cloneNode(true));
    });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await expect
      .poll(() => page.evaluate(() => {
        const r = document.querySelector('[data-cpta-assistant-target]')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }))
      .toBe(true);
  });

  test('a second injection replaces the first without doubling the panel', async () => {
    const list = PAGES.find((p) => p.file === 'cert-list/list-table.html')!;
    await page.goto(list.url);
    await waitForStep(page, 'cert-list');
    // Run the built content script again in the extension's own world of this page.
    const cdp = await browser.context.newCDPSession(page);
    const contexts: { id: number; origin: string; auxData?: { isDefault?: boolean; frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await page.waitForTimeout(100);
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const world = contexts.find((c) => c.origin === `chrome-extension://${browser.extensionId}` && c.auxData?.frameId === frameTree.frame.id);
    expect(world).toBeDefined();
    const script = readFileSync(join(DIST, 'content-scripts/content.js'), 'utf8');
    const result = (await cdp.send('Runtime.evaluate', { expression: script, contextId: world!.id })) as { exceptionDetails?: unknown };
    expect(result.exceptionDetails).toBeUndefined();
    await page.waitForTimeout(400);
    expect(await page.locator('cpta-assistant').count()).toBe(1);
    await waitForStep(page, 'cert-list');
    expect((await targets(page)).length).toBe(1);
    // The page still changes under one guide, not two.
    await page.evaluate(() => history.pushState({}, '', '/notice.html'));
    await page.evaluate(() => { document.body.innerHTML = '<h1>通知公告</h1>'; });
    await waitForStep(page, 'unknown');
    expect(await page.locator('cpta-assistant').count()).toBe(1);
    await cdp.detach();
  });
});

describe('outside the portal', () => {
  test('no panel on a host outside the portal, even on a page that looks like it', async () => {
    await page.goto('http://www.example.test/cert-list/list-table.html');
    await page.waitForLoadState('load');
    await page.waitForTimeout(800);
    expect(await page.locator('cpta-assistant').count()).toBe(0);
    expect(await targets(page)).toEqual([]);
  });
});

describe('the extension keeps to itself', () => {
  test('no console error from the extension in any of the above', () => {
    expect(extensionErrors).toEqual([]);
  });

  test('every request the server saw was a navigation of a page or frame, or the favicon: none was the extension\'s', () => {
    expect(server.requests.length).toBeGreaterThan(PAGES.length);
    // Chromium marks navigations: over https with Sec-Fetch-Mode navigate, over plain http
    // (not "potentially trustworthy", so no Sec-Fetch headers) with Upgrade-Insecure-Requests
    // and an HTML Accept. A fetch, XHR or beacon by anyone has neither.
    const isNavigation = (r: (typeof server.requests)[number]) =>
      r.scheme === 'https'
        ? ['document', 'iframe', 'frame'].includes(r.dest) && ['navigate', 'nested-navigate'].includes(r.mode)
        : r.upgradeInsecure === '1' && r.accept.startsWith('text/html');
    expect(server.requests.filter((r) => r.url !== '/favicon.ico' && !isNavigation(r))).toEqual([]);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
