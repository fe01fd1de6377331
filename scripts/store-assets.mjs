#!/usr/bin/env node
// `npm run store-assets`: the images the store listings need, in docs/store/, from the
// current build in Debian's Chromium (tests/e2e/find-chromium.mjs), in Chinese and English:
//
//   screenshot-1-panel-list.<lang>.png        1280×800  the panel on the certificate list (the stand-in portal)
//   screenshot-2-panel-annotation.<lang>.png  1280×800  the panel on the annotation page
//   screenshot-3-popup.<lang>.png             1280×800  the toolbar popup, composed on a canvas
//   screenshot-4-settings.<lang>.png          1280×800  Settings, composed on a canvas
//   promo-tile.<lang>.png                     440×280   the small promo tile
//
// The portal pages are the stand-in's (`npm start`), reached by the walk a holder takes
// (standin/journey.mjs); the popup shows ordinary records, dated from today, as the
// popup's end-to-end test does (tests/e2e/popup-seed.ts). Captions and the tile's words
// are the listing's own (docs/store/listing.*.md), not the extension's UI.
//
//   npm run store-assets -- --no-build    use the last build in .output/chrome-mv3
//   npm run store-assets -- --out=DIR     write somewhere else (default docs/store)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../standin/browser.mjs';
import { journeySteps } from '../standin/journey.mjs';
import { addDays, beijingDateAt, startOfBeijingDay } from '../standin/model.mjs';
import { startStandin } from '../standin/server.mjs';
import { Walk } from '../standin/walk.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, out: { type: 'string', default: 'docs/store' } },
});
const OUT = resolve(ROOT, args.out);
// The times shown are those of a holder in China (reminders ring at the computer's hour).
process.env.TZ = 'Asia/Shanghai';
const DIST = join(ROOT, '.output/chrome-mv3');
const WIDTH = 1280;
const HEIGHT = 800;

/** The words on the images, per language: the listing's (docs/store/listing.*.md). */
const WORDS = {
  zh_CN: {
    lang: 'zh-CN',
    popup: ['每张证书的加注，一目了然', '还剩几天、90天内已申请几次、下次什么时候提醒。'],
    settings: ['提醒由您决定', '到期前几天、几点提醒；备份、导出日历、全部删除。数据只在本机。'],
    tile: ['中国人事考试网上一步步引导加注和下载', '到期前提醒 · 数据只在本机'],
    unofficial: '非官方工具',
  },
  en: {
    lang: 'en',
    popup: ['Every certificate’s annotation at a glance', 'Days left, applications in the last 90 days, and the next reminder.'],
    settings: ['Reminders on your terms', 'Which days and what time; backup, calendar export, delete everything. Nothing leaves your computer.'],
    tile: ['Step-by-step help on the CPTA website', 'Reminders before an annotation lapses · stays on your device'],
    unofficial: 'Unofficial',
  },
};

function extName(locale) {
  return JSON.parse(readFileSync(join(ROOT, `lib/i18n/${locale}/manifest.json`), 'utf8')).extName;
}

/** Ordinary records relative to today, like tests/e2e/popup-seed.ts. */
function seedRecords(now) {
  const HOUR = 3_600_000;
  const today = beijingDateAt(now);
  const cert = (number, qualification, level, extra = {}) => ({
    number, qualification, ...(level ? { level } : {}), approvalDate: '2023-06-01', status: 'valid', source: 'portal',
    createdAt: now - 40 * 24 * HOUR, updatedAt: now - 40 * 24 * HOUR, ...extra,
  });
  const ann = (id, number, appliedDaysAgo, extra = {}) => {
    const day = addDays(today, -appliedDaysAgo);
    const appliedAt = startOfBeijingDay(day) + 10 * HOUR;
    return {
      id, certificateNumber: number, appliedAt, appliedAtEstimated: false, validityDays: 90, scenario: '本人调用', state: 'valid',
      validFrom: { date: day, source: 'portal' }, validUntil: { date: addDays(day, 89), source: 'portal' },
      source: 'portal', updatedAt: appliedAt + 24 * HOUR, ...extra,
    };
  };
  const generatingAt = now - 2 * HOUR;
  return {
    certificates: [
      cert('SW-2023-00118', '社会工作者', '中级'),
      cert('JZ-2024-00277', '一级建造师', undefined),
      cert('JJ-2022-00342', '经济专业技术资格', '中级'),
      cert('YH-2019-00455', '银行业专业人员', '初级', { approvalDate: '2019-11-02' }),
    ],
    annotations: [
      ann('store-valid', 'SW-2023-00118', 20),
      ann('store-gen', 'JZ-2024-00277', 0, {
        appliedAt: generatingAt, state: 'generating',
        validFrom: { date: beijingDateAt(generatingAt), source: 'estimated' },
        validUntil: { date: addDays(beijingDateAt(generatingAt), 89), source: 'estimated' }, updatedAt: generatingAt,
      }),
      ann('store-soon', 'JJ-2022-00342', 85),
    ],
  };
}

/** Replaces what the extension stores with `records`, from one of its pages. */
async function seed(page, records) {
  await page.evaluate(async (d) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['certificates', 'annotations'], 'readwrite');
    tx.objectStore('certificates').clear();
    tx.objectStore('annotations').clear();
    for (const c of d.certificates) tx.objectStore('certificates').put(c);
    for (const a of d.annotations) tx.objectStore('annotations').put(a);
    await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); });
    db.close();
  }, records);
}

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A 1280×800 canvas: the words on the left, the screen's image on the right. */
/** Latin text in a Latin face; Chinese in a CJK one (a CJK face first would set ’ full-width). */
const fontsFor = (lang) => (lang === 'en' ? '"DejaVu Sans","Noto Sans",sans-serif' : '"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif');

function canvasHtml({ lang, title, line, name, unofficial, image, imageWidth }) {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
  html,body{margin:0;width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden}
  body{font-family:${fontsFor(lang)};background:linear-gradient(135deg,#e8f0fa 0%,#f7f9fc 60%);color:#1f2328;display:flex;align-items:center;gap:56px;padding:0 72px;box-sizing:border-box}
  .words{flex:1;min-width:0}
  .brand{display:flex;align-items:center;gap:12px;font-size:20px;color:#0b5cad;font-weight:600;margin-bottom:36px}
  .brand img{width:40px;height:40px}
  h1{font-size:40px;line-height:1.3;margin:0 0 20px}
  p{font-size:22px;line-height:1.6;margin:0;color:#4b5563}
  .note{margin-top:36px;font-size:16px;color:#6b7280}
  .shot{flex:none;width:${imageWidth}px;max-height:${HEIGHT - 64}px;overflow:hidden;border-radius:10px;box-shadow:0 12px 40px rgba(15,40,80,.25);background:#fff}
  .shot img{display:block;width:100%}
  </style><body><div class="words"><div class="brand"><img src="${ICON}" alt="">${escape(name)}</div>
  <h1>${escape(title)}</h1><p>${escape(line)}</p><p class="note">${escape(unofficial)}</p></div>
  <div class="shot"><img src="${image}" alt=""></div></body></html>`;
}

function tileHtml({ lang, name, tile, unofficial }) {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
  html,body{margin:0;width:440px;height:280px;overflow:hidden}
  body{font-family:${fontsFor(lang)};background:linear-gradient(135deg,#0b5cad 0%,#0a4a8a 100%);color:#fff;box-sizing:border-box;padding:32px 30px;display:flex;flex-direction:column;justify-content:space-between}
  .top{display:flex;align-items:center;gap:14px}
  .top img{width:64px;height:64px;background:#fff;border-radius:14px;padding:6px;box-sizing:border-box}
  h1{font-size:${lang === 'en' ? 26 : 30}px;line-height:1.2;margin:0}
  p{margin:0;font-size:20px;line-height:1.5}
  .small{font-size:15px;opacity:.85;margin-top:6px}
  </style><body><div class="top"><img src="${ICON}" alt=""><h1>${escape(name)}</h1></div>
  <div><p>${escape(tile[0])}</p><p class="small">${escape(tile[1])} · ${escape(unofficial)}</p></div></body></html>`;
}

const ICON = `data:image/png;base64,${readFileSync(join(ROOT, 'public/icon/128.png')).toString('base64')}`;
const dataUrl = (png) => `data:image/png;base64,${png.toString('base64')}`;

async function render(context, html, width, height, path) {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width, height });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path });
  } finally {
    await page.close();
  }
  console.log(`  ${path}`);
}

async function shotsIn(locale) {
  const words = WORDS[locale];
  const suffix = locale === 'en' ? 'en' : 'zh';
  const name = extName(locale);
  // A stand-in of its own: the terms page shows only on an account's first login.
  const portal = await startStandin();
  const browser = await launchChromium({ dist: DIST, ports: portal.ports, headless: true, lang: words.lang, viewport: { width: WIDTH, height: HEIGHT } });
  try {
    const walk = new Walk({ ...browser, standin: portal, origin: 'http://www.cpta.com.cn', timeoutMs: 15_000 });
    await walk.speak(locale);
    for (const step of journeySteps()) {
      await step.run(walk);
      if (step.guide) await walk.guide(step.guide);
      const file = { list: 'screenshot-1-panel-list', 'annotation-none': 'screenshot-2-panel-annotation' }[step.id];
      if (file) {
        // The outline and the panel are placed in the next frames.
        await walk.page.waitForTimeout(800);
        const path = join(OUT, `${file}.${suffix}.png`);
        await walk.page.screenshot({ path });
        console.log(`  ${path}`);
      }
      if (step.id === 'annotation-none') break;
    }

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 640 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await seed(popup, seedRecords(Date.now()));
    await popup.reload();
    await popup.locator('[data-testid="certificate"]').first().waitFor();
    // Sized to its content, as Chrome sizes a popup; the canvas shows its top.
    const size = await popup.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    if (size.width > 400) console.log(`  (the popup is ${size.width} px wide in ${locale}: its content overflows the body's 400 px)`);
    await popup.setViewportSize({ width: size.width, height: 600 });
    await popup.waitForTimeout(300);
    const popupPng = await popup.screenshot({ fullPage: true });
    await popup.close();
    await render(browser.context, canvasHtml({ lang: words.lang, title: words.popup[0], line: words.popup[1], name, unofficial: words.unofficial, image: dataUrl(popupPng), imageWidth: size.width }),
      WIDTH, HEIGHT, join(OUT, `screenshot-3-popup.${suffix}.png`));

    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 760, height: 900 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForLoadState('load');
    await options.waitForTimeout(300);
    // The whole page; the canvas shows its top.
    const optionsPng = await options.screenshot({ fullPage: true });
    await options.close();
    await render(browser.context, canvasHtml({ lang: words.lang, title: words.settings[0], line: words.settings[1], name, unofficial: words.unofficial, image: dataUrl(optionsPng), imageWidth: 640 }),
      WIDTH, HEIGHT, join(OUT, `screenshot-4-settings.${suffix}.png`));

    await render(browser.context, tileHtml({ lang: words.lang, name, tile: words.tile, unofficial: words.unofficial }), 440, 280, join(OUT, `promo-tile.${suffix}.png`));
  } finally {
    await browser.close();
    await portal.close();
  }
}

if (!args['no-build']) {
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
mkdirSync(OUT, { recursive: true });
for (const locale of ['zh_CN', 'en']) {
  console.log(`${locale}:`);
  await shotsIn(locale);
}
