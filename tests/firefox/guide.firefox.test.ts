// The in-page guide in Firefox ESR with the built Firefox extension, on every saved page
// served at its portal URL (the list tests/e2e/guide.e2e.test.ts uses): the step, the
// annotation state, the highlighted control, the panel shown in a closed shadow root; in
// Chinese and in English as the browser's language; and no request for any host but the
// stand-in's.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PAGES, startFixtureServer, type FixturePage, type FixtureServer } from '../e2e/guide-server';
import { inPanel, launchFirefox, panelText, panelVisible, waitForStep, type LaunchedFirefox } from './firefox';

let server: FixtureServer;
let firefox: LaunchedFirefox;
let page: Page;

const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^[[【]|[\]】]$/g, '');

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefox({ ports: server.ports, lang: 'zh-CN' });
  page = await firefox.browser.newPage();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** The texts of every element carrying the target attribute, in any frame. */
async function targets(p: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of p.frames()) {
    const texts = await frame
      .evaluate(() =>
        Array.from(document.querySelectorAll('[data-cpta-assistant-target]')).map((el) =>
          el instanceof HTMLInputElement ? el.value : (el.textContent ?? ''),
        ),
      )
      .catch(() => [] as string[]);
    out.push(...texts);
  }
  return out;
}

async function waitForTarget(p: Page): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = await targets(p);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

/** What the tab shows for a page: its own reading, or for a frame host the framed page's. */
function tabExpectation(fixture: FixturePage): FixturePage {
  if (!fixture.tabStep) return fixture;
  const framed = (fixture.frames ?? []).map((f) => PAGES.find((p) => p.file === f)).find((p) => p?.step === fixture.tabStep);
  if (!framed) throw new Error(`${fixture.file}: no framed page shows ${fixture.tabStep}`);
  return { ...framed, url: fixture.url, file: fixture.file };
}

async function check(fixture: FixturePage, url = fixture.url) {
  await page.goto(url);
  const expected = tabExpectation(fixture);
  await waitForStep(page, expected.step);
  const annotationState = () => page.evaluate(() => document.querySelector('cpta-assistant')!.getAttribute('data-annotation-state'));
  if (expected.annotationState) await expect.poll(annotationState).toBe(expected.annotationState);
  else expect(await annotationState()).toBeNull();
  // The panel's root is closed to the page, and there all the same.
  expect(await page.evaluate(() => document.querySelector('cpta-assistant')!.shadowRoot)).toBeNull();
  expect(await inPanel(firefox, page, (root) => root.mode, null, 'none')).toBe('closed');
  if (expected.target) {
    expect((await waitForTarget(page)).map(norm)).toEqual([norm(expected.target)]);
    await expect.poll(() => panelVisible(firefox, page, '.panel')).toBe(true);
  } else {
    await new Promise((r) => setTimeout(r, expected.lateFilled ? 900 : 300));
    expect(await targets(page)).toEqual([]);
  }
  if (expected.step === 'unknown') {
    expect(await inPanel(firefox, page, (root) => [root.querySelectorAll('.panel').length, root.querySelectorAll('.launcher').length], null, [])).toEqual([0, 1]);
  }
}

describe('every saved page gives its step and target (http)', () => {
  for (const fixture of PAGES) {
    test(`${fixture.file} → ${fixture.tabStep ?? fixture.step}${fixture.target ? ` [${fixture.target}]` : ''}`, async () => {
      await check(fixture);
    });
  }
});

describe('over https', () => {
  for (const file of ['cert-list/list-table.html', 'annotation/valid-iso-table.html', 'frames/annotation-iframe-host.html']) {
    test(`${file} over https`, async () => {
      const fixture = PAGES.find((p) => p.file === file)!;
      await check(fixture, fixture.url.replace(/^http:/, 'https:'));
    });
  }
});

describe('the validity reader, loaded only on an annotation page that shows a validity (lib/guide/details.ts)', () => {
  test('annotation/valid-iso-table.html: the panel says until when the annotation is valid, and asks nothing', async () => {
    await check(PAGES.find((p) => p.file === 'annotation/valid-iso-table.html')!);
    // annotation_valid_until: read by the reader Firefox loaded; without it the panel would ask (problem_validity_unreadable).
    await expect.poll(() => panelText(firefox, page)).toContain('加注有效期到');
    expect(await panelText(firefox, page)).not.toContain('未能确定地读出');
  });
});

describe('in both languages', () => {
  test('in a Chinese Firefox the panel speaks Chinese', async () => {
    await page.goto(PAGES.find((p) => p.file === 'cert-list/list-table.html')!.url);
    await waitForStep(page, 'cert-list');
    await expect.poll(() => panelText(firefox, page)).toContain('证书列表');
    expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');
  });

  test('in an English Firefox the panel speaks English', async () => {
    const en = await launchFirefox({ ports: server.ports, lang: 'en' });
    try {
      const p = await en.browser.newPage();
      expect(await p.evaluate(() => navigator.language)).toBe('en-US');
      // The portal's own words stay Chinese in English ([下载], 管理号): the panel's own do not.
      for (const [file, step, word, chinese] of [
        ['cert-list/list-table.html', 'cert-list', 'Certificate list', '证书列表'],
        ['annotation/valid-iso-table.html', 'annotation', 'Annotate', '证书加注和下载'],
      ] as const) {
        await p.goto(PAGES.find((x) => x.file === file)!.url);
        await waitForStep(p, step);
        await expect.poll(() => panelText(en, p)).toContain(word);
        expect(await panelText(en, p)).not.toContain(chinese);
      }
    } finally {
      await en.close();
    }
  });
});

describe('outside the portal', () => {
  test('no panel on a host outside the portal, even on a page that looks like it', async () => {
    await page.goto('http://www.example.test/cert-list/list-table.html');
    await new Promise((r) => setTimeout(r, 800));
    expect(await page.evaluate(() => document.querySelectorAll('cpta-assistant').length)).toBe(0);
    expect(await targets(page)).toEqual([]);
  });
});

describe('the extension keeps to itself', () => {
  test('every request Firefox made was for the stand-in\'s hosts', () => {
    const others = firefox.proxy.log.filter((r) => !r.allowed);
    expect(others).toEqual([]);
    expect(firefox.proxy.log.length).toBeGreaterThan(PAGES.length);
  });

  test('every request the stand-in saw was a GET of a page, a frame or the favicon: none was the extension\'s', () => {
    // As in Chromium: over https a navigation says so in Sec-Fetch-Dest/Mode; over plain
    // http (no Sec-Fetch headers) it asks for HTML with Upgrade-Insecure-Requests. A fetch,
    // XHR or beacon by anyone has neither.
    const isNavigation = (r: (typeof server.requests)[number]) =>
      r.scheme === 'https'
        ? ['document', 'iframe', 'frame'].includes(r.dest) && ['navigate', 'nested-navigate'].includes(r.mode)
        : r.upgradeInsecure === '1' && r.accept.startsWith('text/html');
    const odd = server.requests.filter((r) => r.url !== '/favicon.ico' && !isNavigation(r));
    expect(odd).toEqual([]);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
