// Finds Debian's Chromium (or CHROMIUM_PATH) and launches it with the built extension,
// the portal's hostnames resolved to local servers, and the internet out of reach.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { CHROMIUM_MISSING, findChromium } from './find-chromium.mjs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const DIST = resolve(import.meta.dirname, '../..', process.env.EXTENSION_DIST ?? '.output/chrome-mv3');

export const PORTAL_HOSTS = ['cpta.com.cn', 'cpta.mohrss.gov.cn'];

/** --host-resolver-rules that send the portal's hosts to local ports and nothing anywhere else. */
export function hostRules(ports: { http: number; https?: number }): string {
  const rules: string[] = [];
  if (ports.https) {
    for (const host of PORTAL_HOSTS) rules.push(`MAP *.${host}:443 127.0.0.1:${ports.https}`, `MAP ${host}:443 127.0.0.1:${ports.https}`);
  }
  for (const host of PORTAL_HOSTS) rules.push(`MAP *.${host} 127.0.0.1:${ports.http}`, `MAP ${host} 127.0.0.1:${ports.http}`);
  // Other hosts used by tests ("not the portal") go to the same local server.
  rules.push(`MAP *.example.test 127.0.0.1:${ports.http}`, `MAP example.test 127.0.0.1:${ports.http}`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1');
  return rules.join(', ');
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(opts: {
  ports: { http: number; https?: number };
  lang?: string;
  dist?: string;
  headless?: boolean;
}): Promise<Launched> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const dist = opts.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`No built extension at ${dist}: run npm run build first.`);
  const profile = mkdtempSync(join(tmpdir(), 'cpta-profile-'));
  const args = [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${hostRules(opts.ports)}`,
    '--ignore-certificate-errors',
  ];
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  if (opts.headless !== false) args.push('--headless=new');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false, // headless is chosen by --headless=new above, which keeps extensions working
    args,
    locale: opts.lang,
    viewport: { width: 1280, height: 800 },
    env: { ...process.env, LANGUAGE: opts.lang ?? process.env.LANGUAGE ?? '' },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
