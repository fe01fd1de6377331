// Two Chromium profiles from the same binary with the same flags: one with the built
// extension, one without (the baseline). Both see the portal's hostnames at the bench
// server and nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium } from '../tests/e2e/find-chromium.mjs';

const PORTAL_HOSTS = ['cpta.com.cn', 'cpta.mohrss.gov.cn'];

/** The same rules as tests/e2e/chromium.ts, http only. @param {number} port */
export function hostRules(port) {
  const rules = [];
  for (const host of PORTAL_HOSTS) rules.push(`MAP *.${host} 127.0.0.1:${port}`, `MAP ${host} 127.0.0.1:${port}`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1');
  return rules.join(', ');
}

export function chromiumPath() {
  const path = findChromium();
  if (!path) throw new Error(CHROMIUM_MISSING);
  return path;
}

/** "Chromium 156.0.8078.108" @param {string} path */
export function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * @typedef {{ context: import('playwright-core').BrowserContext, extensionId?: string,
 *   worker?: import('playwright-core').Worker, close(): Promise<void> }} Profile
 */

/**
 * @param {{ port: number, dist?: string, executablePath: string }} options  no `dist`: the baseline
 * @returns {Promise<Profile>}
 */
export async function launchProfile(options) {
  const { dist } = options;
  if (dist && !existsSync(join(dist, 'manifest.json'))) throw new Error(`No built extension at ${dist}.`);
  const profile = mkdtempSync(join(tmpdir(), dist ? 'cpta-bench-ext-' : 'cpta-bench-base-'));
  const args = [
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${hostRules(options.port)}`,
    '--headless=new',
  ];
  if (dist) args.unshift(`--disable-extensions-except=${dist}`, `--load-extension=${dist}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath,
    headless: false, // headless is --headless=new above, which keeps extensions working
    args,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  if (!dist) return { context, close };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    return { context, worker, extensionId: new URL(worker.url()).host, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A DevTools session on a page, with the Performance domain on.
 * @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Page} page
 */
export async function metricsSession(context, page) {
  const session = await context.newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => session.send('Performance.enable'));
  return {
    session,
    /** @returns {Promise<Record<string, number>>} */
    async metrics() {
      const { metrics } = await session.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
  };
}
