// Debian's Firefox ESR with the built Firefox extension, driven over WebDriver BiDi by
// puppeteer-core. Firefox has no host-resolver flag, so every request it makes goes to a
// local proxy (tests/firefox/proxy.ts) that passes the portal's hosts to the stand-in and
// refuses and records everything else. Extension pages (popup, storage, alarms,
// notifications) are reached at a fixed moz-extension:// address; the panel's closed
// shadow root through BiDi's own serialization, which includes closed roots.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_MISSING, findFirefox } from './find-firefox.mjs';
import { startProxy, type Proxy } from './proxy';

export const DIST = resolve(import.meta.dirname, '../..', process.env.FIREFOX_DIST ?? '.output/firefox-mv2');
/** The build's manifest (its gecko id is set in wxt.config.ts). */
export function manifest(): { browser_specific_settings: { gecko: { id: string } }; background: { scripts?: string[]; persistent?: boolean; service_worker?: string } } {
  const file = join(DIST, 'manifest.json');
  if (!existsSync(file)) throw new Error(`No built extension at ${DIST}: run npm run build first.`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
/** The extension's internal UUID, fixed by a pref so its pages have a known address. */
export const UUID = '0d5c1b7e-6f0a-4c3e-9a51-7c2f3e8b4d10';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

/** The BiDi connection under puppeteer: its public API has no closed shadow roots and no moz-extension:// navigation. */
interface Bidi {
  send(method: string, params: object): Promise<{ result: any }>;
}

export interface LaunchedFirefox {
  browser: Browser;
  proxy: Proxy;
  bidi: Bidi;
  close(): Promise<void>;
}

export async function launchFirefox(opts: {
  ports: { http: number; https: number };
  lang?: 'zh-CN' | 'en';
  prefs?: Record<string, string | number | boolean>;
  /** Leave the welcome tab open (a test that times the event page from install). */
  keepWelcome?: boolean;
}): Promise<LaunchedFirefox> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_MISSING);
  const geckoId = manifest().browser_specific_settings.gecko.id;
  const proxy = await startProxy(opts.ports);
  const lang = opts.lang ?? 'zh-CN';
  const userDataDir = mkdtempSync(join(tmpdir(), 'cpta-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: true,
    userDataDir,
    // Lets BiDi open the extension's own pages (refused to a plain session).
    args: ['--remote-allow-system-access'],
    // The stand-in's certificate is self-signed (tests/e2e/tls.ts).
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    // A release build honours services.settings.server (below) only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disableIPv6': true,
      // The browser's own traffic (remote settings, captive portal, connectivity checks),
      // off, so that the proxy's log is the pages' and the extension's alone.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'browser.safebrowsing.downloads.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'extensions.getAddons.cache.enabled': false,
      'extensions.update.enabled': false,
      'browser.region.network.url': '',
      'browser.newtabpage.enabled': false,
      // The browser's language, as a holder's Firefox has it: its own UI (Debian's
      // firefox-esr-l10n-zh-cn for Chinese) and the pages' navigator.language.
      'intl.locale.requested': lang === 'en' ? 'en-US' : 'zh-CN',
      'intl.accept_languages': lang === 'en' ? 'en-US, en' : 'zh-CN, zh',
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      ...opts.prefs,
    },
  });
  try {
    await browser.installExtension(DIST);
  } catch (error) {
    await browser.close();
    throw error;
  }
  // On install the extension opens its welcome page in a new, active tab
  // (lib/background/install.ts). Close it, so that the page a test opens is the one in front
  // (the guide works for the tab the holder is looking at).
  for (const deadline = opts.keepWelcome ? 0 : Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const welcome = (await browser.pages()).find((p) => p.url().endsWith('/welcome.html'));
    if (welcome) {
      await welcome.close();
      break;
    }
  }
  return {
    browser,
    proxy,
    bidi: (browser as unknown as { connection: Bidi }).connection,
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The BiDi browsing context of a page's top frame. */
export const contextOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

/**
 * Runs `fn(arg)` in the page (with `this` the node given by sharedId, if any), awaiting a
 * promise, and returns its result through JSON.
 */
async function call<T>(f: LaunchedFirefox, page: Page, fn: string, arg: unknown, thisId?: string): Promise<T> {
  const { result } = await f.bidi.send('script.callFunction', {
    functionDeclaration: `async function (json) { const r = await (${fn}).call(this, JSON.parse(json)); return JSON.stringify(r === undefined ? null : r); }`,
    ...(thisId ? { this: { sharedId: thisId } } : {}),
    arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
    target: { context: contextOf(page) },
    awaitPromise: true,
  });
  if (result.type === 'exception') throw new Error(`in ${page.url()}: ${result.exceptionDetails?.text ?? 'exception'}`);
  return JSON.parse(result.result.value);
}

/** Runs `fn(arg)` in an extension page (popup.html opened by openExtensionPage). */
export function inExtension<T, A = null>(f: LaunchedFirefox, page: Page, fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return call<T>(f, page, `function (a) { return (${fn.toString()})(a); }`, arg ?? null);
}

/** Opens one of the extension's pages (e.g. popup.html) in a new tab, or again in `page`, and waits until it has loaded. */
export async function openExtensionPage(f: LaunchedFirefox, path: string, page?: Page): Promise<Page> {
  page ??= await f.browser.newPage();
  // wait "none": puppeteer's own navigation waits for events Firefox does not send for these pages.
  await f.bidi.send('browsingContext.navigate', { context: contextOf(page), url: `${EXTENSION_ORIGIN}/${path}`, wait: 'none' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await call<string>(f, page, 'function () { return location.href + " " + document.readyState; }', null).catch(() => '');
    if (ready === `${EXTENSION_ORIGIN}/${path} complete`) return page;
    if (Date.now() > deadline) throw new Error(`${path} did not load: ${ready}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs `fn(root, arg)` on the panel's closed shadow root, or returns `missing` when there
 * is no panel. BiDi serializes a host's shadow root whatever its mode (includeShadowTree
 * "all"), the counterpart of the DevTools protocol's pierce that standin/panel.mjs uses.
 */
export async function inPanel<T, A>(f: LaunchedFirefox, page: Page, fn: (root: ShadowRoot, arg: A) => T, arg: A, missing: T): Promise<T> {
  const { result } = await f.bidi.send('script.evaluate', {
    expression: `document.querySelector('cpta-assistant')`,
    target: { context: contextOf(page) },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  });
  const shadowId: string | undefined = result.result?.value?.shadowRoot?.sharedId;
  if (!shadowId) return missing;
  return call<T>(f, page, `function (a) { return (${fn.toString()})(this, a); }`, arg, shadowId);
}

/** The words the panel shows (its styles left out). */
export function panelText(f: LaunchedFirefox, page: Page): Promise<string> {
  return inPanel(
    f,
    page,
    (root) => {
      const words: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('style, script')) words.push(node.textContent ?? '');
      }
      return words.join(' ').replace(/\s+/g, ' ').trim();
    },
    null,
    '',
  );
}

/** Whether an element matching `selector` is shown in the panel (has a box). */
export function panelVisible(f: LaunchedFirefox, page: Page, selector: string): Promise<boolean> {
  return inPanel(
    f,
    page,
    (root, sel) => {
      const el = root.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    },
    selector,
    false,
  );
}

/** Clicks the panel's control with the mouse (a trusted event, as a holder's click is). */
export async function panelClick(f: LaunchedFirefox, page: Page, selector: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await inPanel(
      f,
      page,
      (root, sel) => {
        const el = root.querySelector(sel);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      },
      selector,
      null as { x: number; y: number } | null,
    );
    if (box) return page.mouse.click(box.x, box.y);
    if (Date.now() > deadline) throw new Error(`No ${selector} shown in the panel on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the guide on the page shows `step`. */
export async function waitForStep(page: Page, step: string): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('cpta-assistant')?.getAttribute('data-step') === s, { timeout: 15_000 }, step);
}
