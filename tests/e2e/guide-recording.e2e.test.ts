// Consent, reading and submission, end to end: what the pages show reaches the
// background's IndexedDB only after the holder says yes, once, without duplicates, with
// the portal's dates replacing estimates; a "no thanks" keeps everything out.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { launchWithExtension, type Launched } from './chromium';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { panelClick, panelCount, panelText, panelVisible } from '../../standin/panel.mjs';

let server: FixtureServer;
const extensionErrors: string[] = [];
const url = (file: string) => PAGES.find((p) => p.file === file)!.url;

interface Stored {
  certificates: { number: string; qualification: string; status: string; approvalDate?: string; createdAt: number; source: string }[];
  annotations: {
    certificateNumber: string;
    state: string;
    validityDays: number;
    appliedAt: number;
    appliedAtEstimated: boolean;
    validFrom: { date: string; source: string };
    validUntil: { date: string; source: string };
  }[];
  settings: { rememberPages: boolean | null } | null;
}

/** The background's own database, read from its worker (never created by this read). */
function stored(worker: Worker): Promise<Stored> {
  return worker.evaluate(async () => {
    const empty = { certificates: [], annotations: [], settings: null };
    if (!(await indexedDB.databases()).some((d) => d.name === 'cpta-assistant')) return empty;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((ok, fail) => {
        if (!db.objectStoreNames.contains(store)) return ok([]);
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const out = { certificates: await all('certificates'), annotations: await all('annotations'), settings: (await all('settings'))[0] ?? null };
    db.close();
    return out as never;
  });
}

async function open(page: Page, file: string, step: string) {
  await page.goto(url(file));
  await page.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, step);
}

async function launch(): Promise<Launched> {
  const b = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
  b.worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`worker: ${m.text()}`);
  });
  return b;
}

function watchPage(page: Page) {
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) extensionErrors.push(`page: ${m.text()}`);
  });
}

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server?.close();
});

describe('with consent', () => {
  let browser: Launched;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    watchPage(page);
  });
  afterAll(() => browser?.close());

  test('before the holder answers, pages are shown but nothing is kept', async () => {
    await open(page, 'annotation/valid-iso-table.html', 'annotation');
    await open(page, 'cert-list/list-table.html', 'cert-list');
    await expect.poll(() => panelVisible(page, '[data-testid="consent-accept"]')).toBe(true);
    expect(await panelText(page)).toContain('只保存在这台电脑的浏览器里，不会发送到任何地方');
    await page.waitForTimeout(300);
    const s = await stored(browser.worker);
    expect(s.certificates).toEqual([]);
    expect(s.annotations).toEqual([]);
  });

  test('"记住" keeps the list: three certificates, said in the panel, and the question is not asked again', async () => {
    await panelClick(page, '[data-testid="consent-accept"]');
    await expect.poll(async () => (await stored(browser.worker)).certificates.length).toBe(3);
    await expect.poll(() => panelText(page)).toContain('已记住 3 张证书');
    const s = await stored(browser.worker);
    expect(s.settings?.rememberPages).toBe(true);
    const byNumber = Object.fromEntries(s.certificates.map((c) => [c.number, c]));
    expect(byNumber['1911010000201543']).toMatchObject({ status: 'withdrawn', qualification: '一级建造师执业资格', source: 'portal' });
    expect(byNumber['1944030000105266']).toMatchObject({ status: 'valid', approvalDate: '2019-05-20' });
    const createdAt = byNumber['2205110000300127']!.createdAt;

    await page.reload();
    await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') === 'cert-list');
    await page.waitForTimeout(400);
    expect(await panelCount(page, '[data-testid="consent-accept"]')).toBe(0);
    const again = await stored(browser.worker);
    expect(again.certificates).toHaveLength(3);
    expect(again.certificates.find((c) => c.number === '2205110000300127')!.createdAt).toBe(createdAt);
  });

  test('[下载] → [申请证书加注] → 60 days → [提交加注申请]: one generating annotation with the chosen validity', async () => {
    // Follow the highlighted controls, as the holder would.
    await page.click('[data-cpta-assistant-target]');
    await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-annotation-state') === 'none');
    expect((await stored(browser.worker)).annotations).toEqual([]);
    await page.click('[data-cpta-assistant-target]');
    await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') === 'annotation-apply');
    await expect.poll(() => panelText(page)).toContain('已申请加注0次');

    await page.selectOption('select[name="jzyxq"]', '60');
    const before = Date.now();
    await page.click('[data-cpta-assistant-target]');
    await expect.poll(async () => (await stored(browser.worker)).annotations.length).toBe(1);
    const [a] = (await stored(browser.worker)).annotations;
    expect(a).toMatchObject({ certificateNumber: '2205110000300127', state: 'generating', validityDays: 60, appliedAtEstimated: false });
    expect(a!.appliedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(a!.validUntil.source).toBe('estimated');
    await expect.poll(() => panelText(page)).toContain('已记住这次加注申请（有效期 60 天）');
  });

  test('the generating page adds nothing and says when it should be ready', async () => {
    await open(page, 'annotation/generating-table-button.html', 'annotation');
    await expect.poll(() => panelText(page)).toContain('北京时间');
    await page.waitForTimeout(300);
    expect((await stored(browser.worker)).annotations).toHaveLength(1);
  });

  test('the valid page\'s dates replace the estimates of the same annotation', async () => {
    await open(page, 'annotation/valid-iso-table.html', 'annotation');
    await expect.poll(async () => (await stored(browser.worker)).annotations[0]?.state).toBe('valid');
    const s = await stored(browser.worker);
    expect(s.annotations).toHaveLength(1);
    expect(s.annotations[0]).toMatchObject({
      validityDays: 90,
      validFrom: { date: '2026-09-03', source: 'portal' },
      validUntil: { date: '2026-12-01', source: 'portal' },
    });
    await expect.poll(() => panelText(page)).toContain('已记住：加注有效期至 2026年12月1日');
    // Reloaded, still one.
    await page.reload();
    await page.waitForTimeout(500);
    expect((await stored(browser.worker)).annotations).toHaveLength(1);
  });

  test('the form then counts that application: used 1 of 3', async () => {
    await open(page, 'annotation-apply/apply-select-days-table.html', 'annotation-apply');
    await expect.poll(() => panelText(page)).toContain('已申请加注1次');
    expect(extensionErrors).toEqual([]);
  });
});

describe('in frames', () => {
  test('consent given in the top frame\'s panel records the list shown in a frame, and the panel confirms it', async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      watchPage(page);
      await open(page, 'frames/certmng-frameset.html', 'cert-list');
      await panelClick(page, '[data-testid="consent-accept"]');
      await expect.poll(async () => (await stored(browser.worker)).certificates.length).toBe(3);
      await expect.poll(() => panelText(page)).toContain('已记住 3 张证书');
      expect(extensionErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('with "no thanks"', () => {
  test('nothing is kept, and the question is not asked again', async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      watchPage(page);
      await open(page, 'cert-list/list-table.html', 'cert-list');
      await panelClick(page, '[data-testid="consent-decline"]');
      await expect.poll(() => panelText(page)).toContain('不记住');
      await expect.poll(async () => (await stored(browser.worker)).settings?.rememberPages).toBe(false);
      await open(page, 'annotation/valid-iso-table.html', 'annotation');
      await open(page, 'cert-list/list-table.html', 'cert-list');
      await page.waitForTimeout(400);
      expect(await panelCount(page, '[data-testid="consent-accept"]')).toBe(0);
      const s = await stored(browser.worker);
      expect(s.certificates).toEqual([]);
      expect(s.annotations).toEqual([]);
      expect(extensionErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
