// The page report in real Chromium: on a page the guide does not recognise inside the
// flow, the panel offers it; the holder's own click shows the whole report, and saving
// it gives a file that holds the page's structure and none of the planted personal data.
// A frame of another origin is listed as not read: nothing a frame says through the page's
// window messages is trusted. A script's click() opens nothing. The panel is in a closed
// shadow root: the test reaches it through the DevTools protocol (standin/panel.mjs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DIST, launchWithExtension, type Launched } from './chromium';
import { startFixtureServer, type FixtureServer } from './guide-server';
import { PLANTED, survivors } from '../unit/report/helpers';
import { inPanel, panelClick, panelCount } from '../../standin/panel.mjs';

/** The text of the first element matching `selector` in the panel (a textarea's value). */
const panelValue = (p: Page, selector: string) =>
  inPanel(p, (root, sel) => {
    const el = root.querySelector(sel) as HTMLTextAreaElement | null;
    return el ? (el.tagName === 'TEXTAREA' ? el.value : el.textContent ?? '') : null;
  }, selector, null);

let server: FixtureServer;
let browser: Launched;
const extensionErrors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN', dist: DIST });
  browser.worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`worker: ${m.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const waitForStep = (p: Page, step: string) =>
  p.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, step, { timeout: 10_000 });

/** Personal data everywhere a page holds it: text, a label's value, fields, attributes, a link. */
const plantScript = (planted: typeof PLANTED) => {
  const box = document.createElement('div');
  box.innerHTML =
    `<table><tr><th>姓名</th><td>${planted.names[0]}</td><th>证件号码</th><td>${planted.idNumbers[0]}</td></tr>` +
    `<tr><th>管理号</th><td>${planted.certificates[0]}</td><th>手机</th><td>${planted.phones[0]}</td></tr>` +
    `<tr><th>地址</th><td title="${planted.addresses[0]}">${planted.addresses[0]}</td><th>邮箱</th><td>${planted.emails[0]}</td></tr></table>` +
    `<p>证件号码：<input name="idCard" value="${planted.idNumbers[1]}"> 密码：<input type="password" value="${planted.phones[1]}"></p>` +
    `<a href="/certMng/user.do?name=${encodeURIComponent(planted.names[1]!)}&cert=${planted.certificates[1]}">${planted.names[1]}</a>`;
  document.body.appendChild(box);
};

describe('the page report', () => {
  test('on an unknown page inside the flow: offered, shown in full after a trusted click, saved without personal data', async () => {
    const page = await browser.context.newPage();
    // A step of the flow first: the tab is inside it.
    await page.goto('http://zs.cpta.com.cn/certMng/certAnnotation.do?method=view&id=2205110000300127&v=valid-iso-table');
    await waitForStep(page, 'annotation');
    await expect.poll(() => panelCount(page, '[data-testid="page-report"]')).toBe(1);

    // Then a page the guide does not know, with a frame of another origin of the portal.
    await page.goto('http://www.cpta.com.cn/score.html');
    await waitForStep(page, 'unknown');
    await page.evaluate(plantScript, PLANTED);
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.src = 'http://zs.cpta.com.cn/unknown/notice-list.html';
      document.body.appendChild(frame);
    });
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('http://zs.cpta.com.cn/unknown/notice-list.html'))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith('http://zs.cpta.com.cn/unknown/notice-list.html'))!;
    await frame.waitForLoadState();
    await frame.evaluate(plantScript, { ...PLANTED, names: [PLANTED.names[2]!, PLANTED.names[3]!], idNumbers: [PLANTED.idNumbers[2]!, PLANTED.idNumbers[2]!] });

    // The quiet launcher opens the panel, which offers the report and says why.
    await panelClick(page, '.launcher');
    await expect.poll(() => panelCount(page, '[data-testid="page-report"]')).toBe(1);
    expect(await panelValue(page, '.report-offer h3')).toBe('助手认不出这一页');

    // The page cannot reach the panel; even a script inside it (run through the DevTools protocol) clicks untrusted.
    expect(await page.evaluate(() => document.querySelector('cpta-assistant')?.shadowRoot ?? null)).toBeNull();
    await inPanel(page, (root) => ((root.querySelector('[data-testid="page-report"]') as HTMLElement | null)?.click(), true), null, false);
    await page.waitForTimeout(1500);
    expect(await panelCount(page, '.report-dialog')).toBe(0);

    // The holder's click: the whole report, shown before anything else happens.
    await panelClick(page, '[data-testid="page-report"]');
    await expect.poll(() => panelCount(page, '[data-testid="page-report-text"]'), { timeout: 20_000 }).toBe(1);
    const shown = (await panelValue(page, '[data-testid="page-report-text"]'))!;
    if (process.env.SHOW_REPORT) console.log(shown);
    const report = JSON.parse(shown);
    expect(report.format).toBe('cpta-assistant/page-report@1');
    expect(report.header).toMatchObject({ step: 'unknown', lastFlowStep: 'annotation', browser: expect.stringMatching(/^Chrom(e|ium) \d+$/), extension: expect.any(String) });
    expect(report.page.url).toBe('http://www.cpta.com.cn/score.html');
    // The frame of another origin is listed, not read, and the header says so.
    const iframe = report.page.frames.find((f: { src: string }) => f.src.startsWith('http://zs.cpta.com.cn/unknown/notice-list.html'));
    expect(iframe).toBeDefined();
    expect(iframe.page).toBeUndefined();
    expect(report.header.unreadable.some((u: string) => u.startsWith('frame '))).toBe(true);
    expect(shown).toContain('证件号码');
    expect(shown).toContain('管理号');
    expect(survivors(shown)).toEqual([]);
    expect(await inPanel(page, (root) => root.querySelector('.report-dialog [role="dialog"]')?.getAttribute('aria-modal') ?? null, null, null)).toBe('true');

    // Copying: the holder's click copies it (or says how to, when the browser refuses).
    await panelClick(page, '[data-testid="page-report-copy"]');
    await expect.poll(() => panelValue(page, '.report-dialog [role="status"]')).toBe('已复制到剪贴板。');

    // Saving gives a file with exactly what was shown.
    const download = page.waitForEvent('download');
    await panelClick(page, '[data-testid="page-report-save"]');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^cpta-page-report-unknown-\d{8}-\d{4}\.json$/);
    const saved = readFileSync((await file.path())!, 'utf8');
    expect(saved).toBe(shown);
    expect(survivors(saved)).toEqual([]);
    await expect.poll(() => panelValue(page, '.report-dialog [role="status"]')).toContain('已保存为文件');

    // Closing gives focus back to the offer.
    await panelClick(page, '[data-testid="page-report-close"]');
    expect(await panelCount(page, '.report-dialog')).toBe(0);
    await page.close();
  });

  test('an unknown page reached outside the flow offers no report', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://www.cpta.com.cn/notice.html');
    await waitForStep(page, 'unknown');
    await panelClick(page, '.launcher');
    await expect.poll(() => panelCount(page, '.panel')).toBe(1);
    await page.waitForTimeout(500);
    expect(await panelCount(page, '[data-testid="page-report"]')).toBe(0);
    await page.close();
  });

  test('no extension errors', () => {
    expect(extensionErrors).toEqual([]);
  });
});
