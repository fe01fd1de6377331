// Where the flow ends for the holder, the panel says whom to call: a list where every
// certificate is withdrawn, an empty list, and an application still "生成中" past its 24
// hours (where it says to look now, not a time in the past). In Chinese and in English,
// with screenshots in test-output/screenshots.
import { inPanel, panelClick, panelCount } from '../../standin/panel.mjs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension } from './chromium';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { seed } from './popup-seed';
import { addDays, beijingDateAt } from '../../lib/dates/beijing';
import type { Annotation } from '../../lib/model/annotation';
import type { Certificate } from '../../lib/model/certificate';

const OUT = resolve(import.meta.dirname, '../..', process.env.GUIDE_SCREENSHOTS ?? 'test-output/screenshots');
const HOUR = 3_600_000;
let server: FixtureServer;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startFixtureServer();
});
afterAll(() => server?.close());

const url = (file: string) => PAGES.find((p) => p.file === file)!.url;
// The panel is in a closed shadow root: read through the DevTools protocol (standin/panel.mjs).
const panelText = (page: Page) => inPanel(page, (root) => root.querySelector('.panel')?.textContent ?? '', null, '');

async function open(page: Page, file: string, step: string) {
  await page.goto(url(file));
  await page.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, step);
}

/** The panel inside the window, nothing cut off, then a screenshot. */
async function shoot(page: Page, name: string) {
  await page.waitForTimeout(400);
  const fits = await page.evaluate(() => {
    const box = document.querySelector('cpta-assistant')!.getBoundingClientRect();
    return box.x >= 0 && box.y >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
  });
  expect(fits, name).toBe(true);
  await page.screenshot({ path: join(OUT, name) });
}

const WORDS = {
  zh: {
    help: ['010-87901800', '010-84237767', '管理号'],
    withdrawn: '列表里没有状态为“有效”的证书',
    empty: '证书列表是空的',
    lookNow: '现在应该已经生成好了：请刷新本页（重新打开加注页面）查看',
    overdue: '预计完成时间',
    promise: '助手会在这台电脑上提醒您',
  },
  en: {
    help: ['010-87901800', '010-84237767', 'management number (管理号)'],
    withdrawn: 'No certificate in the list has the status 有效',
    empty: 'The certificate list is empty',
    lookNow: 'so it should be ready now: reload this page (open the annotation page again) to look',
    overdue: 'The expected time',
    promise: 'the assistant will remind you on this computer',
  },
} as const;

for (const [lang, suffix] of [['zh-CN', 'zh'], ['en', 'en']] as const) {
  const words = WORDS[suffix];
  describe(`dead ends in ${lang}`, () => {
    test(`an all-withdrawn list and an empty list show the help lines (${suffix})`, async () => {
      const browser = await launchWithExtension({ ports: server.ports, lang });
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width: 1100, height: 900 });
        for (const [file, name, word] of [
          ['cert-list/list-all-withdrawn.html', 'panel-cert-list-withdrawn', words.withdrawn],
          ['cert-list/list-empty.html', 'panel-cert-list-empty', words.empty],
        ] as const) {
          await open(page, file, 'cert-list');
          await expect.poll(() => panelText(page)).toContain(word);
          // The question about keeping records is answered once, so the screenshot shows the lines.
          if (await panelCount(page, '[data-testid="consent-accept"]')) await panelClick(page, '[data-testid="consent-accept"]');
          const text = await panelText(page);
          for (const h of words.help) expect(text, file).toContain(h);
          // Nothing to click: nothing outlined.
          expect(await page.locator('[data-cpta-assistant-target]').count()).toBe(0);
          await shoot(page, `${name}.${suffix}.png`);
        }
      } finally {
        await browser.close();
      }
    });

    test(`an application generating for more than 24 hours: look now, and the help lines (${suffix})`, async () => {
      const browser = await launchWithExtension({ ports: server.ports, lang });
      try {
        const now = Date.now();
        const appliedAt = now - 30 * HOUR;
        const number = '2205110000300127'; // the certificate annotation/generating-table-button.html shows
        const certificate: Certificate = {
          number,
          qualification: '社会工作者职业资格',
          level: '中级',
          approvalDate: '2022-11-30',
          status: 'valid',
          source: 'portal',
          createdAt: appliedAt - 40 * 24 * HOUR,
          updatedAt: appliedAt - 40 * 24 * HOUR,
        };
        const annotation: Annotation = {
          id: 'late-1',
          certificateNumber: number,
          appliedAt,
          appliedAtEstimated: false,
          validityDays: 90,
          scenario: '本人调用',
          state: 'generating',
          validFrom: { date: beijingDateAt(appliedAt), source: 'estimated' },
          validUntil: { date: addDays(beijingDateAt(appliedAt), 89), source: 'estimated' },
          source: 'portal',
          updatedAt: appliedAt,
        };
        const ext = await browser.context.newPage();
        await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
        await ext.waitForSelector('main.popup');
        await seed(ext, { certificates: [certificate], annotations: [annotation], settings: { rememberPages: true, remindersEnabled: true } });
        await ext.close();

        const page = await browser.context.newPage();
        await page.setViewportSize({ width: 1100, height: 900 });
        await open(page, 'annotation/generating-table-button.html', 'annotation');
        await expect.poll(() => panelText(page)).toContain(words.lookNow);
        const text = await panelText(page);
        expect(text).toContain(words.overdue);
        for (const h of words.help) expect(text).toContain(h);
        // Past the expected time nothing is promised for it.
        expect(text).not.toContain(words.promise);
        await shoot(page, `panel-annotation-overdue.${suffix}.png`);
      } finally {
        await browser.close();
      }
    });
  });
}
