// What a new holder meets, in real Chromium: the welcome page opens once on install and
// never on an update; its button shows a test notification; Settings show the version and
// a report to copy; the popup's what's-new line comes after an update with an entry and not
// otherwise. Then light and dark, in both languages: screenshots of the popup, Settings,
// the welcome page and the panel, axe on the extension's pages and a contrast check inside
// the panel (its closed shadow root is out of axe's reach).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { DIST, launchWithExtension, type Launched } from './chromium';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { seed, seedRecords } from './popup-seed';
import { inPanel } from '../../standin/panel.mjs';
import { CHANGES } from '../../lib/model/whats-new';

const SHOTS = resolve(import.meta.dirname, '../..', process.env.SCREENSHOTS_DIR ?? 'test-output/screenshots');
let server: FixtureServer;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startFixtureServer();
});
afterAll(() => server?.close());

/** Waits until `ok()` holds (beforeAll has no expect.poll). */
async function until(ok: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`not in ${ms} ms: ${ok.toString()}`);
  }
}

const welcomePages = (context: BrowserContext) => context.pages().filter((p) => p.url().endsWith('/welcome.html'));

function watch(page: Page): Page {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${String(e)}`));
  return page;
}

async function open(b: Launched, path: string, width = 900): Promise<Page> {
  const page = watch(await b.context.newPage());
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

/**
 * Rewrites the copied build's version and reloads it as a holder updates by hand (the
 * reload arrow on chrome://extensions, in developer mode): Chromium then fires onInstalled
 * with reason 'update' and the previous version.
 */
async function updateTo(b: Launched, dist: string, version: string): Promise<Worker> {
  const file = join(dist, 'manifest.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }));
  const next = b.context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensions = await b.context.newPage();
  await extensions.goto('chrome://extensions');
  const failed = await extensions.evaluate(async (id) => {
    const dev = (chrome as unknown as { developerPrivate: { updateProfileConfiguration(c: object, done: () => void): void; reload(id: string, o: object, done: () => void): void } }).developerPrivate;
    await new Promise<void>((ok) => dev.updateProfileConfiguration({ inDeveloperMode: true }, ok));
    return new Promise<string | null>((ok) => dev.reload(id, { failQuietly: false }, () => ok(chrome.runtime.lastError?.message ?? null)));
  }, b.extensionId);
  expect(failed).toBeNull();
  await extensions.close();
  const w = await next;
  await expect.poll(() => w.evaluate(() => chrome.runtime.getManifest().version)).toBe(version);
  return w;
}

const stored = (w: Worker) => w.evaluate(async () => (await chrome.storage.local.get('whatsNew')).whatsNew ?? null);

describe('install, update, test notification, settings', () => {
  test('welcome once on install and never on update; the test notification; version and report; what\'s new only for an update with an entry', { timeout: 180_000 }, async () => {
    // A copy of the build, so that its manifest can be changed between "versions".
    const dist = mkdtempSync(join(tmpdir(), 'cpta-dist-'));
    cpSync(DIST, dist, { recursive: true });
    const manifest = join(dist, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), version: '0.0.1' }));
    const b = await launchWithExtension({ ports: server.ports, lang: 'zh-CN', dist });
    try {
      // Install: exactly one welcome tab, in Chinese.
      await until(() => welcomePages(b.context).length > 0);
      await new Promise((r) => setTimeout(r, 1000));
      expect(welcomePages(b.context).length).toBe(1);
      const welcome = watch(welcomePages(b.context)[0]!);
      await welcome.waitForSelector('main.welcome');
      expect(await welcome.locator('h1').textContent()).toBe('欢迎使用电子证书加注助手');
      expect(await stored(b.worker)).toBeNull();

      // The test notification: asked of the background, shown by the browser.
      await welcome.click('#test-notification');
      await expect.poll(() => welcome.locator('#test-outcome').textContent()).toContain('测试通知已发送');
      const shown = await b.worker.evaluate(() => chrome.notifications.getAll());
      expect(Object.keys(shown).filter((id) => id.startsWith('cpta-test|'))).toHaveLength(1);
      await welcome.setViewportSize({ width: 900, height: 900 });
      await welcome.screenshot({ path: join(SHOTS, 'welcome-test-notification.zh.png'), fullPage: true });

      // Settings: the manifest's version, the welcome page again, the report to copy.
      const options = await open(b, 'options.html');
      await options.waitForSelector('#about-version');
      expect(await options.locator('#about-version').textContent()).toBe('版本 0.0.1');
      const report = await options.inputValue('#problem-report');
      expect(report).toContain('版本：0.0.1');
      expect(report).toMatch(/浏览器：Chrome \d+ \(Linux\)/);
      await options.click('#problem-report-copy');
      await expect.poll(() => options.locator('#problem-report-copy ~ [role=status]').textContent()).toBe('已复制。');
      await options.click('text=打开欢迎页');
      await expect.poll(() => welcomePages(b.context).length).toBe(2);
      for (const p of welcomePages(b.context)) await p.close();
      await options.close();

      // An update with an entry: no welcome tab, a what's-new note for the popup.
      const withEntry = CHANGES[0]!.version;
      let worker = await updateTo(b, dist, withEntry);
      await expect.poll(() => stored(worker)).toEqual({ since: '0.0.1', version: withEntry });
      await new Promise((r) => setTimeout(r, 1000));
      expect(welcomePages(b.context)).toHaveLength(0);
      let popup = await open(b, 'popup.html', 400);
      await popup.waitForSelector('.whats-new');
      expect(await popup.locator('.whats-new').textContent()).toContain('新功能');
      await popup.click('.whats-new summary');
      await popup.screenshot({ path: join(SHOTS, 'popup-whats-new.zh.png'), fullPage: true });
      await popup.click('.whats-new button');
      await expect.poll(() => stored(worker)).toBeNull();
      await popup.reload();
      await popup.waitForSelector('main.popup');
      expect(await popup.locator('.whats-new').count()).toBe(0);
      await popup.close();

      // An update with nothing a holder would notice: no note, no tab.
      worker = await updateTo(b, dist, `${withEntry}.1`);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await stored(worker)).toBeNull();
      expect(welcomePages(b.context)).toHaveLength(0);
      popup = await open(b, 'popup.html', 400);
      await popup.waitForSelector('main.popup');
      await new Promise((r) => setTimeout(r, 300));
      expect(await popup.locator('.whats-new').count()).toBe(0);
      await popup.close();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

/** Serious or critical axe findings, as readable lines. */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Text in the panel below 4.5:1 against its background (3:1 when large), computed in the page. */
function lowContrast(page: Page): Promise<string[]> {
  return inPanel(
    page,
    (root) => {
      const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const c = [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c.length === 3 || c[3]! > 0.5)) return c;
        }
        return [255, 255, 255];
      };
      const bad: string[] = [];
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('.panel *'))) {
        const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim();
        if (!text || el.closest('.sr-only') || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        const [a, b] = [lum(rgb(style.color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) bad.push(`${el.className || el.tagName} "${text.slice(0, 30)}" ${ratio.toFixed(2)}`);
      }
      return bad;
    },
    null,
    ['no panel'],
  );
}

describe('light and dark, both languages', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
    // The install's own welcome tab is not part of these pictures.
    await until(() => welcomePages(b.context).length === 1);
    for (const p of welcomePages(b.context)) await p.close();
  });
  afterAll(() => b?.close());

  for (const scheme of ['light', 'dark'] as const) {
    for (const [lang, suffix] of [['zh_CN', 'zh'], ['en', 'en']] as const) {
      test(`${scheme}, ${suffix}: popup, settings, welcome page, panel`, async () => {
        const name = (what: string) => join(SHOTS, `${what}-${scheme}.${suffix}.png`);
        const popup = await open(b, 'popup.html', 400);
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.evaluate(async () => {
          const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('cpta-assistant'); r.onsuccess = () => ok(r.result); });
          const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite');
          for (const n of Array.from(db.objectStoreNames)) tx.objectStore(n).clear();
          await new Promise((ok) => { tx.oncomplete = ok; });
          db.close();
        });
        await seed(popup, { ...seedRecords(), settings: { language: lang, rememberPages: null } });
        await popup.reload();
        await popup.waitForSelector('[data-testid=certificate]');
        expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        await popup.screenshot({ path: name('popup'), fullPage: true });
        expect(await axe(popup)).toEqual([]);
        await popup.close();

        const options = await open(b, 'options.html');
        await options.emulateMedia({ colorScheme: scheme });
        await options.waitForSelector('#about-version');
        await options.screenshot({ path: name('options'), fullPage: true });
        expect(await axe(options)).toEqual([]);
        await options.close();

        const welcome = await open(b, 'welcome.html');
        await welcome.emulateMedia({ colorScheme: scheme });
        await welcome.waitForSelector('main.welcome');
        expect(await welcome.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-CN');
        await welcome.click('#test-notification');
        await welcome.waitForSelector('#test-outcome:not(:empty)');
        await welcome.screenshot({ path: name('welcome'), fullPage: true });
        expect(await axe(welcome)).toEqual([]);
        await welcome.close();

        // The portal's stand-in page is not watched: its own missing resources are not the extension's errors.
        const page = await b.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(PAGES.find((p) => p.file === 'cert-list/list-table.html')!.url);
        await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') === 'cert-list');
        await expect.poll(() => inPanel(page, (root) => root.querySelector('.consent') !== null, null, false)).toBe(true);
        await page.waitForTimeout(500);
        expect(await lowContrast(page)).toEqual([]);
        await page.screenshot({ path: name('panel-consent') });
        await page.close();
      });
    }
  }

  test('no console errors on any of these pages', () => {
    expect(errors).toEqual([]);
  });
});
