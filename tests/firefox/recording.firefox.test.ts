// Consent and a recorded application in Firefox, end to end: nothing is kept before the
// holder says yes in the panel; after it, the list's certificates, then an application
// made by following the highlighted controls, reach the extension's IndexedDB, and the
// reminder for when it should be ready is planned as an alarm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readyBy } from '../../lib/model/annotation';
import { PAGES, startFixtureServer, type FixtureServer } from '../e2e/guide-server';
import { alarms, stored } from './extension-state';
import { inExtension, launchFirefox, openExtensionPage, panelClick, panelText, panelVisible, waitForStep, type LaunchedFirefox } from './firefox';

let server: FixtureServer;
let firefox: LaunchedFirefox;
let page: Page;
let popup: Page;
const url = (file: string) => PAGES.find((p) => p.file === file)!.url;

async function open(file: string, step: string) {
  await page.goto(url(file));
  await waitForStep(page, step);
}

beforeAll(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefox({ ports: server.ports, lang: 'zh-CN' });
  popup = await openExtensionPage(firefox, 'popup.html');
  page = await firefox.browser.newPage();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('with consent', () => {
  test('the browser is Chinese, and so is the extension', async () => {
    expect(await inExtension(firefox, popup, () => (globalThis as any).browser.i18n.getUILanguage())).toBe('zh-CN');
    expect(await inExtension(firefox, popup, () => document.body.innerText)).toContain('我的电子证书');
  });

  test('before the holder answers, pages are shown but nothing is kept', async () => {
    await open('annotation/valid-iso-table.html', 'annotation');
    await open('cert-list/list-table.html', 'cert-list');
    await expect.poll(() => panelVisible(firefox, page, '[data-testid="consent-accept"]')).toBe(true);
    expect(await panelText(firefox, page)).toContain('只保存在这台电脑的浏览器里，不会发送到任何地方');
    await new Promise((r) => setTimeout(r, 300));
    const s = await stored(firefox, popup);
    expect(s.certificates).toEqual([]);
    expect(s.annotations).toEqual([]);
  });

  test('"记住" (a real click in the closed panel) keeps the list\'s three certificates, and the panel says so', async () => {
    await panelClick(firefox, page, '[data-testid="consent-accept"]');
    await expect.poll(async () => (await stored(firefox, popup)).certificates.length).toBe(3);
    await expect.poll(() => panelText(firefox, page)).toContain('已记住 3 张证书');
    const s = await stored(firefox, popup);
    expect(s.settings?.rememberPages).toBe(true);
    const byNumber = Object.fromEntries(s.certificates.map((c) => [c.number, c]));
    expect(byNumber['1911010000201543']).toMatchObject({ status: 'withdrawn', qualification: '一级建造师执业资格', source: 'portal' });
    expect(byNumber['1944030000105266']).toMatchObject({ status: 'valid', approvalDate: '2019-05-20' });
  });

  test('[下载] → [申请证书加注] → 60 days → [提交加注申请]: one generating annotation, and its "ready" reminder planned 24 hours on', async () => {
    await page.click('[data-cpta-assistant-target]');
    await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-annotation-state') === 'none');
    await page.click('[data-cpta-assistant-target]');
    await waitForStep(page, 'annotation-apply');
    await expect.poll(() => panelText(firefox, page)).toContain('已申请加注0次');
    await page.select('select[name="jzyxq"]', '60');
    const before = Date.now();
    await page.click('[data-cpta-assistant-target]');
    await expect.poll(async () => (await stored(firefox, popup)).annotations.length).toBe(1);
    const [a] = (await stored(firefox, popup)).annotations;
    expect(a).toMatchObject({ certificateNumber: '2205110000300127', state: 'generating', validityDays: 60, appliedAtEstimated: false });
    expect(a!.appliedAt).toBeGreaterThanOrEqual(before - 1000);
    await expect.poll(() => panelText(firefox, page)).toContain('已记住这次加注申请（有效期 60 天）');
    // The next alarm is the moment it should be ready; the periodic scan stands behind it.
    // A tab's burst of readings is planned at most once a minute (lib/background/router.ts):
    // the plan comes when Firefox fires that held-back alarm.
    await expect
      .poll(async () => (await alarms(firefox, popup)).find((x) => x.name === 'reminders:next')?.scheduledTime, { timeout: 100_000, interval: 1000 })
      .toBe(readyBy(a!));
    expect((await alarms(firefox, popup)).find((x) => x.name === 'reminders:scan')?.periodInMinutes).toBe(30);
  }, 150_000);

  test('the popup lists the certificate with its application', async () => {
    await openExtensionPage(firefox, 'popup.html', popup);
    await expect.poll(() => inExtension(firefox, popup, () => document.body.innerText)).toContain('2205110000300127');
  });
});
