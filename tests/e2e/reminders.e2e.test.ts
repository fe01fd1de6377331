// Reminders in real Chromium with the built extension: the guide records an annotation
// that expires in 3 days, and within seconds a notification exists and the badge is set;
// after the service worker is stopped (DevTools ServiceWorker.stopWorker) and woken,
// nothing stored is lost and no notification is shown twice.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { addDays, beijingDateAt } from '../../lib/dates/beijing';
import { launchWithExtension, type Launched } from './chromium';
import { startStaticServer, type StaticServer } from './static-server';

let server: StaticServer;
let browser: Launched;
let page: Page;
const errors: string[] = [];

const NUMBER = 'SW-2023-00118';

async function send(p: Page, message: unknown): Promise<any> {
  return p.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

async function ourNotifications(worker: Worker): Promise<string[]> {
  const all = await worker.evaluate(() => chrome.notifications.getAll());
  return Object.keys(all).filter((id) => id.startsWith('cpta-reminder|'));
}

/** Everything the extension stores, read from one of its pages (same origin as the worker). */
async function stored(p: Page): Promise<Record<string, unknown[]>> {
  return p.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('cpta-assistant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['certificates', 'annotations', 'reminderLog'];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await probe();
  }
  return v;
}

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchWithExtension({ ports: server.ports, lang: 'zh-CN' });
  browser.worker.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('an annotation recorded 3 days before it expires: a notification and the badge within seconds, once, across a worker restart', async () => {
  const worker = browser.worker;
  expect(await ourNotifications(worker)).toEqual([]);

  // What the guide sends from the portal's pages, with the holder's consent.
  expect(await send(page, { type: 'settings/update', patch: { rememberPages: true } })).toMatchObject({ ok: true });
  expect(
    await send(page, {
      type: 'portal/certificates-seen',
      certificates: [{ number: NUMBER, qualification: '社会工作者', level: '中级', approvalDate: '2023-06-01', status: 'valid' }],
    }),
  ).toMatchObject({ ok: true });
  const validUntil = addDays(beijingDateAt(Date.now()), 3);
  const startedAt = Date.now();
  expect(await send(page, { type: 'portal/annotation-seen', reading: { certificateNumber: NUMBER, state: 'valid', validUntil } })).toMatchObject({ ok: true });

  const ids = await waitFor(() => ourNotifications(worker), (v) => v.length > 0);
  // Within seconds, not at the next periodic scan: a wide bound that a loaded machine meets.
  expect(Date.now() - startedAt).toBeLessThan(30_000);
  expect(ids).toHaveLength(1);
  expect(ids[0]).toMatch(/^cpta-reminder\|expiring\|\d+\|expiring:/);
  const badge = await worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
    title: await chrome.action.getTitle({}),
  }));
  expect(badge.text).toBe('1');
  expect(badge.color).toEqual([0xc2, 0x41, 0x0c, 255]);
  expect(badge.title).toContain('1 张即将到期');
  const alarms = await worker.evaluate(async () => (await chrome.alarms.getAll()).map((a: { name: string }) => a.name).sort());
  expect(alarms).toEqual(['reminders:next', 'reminders:scan']);

  const before = await stored(page);
  expect(before.certificates).toHaveLength(1);
  expect(before.annotations).toHaveLength(1);
  expect(before.reminderLog).toHaveLength(1);

  // Stop the service worker the way DevTools does, then wake it with a message. A mark
  // left in its global scope shows that the woken worker really is a fresh start.
  await worker.evaluate(() => ((globalThis as { h4Mark?: number }).h4Mark = 1));
  const cdp = await browser.context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const versionId = await waitFor(async () => [...status].find(([, s]) => s === 'running')?.[0], (v) => v !== undefined);
  expect(versionId).toBeDefined();
  await cdp.send('ServiceWorker.stopWorker', { versionId: versionId! });
  expect(await waitFor(async () => status.get(versionId!), (s) => s === 'stopped')).toBe('stopped');

  expect(await send(page, { type: 'data/changed' })).toMatchObject({ ok: true });
  expect(status.get(versionId!)).toBe('running');
  const again = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`))!;
  if (again !== worker) again.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  expect(await again.evaluate(() => (globalThis as { h4Mark?: number }).h4Mark)).toBeUndefined();

  // The start of the new worker and its sync changed nothing the holder sees twice.
  await again.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  expect(await ourNotifications(again)).toEqual(ids);
  expect(await stored(page)).toEqual(before);
  expect(await again.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  expect(errors).toEqual([]);
});
