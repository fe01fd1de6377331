// Reading the annotation truthfully, end to end in Chromium: on an annotation page that
// shows the annotation valid but whose validity cannot be read (drawn as an image), the
// certificate is remembered valid with its last day unknown (never 未加注), the panel asks
// the holder, the holder's answer is stored, and a reminder is planned from it. Pages
// whose validity is read give the popup the right last day.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { launchWithExtension, type Launched } from './chromium';
import { PAGES, startFixtureServer, type FixtureServer } from './guide-server';
import { inPanel, panelClick, panelCount, panelText, panelVisible } from '../../standin/panel.mjs';

let server: FixtureServer;
let browser: Launched;
let page: Page;
const extensionErrors: string[] = [];
const url = (file: string) => PAGES.find((p) => p.file === file)!.url;

interface StoredAnnotation {
  certificateNumber: string;
  state: string;
  validUntil: { date: string; source: string };
}

function annotations(worker: Worker): Promise<StoredAnnotation[]> {
  return worker.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'cpta-assistant')) return [];
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out = await new Promise<unknown[]>((ok, fail) => {
      const r = db.transaction('annotations').objectStore('annotations').getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    db.close();
    return out as never;
  });
}

/** Today in Beijing, and a day n days later, as YYYY-MM-DD. */
function beijingDay(n = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

/** What the holder types into the date field. */
function setLastDayField(p: Page, day: string): Promise<boolean> {
  return inPanel(
    p,
    (root, value) => {
      const input = root.querySelector('[data-testid="lastday-input"]') as HTMLInputElement | null;
      if (!input) return false;
      input.value = value;
      return true;
    },
    day,
    false,
  );
}

async function open(file: string) {
  await page.goto(url(file));
  await page.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') === 'annotation');
}

async function popupCard(number: string): Promise<{ state: string | null; text: string }> {
  const popup = await browser.context.newPage();
  try {
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const card = popup.locator(`[data-testid="certificate"][data-certificate-number="${number}"]`);
    await card.waitFor();
    return { state: await card.getAttribute('data-annotation-state'), text: (await card.textContent()) ?? '' };
  } finally {
    await popup.close();
  }
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
  browser.worker.on('console', (m) => {
    if (m.type() === 'error') extensionErrors.push(`worker: ${m.text()}`);
  });
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('chrome-extension://')) extensionErrors.push(`page: ${m.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a valid annotation whose validity the page does not let us read', () => {
  const NUMBER = '2133010000560712';

  test('after consent: remembered valid with its last day unknown, and the panel asks for it', async () => {
    await open('annotation/valid-unreadable-image.html');
    await panelClick(page, '[data-testid="consent-accept"]');
    await expect.poll(async () => (await annotations(browser.worker)).filter((a) => a.certificateNumber === NUMBER).map((a) => [a.state, a.validUntil.source])).toEqual([
      ['valid', 'unknown'],
    ]);
    await expect.poll(() => panelVisible(page, '[data-testid="lastday-question"]')).toBe(true);
    await page.screenshot({ path: 'test-output/last-day/question.zh.png' });
    const card = await popupCard(NUMBER);
    expect(card.state).toBe('valid');
    expect(card.text).toContain('最后一天还不知道');
    expect(card.text).not.toContain('未加注');
  });

  test('the holder\'s answer is stored as the last day and a reminder is planned from it', async () => {
    const lastDay = beijingDay(20);
    // The holder types the day (set here through the DevTools protocol) and clicks [保存] with the mouse.
    await setLastDayField(page, lastDay);
    await panelClick(page, '[data-testid="lastday-save"]');
    await expect.poll(async () => (await annotations(browser.worker)).filter((a) => a.certificateNumber === NUMBER).map((a) => [a.state, a.validUntil.date, a.validUntil.source])).toEqual([
      ['valid', lastDay, 'portal'],
    ]);
    await expect.poll(() => panelVisible(page, '[data-testid="lastday-known"]')).toBe(true);
    await page.screenshot({ path: 'test-output/last-day/answered.zh.png' });
    const card = await popupCard(NUMBER);
    // 7 days before the last day, at the reminder hour: the next reminder of this certificate.
    expect(card.text).toContain('下次提醒');
    expect(card.text).toContain('即将到期');
    const alarms = await browser.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a: { name: string }) => a.name));
    expect(alarms).toContain('reminders:next');

    // Seen again, the page still cannot be read: the day given stays, and is said, not asked again.
    await open('annotation/valid-unreadable-image.html');
    await expect.poll(() => panelVisible(page, '[data-testid="lastday-known"]')).toBe(true);
    expect(await panelCount(page, '[data-testid="lastday-question"]')).toBe(0);
  });

  test('a script\'s click() on the answer changes nothing; the page cannot even reach the panel', async () => {
    await panelClick(page, '[data-testid="lastday-correct"]');
    await expect.poll(() => panelVisible(page, '[data-testid="lastday-question"]')).toBe(true);
    const before = await annotations(browser.worker);
    expect(await page.evaluate(() => document.querySelector('cpta-assistant')?.shadowRoot ?? null)).toBeNull();
    // Even a script inside the panel (run here through the DevTools protocol) clicks untrusted.
    await inPanel(
      page,
      (root, day) => {
        const input = root.querySelector('[data-testid="lastday-input"]') as HTMLInputElement | null;
        if (input) input.value = day;
        (root.querySelector('[data-testid="lastday-save"]') as HTMLElement | null)?.click();
        return true;
      },
      beijingDay(60),
      false,
    );
    await page.waitForTimeout(500);
    expect(await annotations(browser.worker)).toEqual(before);
  });
});

describe('pages whose validity is read', () => {
  test.each([
    ['annotation/valid-facts-same-table.html', '2311010000820456', '2027-01-05'],
    ['annotation/valid-dl-two-ends.html', '2244030000603318', '2027-01-31'],
  ])('%s: the popup shows the certificate valid until the page\'s last day, never 未加注', async (file, number, until) => {
    await open(file);
    await expect.poll(async () => (await annotations(browser.worker)).filter((a) => a.certificateNumber === number).map((a) => [a.validUntil.date, a.validUntil.source])).toEqual([
      [until, 'portal'],
    ]);
    const card = await popupCard(number);
    expect(card.state).toBe('valid');
    expect(card.text).toContain(`${Number(until.slice(0, 4))}年${Number(until.slice(5, 7))}月${Number(until.slice(8))}日`);
  });

  test('no error from the extension\'s own code', () => {
    expect(extensionErrors).toEqual([]);
  });
});

describe('in English', () => {
  test('the question in the browser\'s language, with the page\'s date forms the holder can pick from', async () => {
    const en = await launchWithExtension({ ports: server.ports, lang: 'en' });
    try {
      const p = await en.context.newPage();
      await p.goto(url('annotation/valid-unreadable-image.html'));
      await p.waitForFunction(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') === 'annotation');
      await panelClick(p, '[data-testid="consent-accept"]');
      await expect.poll(() => panelVisible(p, '[data-testid="lastday-question"]')).toBe(true);
      expect(await panelText(p)).toContain('Until which day is this annotation valid?');
      await p.screenshot({ path: 'test-output/last-day/question.en.png' });
    } finally {
      await en.close();
    }
  });
});
