// @ts-check
// Chromium with the built extension, for `npm start`: the portal's hostnames resolved to
// the stand-in (or, with --real, to the real portal), in a profile of its own that is
// deleted afterwards. (tests/e2e/chromium.ts does the same for the TypeScript tests.)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium } from '../tests/e2e/find-chromium.mjs';

export const PORTAL_HOSTS = ['cpta.com.cn', 'cpta.mohrss.gov.cn'];

/**
 * --host-resolver-rules that send the portal's hosts to the stand-in and nothing anywhere else.
 * @param {{ http: number, https?: number }} ports
 */
export function hostRules(ports) {
  const rules = [];
  if (ports.https) {
    for (const host of PORTAL_HOSTS) rules.push(`MAP *.${host}:443 127.0.0.1:${ports.https}`, `MAP ${host}:443 127.0.0.1:${ports.https}`);
  }
  for (const host of PORTAL_HOSTS) rules.push(`MAP *.${host} 127.0.0.1:${ports.http}`, `MAP ${host} 127.0.0.1:${ports.http}`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1');
  return rules.join(', ');
}

/**
 * @param {{ dist: string, ports?: { http: number, https?: number }, headless: boolean, lang?: string,
 *   viewport?: { width: number, height: number } | null }} options  no `ports`: the real internet
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, worker: import('playwright-core').Worker,
 *   extensionId: string, profile: string, close(): Promise<void> }>}
 */
export async function launchChromium(options) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  if (!existsSync(join(options.dist, 'manifest.json'))) throw new Error(`No built extension at ${options.dist}: run npm run build first.`);
  const profile = mkdtempSync(join(tmpdir(), 'cpta-start-profile-'));
  const args = [
    `--disable-extensions-except=${options.dist}`,
    `--load-extension=${options.dist}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
  ];
  if (process.getuid?.() === 0 || process.env.CI) args.push('--no-sandbox');
  if (options.ports) {
    // Only the stand-in is reachable; its certificate is self-signed.
    args.push(`--host-resolver-rules=${hostRules(options.ports)}`, '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update');
  }
  if (options.lang) args.push(`--lang=${options.lang}`);
  if (options.headless) args.push('--headless=new');
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: false, // --headless=new above keeps extensions working
      args,
      // Ctrl-C is ours: close the browser, then delete its profile (Playwright would kill it first).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // No Playwright locale emulation: it changes what chrome.i18n.getUILanguage() says in
      // some of the extension's contexts and not others. --lang and LANGUAGE set the browser's.
      viewport: options.viewport === undefined ? { width: 1280, height: 860 } : options.viewport,
      env: { ...process.env, LANGUAGE: options.lang ?? process.env.LANGUAGE ?? '' },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    profile,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
