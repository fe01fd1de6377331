// The settings page in real Chromium: settings saved and re-read, a broken backup file
// changes nothing and says why, delete-all behind a confirmation, axe in both languages.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launchWithExtension, type Launched } from './chromium';
import { startStaticServer, type StaticServer } from './static-server';
import { dump, seed, seedRecords } from './popup-seed';

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

async function openOptions(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForSelector('main.options');
  return page;
}

async function reset(page: Page, settings: Record<string, unknown> = {}) {
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('cpta-assistant'); r.onsuccess = () => ok(r.result); });
    const tx = db.transaction(Array.from(db.objectStoreNames), 'readwrite');
    for (const n of Array.from(db.objectStoreNames)) tx.objectStore(n).clear();
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  });
  await seed(page, { ...seedRecords(), settings });
  await page.reload();
  await page.waitForSelector('main.options');
}

describe('options page', () => {
  test('settings are saved as they change and read back on reopening', async () => {
    let page = await openOptions();
    await reset(page);
    await page.fill('#reminder-ladder', '30，7 1');
    await page.press('#reminder-ladder', 'Tab');
    await page.waitForSelector('[role=status]:has-text("已保存")');
    await page.selectOption('#reminder-hour', '20');
    await page.uncheck('#quota-reminder');
    await page.check('#remember-pages');
    // A tick is saved as it happens, but asynchronously: let the write land before the test
    // closes the tab, as any holder's pause would (closing within a few ms could lose it).
    await expect.poll(async () => ((await dump(page)).settings![0] as Record<string, unknown>).rememberPages, { timeout: 5000 }).toBe(true);
    await page.fill('#reminder-ladder', '7, 120');
    expect(await page.locator('#reminder-ladder-error').textContent()).toBe('“120”超出范围：每个天数是 1 到 89。');
    await page.close();
    page = await openOptions();
    expect(await page.inputValue('#reminder-ladder')).toBe('30, 7, 1');
    expect(await page.inputValue('#reminder-hour')).toBe('20');
    expect(await page.isChecked('#quota-reminder')).toBe(false);
    expect(await page.isChecked('#remember-pages')).toBe(true);
    const stored = (await dump(page)).settings![0] as Record<string, unknown>;
    expect(stored).toMatchObject({ expiryLadderDays: [30, 7, 1], reminderHour: 20, quotaReminder: false, rememberPages: true });
    // The language switches at once, from the keyboard too.
    await page.focus('#language-en');
    await page.keyboard.press('Space');
    await page.waitForSelector('h1:has-text("Settings")');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });

  test('importing a broken file leaves everything as it was and says why; a good one merges', async () => {
    const page = await openOptions();
    await reset(page);
    const before = await dump(page);
    const broken = {
      format: 'cpta-assistant-backup',
      version: 1,
      exportedAt: Date.now(),
      certificates: [{ number: 'NEW-1', qualification: '审计', status: 'valid', source: 'manual', createdAt: 1, updatedAt: 1 }],
      annotations: [{ ...(before.annotations![0] as object), id: 'bad', validUntil: { date: '2026-02-30', source: 'portal' } }],
      settings: {},
      reminderLog: [],
    };
    await page.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    const alert = page.locator('[data-testid=import-outcome] [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('没有导入任何内容，现有记录保持不变。');
    expect(await alert.textContent()).toContain('2026-02-30');
    expect(await dump(page)).toEqual(before);
    await page.setInputFiles('#import-file', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "cpta-assistant-backup", "version": 1, "certific') });
    await page.waitForSelector('[data-testid=import-outcome] [role=alert]');
    expect(await dump(page)).toEqual(before);

    // Export, then import that file: nothing new, nothing lost.
    const download = page.waitForEvent('download');
    await page.click('button:has-text("导出为 JSON 文件")');
    const file = join(mkdtempSync(join(tmpdir(), 'cpta-backup-')), 'backup.json');
    await (await download).saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.certificates).toHaveLength(6);
    const good = { ...exported, certificates: [...exported.certificates, broken.certificates[0]] };
    writeFileSync(file, JSON.stringify(good));
    await page.setInputFiles('#import-file', file);
    await page.waitForSelector('[data-testid=import-outcome] .ok-line');
    const after = await dump(page);
    expect((after.certificates as { number: string }[]).map((c) => c.number).sort()).toEqual(
      [...(before.certificates as { number: string }[]).map((c) => c.number), 'NEW-1'].sort(),
    );
    expect(after.annotations).toEqual(before.annotations);
    await page.close();
  });

  test('delete all data asks first, and cancelling keeps everything', async () => {
    const page = await openOptions();
    await reset(page);
    const before = await dump(page);
    await page.click('button:has-text("删除全部数据…")');
    expect(await page.locator('.confirm').textContent()).toContain('6 张证书和 5 条加注记录');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('取消');
    await page.keyboard.press('Enter');
    expect(await dump(page)).toEqual(before);
    await page.click('button:has-text("删除全部数据…")');
    await page.click('button:has-text("确认删除全部数据")');
    await page.waitForSelector('[role=status]:has-text("全部数据已删除")');
    expect(await dump(page)).toMatchObject({ certificates: [], annotations: [], settings: [] });
    await page.close();
  });

  test('screenshots and axe, in Chinese and in English', async () => {
    for (const [lang, file] of [['zh_CN', 'options.zh.png'], ['en', 'options.en.png']] as const) {
      const page = await openOptions();
      await reset(page, { language: lang });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-CN');
      await page.screenshot({ path: join(SHOTS, file), fullPage: true });
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.close();
    }
    expect(errors).toEqual([]);
  });
});
