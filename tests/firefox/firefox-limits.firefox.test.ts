// What Firefox does differently, with the built Firefox extension: its background is an
// event page (manifest v2, persistent: false) that Firefox unloads when idle and wakes for
// an event, not a service worker; and its notifications carry no buttons. The reminders
// must come all the same: recorded after a wake, the annotation gets its notification
// (without buttons) and its alarms.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { addDays, beijingDateAt } from '../../lib/dates/beijing';
import { startStaticServer, type StaticServer } from '../e2e/static-server';
import { alarms, send, stored } from './extension-state';
import { inExtension, launchFirefox, manifest, openExtensionPage, type LaunchedFirefox } from './firefox';

const NUMBER = 'FX-2023-00118';
/** Firefox unloads an idle event page after this long (its default is 30 s). */
const IDLE_MS = 2_000;

let server: StaticServer;
let firefox: LaunchedFirefox;
let popup: Page;

beforeAll(async () => {
  server = await startStaticServer();
  firefox = await launchFirefox({ ports: server.ports, lang: 'zh-CN', prefs: { 'extensions.background.idle.timeout': IDLE_MS }, keepWelcome: true });
  popup = await openExtensionPage(firefox, 'popup.html');
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Whether the event page is loaded now, and whether it carries the mark a test left in it. */
const background = () =>
  inExtension(firefox, popup, () => {
    const page = (globalThis as any).browser.extension.getBackgroundPage() as (Window & { fxMark?: number }) | null;
    return page ? { loaded: true, marked: page.fxMark === 1 } : { loaded: false, marked: false };
  });

test('the Firefox build has an event page: background scripts, not persistent, no service worker', () => {
  const { background: bg } = manifest();
  expect(bg).toEqual({ scripts: ['background.js'], persistent: false });
});

test('the event page is unloaded when idle, woken by a message, and then records and reminds: one notification, without buttons, and the alarms', async () => {
  // Loaded at start; marked, so that a later load can be told from this one.
  await expect.poll(background).toMatchObject({ loaded: true });
  await inExtension(firefox, popup, () => {
    ((globalThis as any).browser.extension.getBackgroundPage() as Window & { fxMark?: number }).fxMark = 1;
  });
  expect(await background()).toEqual({ loaded: true, marked: true });
  // Left alone, Firefox unloads it.
  await expect.poll(background, { timeout: 30_000, interval: 250 }).toEqual({ loaded: false, marked: false });

  // A message wakes a fresh event page.
  expect(await send(firefox, popup, { type: 'data/changed' })).toMatchObject({ ok: true });
  expect(await background()).toEqual({ loaded: true, marked: false });
  // Headless Firefox closes a notification as soon as it is shown, so notifications.getAll()
  // has nothing to read back: watch what the event page asks Firefox to show instead,
  // wrapping the real API from outside (the build itself has no test hook).
  expect(
    await inExtension(firefox, popup, () => {
      const bg = (globalThis as any).browser.extension.getBackgroundPage() as Window & { browser: any; fxCalls?: unknown[] };
      const api = bg.browser.notifications;
      const create = api.create.bind(api);
      bg.fxCalls = [];
      api.create = (id: string, options: object) => {
        const call: { id: string; options: object; result?: string; error?: string } = { id, options: JSON.parse(JSON.stringify(options)) };
        bg.fxCalls!.push(call);
        return create(id, options).then(
          (r: string) => ((call.result = r), r),
          (e: Error) => {
            call.error = String(e?.message ?? e);
            throw e;
          },
        );
      };
      return api.create !== create;
    }),
  ).toBe(true);

  // What the guide sends from the portal's pages, with the holder's consent.
  expect(await send(firefox, popup, { type: 'settings/update', patch: { rememberPages: true } })).toMatchObject({ ok: true });
  expect(
    await send(firefox, popup, {
      type: 'portal/certificates-seen',
      certificates: [{ number: NUMBER, qualification: '社会工作者', level: '中级', approvalDate: '2023-06-01', status: 'valid' }],
    }),
  ).toMatchObject({ ok: true });
  const validUntil = addDays(beijingDateAt(Date.now()), 3);
  expect(await send(firefox, popup, { type: 'portal/annotation-seen', reading: { certificateNumber: NUMBER, state: 'valid', validUntil } })).toMatchObject({ ok: true });

  // The "3 days left" reminder, once, asked for as a plain notification on the first try
  // (no attempt with buttons that Firefox would refuse), and shown.
  const calls = () =>
    inExtension(firefox, popup, () => ((globalThis as any).browser.extension.getBackgroundPage() as { fxCalls?: unknown[] } | null)?.fxCalls ?? null) as Promise<
      { id: string; options: Record<string, unknown>; result?: string; error?: string }[] | null
    >;
  await expect.poll(async () => (await calls())?.filter((c) => c.result !== undefined || c.error !== undefined).length).toBe(1);
  const [call] = (await calls())!;
  expect(call!.id).toMatch(/^cpta-reminder\|expiring\|\d+\|expiring:/);
  expect(call!.error).toBeUndefined();
  expect(call!.result).toBe(call!.id);
  expect(call!.options).toMatchObject({ type: 'basic', title: expect.any(String), message: expect.stringContaining(NUMBER) });
  expect(call!.options.buttons).toBeUndefined();
  // Planned ahead: the next change and the periodic scan.
  expect((await alarms(firefox, popup)).map((a) => a.name)).toEqual(['reminders:next', 'reminders:scan']);
  const s = await stored(firefox, popup);
  expect(s.annotations).toHaveLength(1);
  expect(s.reminderLog).toHaveLength(1);

  // Unloaded again and woken again by a message: nothing is lost, nothing shown twice
  // (the log still holds the one reminder shown).
  await expect.poll(background, { timeout: 30_000, interval: 250 }).toEqual({ loaded: false, marked: false });
  expect(await send(firefox, popup, { type: 'data/changed' })).toMatchObject({ ok: true });
  expect(await background()).toMatchObject({ loaded: true });
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await stored(firefox, popup)).toEqual(s);
  expect((await alarms(firefox, popup)).map((a) => a.name)).toEqual(['reminders:next', 'reminders:scan']);
}, 120_000);
