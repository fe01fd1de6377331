// The popup in real Chromium with the built extension: what is stored shows with the
// right states; hand entry, edit and delete persist across reopening; undo; axe.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launchWithExtension, type Launched } from './chromium';
import { startStaticServer, type StaticServer } from './static-server';
import { dump, markupCertificate, seed, seedRecords } from './popup-seed';

const SHOTS = resolve(import.meta.dirname, '../..', process.env.SCREENSHOTS_DIR ?? 'test-output/screenshots');

let server: StaticServer;
let browser: Launched;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startStaticServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPopup(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 400, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.waitForSelector('main.popup');
  return page;
}

async function clearDb(page: Page) {
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('cpta-assistant'); r.onsuccess = () => ok(r.result); });
    const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite');
    for (const n of Array.from(db.objectStoreNames)) tx.objectStore(n).clear();
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  });
}

async function states(page: Page) {
  return page.$$eval('[data-testid=certificate]', (els) =>
    els.map((e) => ({ number: e.querySelector('[data-testid=certificate-number]')?.textContent, state: e.getAttribute('data-annotation-state'), withdrawn: !!e.closest('.withdrawn') })),
  );
}

describe('popup', () => {
  test('an empty database shows what the extension does and where to start', async () => {
    const page = await openPopup();
    await clearDb(page);
    await page.reload();
    await page.waitForSelector('[data-testid=empty-state]');
    expect(await page.locator('[data-testid=empty-state]').textContent()).toContain('打开中国人事考试网开始');
    expect(await page.locator('[data-testid=certificate]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'popup-empty.zh.png'), fullPage: true });
    await page.close();
  });

  test('lists stored records with the right states, withdrawn ones apart, markup shown as text', async () => {
    const page = await openPopup();
    await clearDb(page);
    const records = seedRecords();
    await seed(page, { ...records, certificates: [...records.certificates, markupCertificate()] });
    await page.reload();
    await page.waitForSelector('[data-testid=certificate]');
    const list = await states(page);
    expect(list).toEqual(expect.arrayContaining([
      { number: 'SW-2023-00118', state: 'valid', withdrawn: false },
      { number: 'JZ-2024-00277', state: 'generating', withdrawn: false },
      { number: 'JJ-2022-00342', state: 'expired', withdrawn: false },
      { number: 'YH-2019-00455', state: 'not-needed', withdrawn: false },
      { number: 'ZJ-2025-00613', state: 'none', withdrawn: false },
      { number: 'XSS-0001', state: 'none', withdrawn: false },
      { number: 'TJ-2022-00561', state: 'valid', withdrawn: true },
    ]));
    expect(list).toHaveLength(7);
    const xss = page.locator('[data-certificate-number="XSS-0001"] h3');
    expect(await xss.textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[data-certificate-number="SW-2023-00118"]').textContent()).toMatch(/还剩 70 天/);
    // A history's rows and the planner's form are built when opened, and work then.
    const expired = page.locator('[data-certificate-number="JJ-2022-00342"]');
    expect(await expired.locator('.history-item').count()).toBe(0);
    await expired.locator('details.history summary').click();
    await expect.poll(() => expired.locator('.history-item').count()).toBe(2);
    expect(await expired.locator('.history-item').first().isVisible()).toBe(true);
    await page.click('details.planner summary');
    await page.waitForSelector('#plan-from');
    expect(await page.locator('#plan-certificate option').count()).toBe(5);
    await expired.locator('.history-item button:has-text("编辑")').first().click();
    await page.waitForSelector('#ann-state');
    await page.close();
  });

  test('a certificate and an annotation entered by hand, an edit and a delete persist across reopening', async () => {
    let page = await openPopup();
    await clearDb(page);
    await page.reload();
    await page.click('#add-certificate');
    await page.fill('#cert-number', 'HAND-42');
    await page.fill('#cert-qualification', '一级造价工程师');
    await page.fill('#cert-approval', '2026-02-30');
    expect(await page.locator('#cert-approval-error').textContent()).toBe('日历上没有这一天。');
    await page.fill('#cert-approval', '2024年5月20日');
    expect(await page.locator('#cert-approval-error').textContent()).toBe('');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-certificate-number="HAND-42"]');
    await page.click('[data-certificate-number="HAND-42"] button:has-text("添加加注记录")');
    await page.fill('#ann-validity', '120');
    expect(await page.locator('#ann-validity-error').textContent()).toContain('1 到 90 天');
    await page.fill('#ann-validity', '60');
    await page.selectOption('#ann-state', 'valid');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-certificate-number="HAND-42"][data-annotation-state="valid"]');
    await page.close();

    page = await openPopup();
    await page.waitForSelector('[data-certificate-number="HAND-42"][data-annotation-state="valid"]');
    expect(await page.locator('[data-certificate-number="HAND-42"]').textContent()).toMatch(/还剩约? 60 天/);
    // Edit: the level.
    await page.click('[data-certificate-number="HAND-42"] button:has-text("编辑证书")');
    expect(await page.locator('#cert-number').getAttribute('readonly')).not.toBeNull();
    await page.fill('#cert-level', '高级');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-certificate-number="HAND-42"] h3:has-text("一级造价工程师 · 高级")');
    await page.close();

    page = await openPopup();
    expect(await page.locator('[data-certificate-number="HAND-42"] h3').textContent()).toBe('一级造价工程师 · 高级');
    const stored = await dump(page);
    expect(stored.certificates).toEqual([expect.objectContaining({ number: 'HAND-42', level: '高级', approvalDate: '2024-05-20', source: 'manual' })]);
    expect(stored.annotations).toEqual([expect.objectContaining({ certificateNumber: 'HAND-42', validityDays: 60, state: 'valid' })]);
    // Delete, then reopen: gone.
    await page.click('[data-certificate-number="HAND-42"] button.danger');
    await page.waitForSelector('#undo-button');
    await page.close();
    page = await openPopup();
    await page.waitForSelector('[data-testid=empty-state]');
    expect(await dump(page)).toMatchObject({ certificates: [], annotations: [] });
    await page.close();
  });

  test('a write by hand tells the background, which re-plans: the badge follows', async () => {
    const page = await openPopup();
    await clearDb(page);
    await page.reload();
    await browser.worker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await page.click('#add-certificate');
    await page.fill('#cert-number', 'BADGE-1');
    await page.fill('#cert-qualification', '注册测绘师');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-certificate-number="BADGE-1"]');
    await page.click('[data-certificate-number="BADGE-1"] button:has-text("添加加注记录")');
    await page.fill('#ann-applied-date', new Date(Date.now() - 100 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10));
    await page.fill('#ann-applied-time', '10:00');
    await page.selectOption('#ann-state', 'expired');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-certificate-number="BADGE-1"][data-annotation-state="expired"]');
    await expect.poll(() => browser.worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 10_000 }).toBe('1');
    await page.close();
  });

  test('undo right after a delete brings the certificate and its annotations back', async () => {
    const page = await openPopup();
    await clearDb(page);
    await seed(page, seedRecords());
    await page.reload();
    await page.waitForSelector('[data-certificate-number="JJ-2022-00342"]');
    const before = await dump(page);
    await page.click('[data-certificate-number="JJ-2022-00342"] button.danger:has-text("删除")');
    await page.waitForSelector('#undo-button');
    expect(await page.locator('[data-certificate-number="JJ-2022-00342"]').count()).toBe(0);
    // Keyboard: focus is on Undo.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('undo-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-certificate-number="JJ-2022-00342"]');
    const after = await dump(page);
    expect(after.certificates).toEqual(expect.arrayContaining(before.certificates as object[]));
    expect((after.annotations as { id: string }[]).map((a) => a.id).sort()).toEqual((before.annotations as { id: string }[]).map((a) => a.id).sort());
    await page.close();
  });

  test('keyboard only: add a certificate and reach every action', async () => {
    const page = await openPopup();
    await clearDb(page);
    await page.reload();
    await page.waitForSelector('[data-testid=empty-state]');
    // Tab until the footer's "add by hand" has focus, then Enter.
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id)) !== 'add-certificate'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('add-certificate');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cert-number');
    await page.keyboard.type('KEY-7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('出版专业技术人员职业资格');
    await page.keyboard.press('Enter'); // submits the form
    await page.waitForSelector('[data-certificate-number="KEY-7"]');
    // Focus returns to the new certificate's heading; its buttons follow in tab order.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('出版专业技术人员职业资格');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''));
    }
    expect(names).toEqual(['添加加注记录 证书 KEY-7', '编辑证书 KEY-7', '删除 证书 KEY-7']);
    await page.close();
  });

  test('100 certificates with 1,000 annotations: the first frame with content already holds all of them', async () => {
    const page = await openPopup();
    await clearDb(page);
    const { certificates, annotations } = seedRecords();
    const many = {
      certificates: Array.from({ length: 100 }, (_, i) => ({ ...certificates[i % 5]!, number: `BULK-${i}` })),
      annotations: Array.from({ length: 1000 }, (_, i) => ({ ...annotations[i % 4]!, id: `bulk-${i}`, certificateNumber: `BULK-${i % 100}` })),
    };
    await seed(page, many);
    // Count the certificates on every frame from the start of the next load.
    await page.addInitScript(() => {
      const frames: number[] = [];
      (window as unknown as { __frames: number[] }).__frames = frames;
      const tick = () => {
        frames.push(document.querySelectorAll('[data-testid=certificate]').length + (document.getElementById('app')?.childElementCount ? 0 : -1));
        if (frames.length < 600) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.reload();
    await page.waitForSelector('[data-certificate-number="BULK-99"]');
    const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
    // -1: nothing rendered yet (no spinner either); then straight to 100.
    const withContent = frames.filter((n) => n !== -1);
    expect(withContent.length).toBeGreaterThan(0);
    expect(withContent[0]).toBe(100);
    expect(new Set(withContent)).toEqual(new Set([100]));
    await page.close();
  });

  test('screenshots and axe, in Chinese and in English', async () => {
    for (const [lang, file] of [['zh_CN', 'popup.zh.png'], ['en', 'popup.en.png']] as const) {
      const page = await openPopup();
      await clearDb(page);
      await seed(page, { ...seedRecords(), settings: { language: lang } });
      await page.reload();
      await page.waitForSelector('[data-testid=certificate]');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-CN');
      // The README's screenshot shows ordinary records, never test markup.
      expect(await page.locator('main.popup').textContent()).not.toMatch(/[<>]/);
      // A withdrawn certificate says only that, and whom to call.
      const withdrawn = page.locator('[data-certificate-number="TJ-2022-00561"]');
      expect(await withdrawn.locator('.pill').count()).toBe(0);
      expect(await withdrawn.locator('[data-testid=help-call]').textContent()).toContain('010-87901800');
      await page.screenshot({ path: join(SHOTS, file), fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.close();
    }
    expect(errors).toEqual([]);
  });
});
