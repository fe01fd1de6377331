// The panel as a holder sees it, on the certificate list and the annotation page, in
// Chinese and in English: inside the window, clear of the highlighted control, nothing
// cut off. Screenshots go to test-output/screenshots (GUIDE_SCREENSHOTS=docs/screenshots
// refreshes the README's).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension } from './chromium';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { inPanel, panelClick } from '../../standin/panel.mjs';

const OUT = resolve(import.meta.dirname, '../..', process.env.GUIDE_SCREENSHOTS ?? 'test-output/screenshots');
let server: FixtureServer;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startFixtureServer();
});
afterAll(() => server?.close());

const url = (file: string) => PAGES.find((p) => p.file === file)!.url;

/** Layout facts of the panel: its box, the target's, and any text cut off inside it (the root is closed: standin/panel.mjs). */
async function layout(page: Page) {
  const outside = await page.evaluate(() => {
    const box = document.querySelector('cpta-assistant')!.getBoundingClientRect();
    const target = document.querySelector('[data-cpta-assistant-target]')?.getBoundingClientRect() ?? null;
    return { box: { x: box.x, y: box.y, w: box.width, h: box.height }, target: target && { x: target.x, y: target.y, w: target.width, h: target.height }, vw: innerWidth, vh: innerHeight };
  });
  const inside = await inPanel(
    page,
    (root) => {
      const clipped = Array.from(root.querySelectorAll<HTMLElement>('.panel *'))
        .filter((el) => !el.classList.contains('sr-only') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .map((el) => el.className || el.tagName);
      const panel = root.querySelector<HTMLElement>('.panel');
      return { clipped, overflowX: panel ? panel.scrollWidth - panel.clientWidth : 0 };
    },
    null,
    { clipped: ['no panel'], overflowX: 0 },
  );
  return { ...outside, ...inside };
}

for (const [lang, suffix, words] of [
  ['zh-CN', 'zh', { list: '证书列表', annotation: '证书加注和下载' }],
  ['en', 'en', { list: 'Certificate list', annotation: 'Annotate' }],
] as const) {
  describe(`screenshots in ${lang}`, () => {
    test(`certificate list and annotation page (${suffix})`, async () => {
      const browser = await launchWithExtension({ ports: server.ports, lang });
      try {
        const page = await browser.context.newPage();
        for (const [file, step, name, word] of [
          ['cert-list/list-table.html', 'cert-list', 'panel-cert-list', words.list],
          ['annotation/valid-iso-table.html', 'annotation', 'panel-annotation', words.annotation],
        ] as const) {
          await page.goto(url(file));
          await page.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, step);
          await page.waitForSelector('[data-cpta-assistant-target]', { state: 'attached' });
          await expect.poll(() => inPanel(page, (root) => root.querySelector('.panel')?.textContent ?? '', null, '')).toContain(word);
          // The outline and the panel are placed in the next frames (the outline no longer pulses).
          await page.waitForTimeout(500);
          const l = await layout(page);
          expect(l.box.x).toBeGreaterThanOrEqual(0);
          expect(l.box.y).toBeGreaterThanOrEqual(0);
          expect(l.box.x + l.box.w).toBeLessThanOrEqual(l.vw);
          expect(l.box.y + l.box.h).toBeLessThanOrEqual(l.vh);
          expect(l.target).not.toBeNull();
          const t = l.target!;
          const overlaps = t.x < l.box.x + l.box.w && l.box.x < t.x + t.w && t.y < l.box.y + l.box.h && l.box.y < t.y + t.h;
          expect(overlaps).toBe(false);
          expect(l.overflowX).toBeLessThanOrEqual(0);
          expect(l.clipped).toEqual([]);
          await page.screenshot({ path: join(OUT, `${name}.${suffix}.png`) });
          if (step === 'cert-list') await panelClick(page, '[data-testid="consent-accept"]');
        }
      } finally {
        await browser.close();
      }
    });
  });
}
