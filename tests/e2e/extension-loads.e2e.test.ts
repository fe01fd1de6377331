import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type Launched } from './chromium';
import { startStaticServer, type StaticServer } from './static-server';

let server: StaticServer;
let browser: Launched;
const errors: string[] = [];

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchWithExtension({ ports: server.ports });
  browser.worker.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the built extension loads and its service worker starts without a console error', async () => {
  expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.default_locale).toBe('zh_CN');
  expect(manifest.permissions?.sort()).toEqual(['alarms', 'notifications', 'storage', 'unlimitedStorage']);
  expect(manifest.host_permissions).not.toContain('<all_urls>');
  // Give the worker a moment to run its start-up work, then check nothing went wrong.
  await browser.worker.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  expect(errors).toEqual([]);
});
