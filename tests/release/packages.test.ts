// What `npm run zip` hands to the stores: the Chrome/Edge and Firefox packages carry the
// version of package.json, the project's own ids and browser floors, only the permissions
// PRIVACY.md explains, no source maps, tests or sources; and the sources zip AMO asks for
// rebuilds the Firefox package byte for byte with the README's command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIREFOX_ANDROID_MIN_VERSION, FIREFOX_MIN_VERSION, GECKO_ID, MINIMUM_CHROME_VERSION } from '../../wxt.config';
import { PORTAL_MATCHES } from '../../lib/portal/hosts';
import { readZip } from './zip';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
// A folder of its own, so that this never trips on a build the other tests use.
const OUT = join(ROOT, '.output-release');
const zipName = (kind: string) => join(OUT, `${pkg.name}-${pkg.version}-${kind}.zip`);

/** The permissions PRIVACY.md and the store listings explain, one by one. A new one is a major version (CHANGELOG.md). */
const PERMISSIONS = ['storage', 'unlimitedStorage', 'alarms', 'notifications'];
/** What a package may hold: code, styles, pages, strings, icons. */
const SHIPPED = /^(?:manifest\.json|[\w-]+\.html|[\w-]+\.js|(?:chunks|content-scripts)\/[\w-]+\.js|assets\/[\w-]+\.css|_locales\/(?:zh_CN|en)\/messages\.json|icon\/(?:16|32|48|128)\.png)$/;

/** The environment `npm run zip` has: none of vitest's (NODE_ENV=test would make another build). */
function buildEnv(outDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WXT_OUT_DIR: outDir };
  for (const key of Object.keys(env)) if (/^(?:VITEST|VITE_|TEST$|NODE_ENV$|MODE$)/.test(key)) delete env[key];
  return env;
}

function wxt(args: string[], cwd = ROOT, outDir = OUT): void {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), args, { cwd, encoding: 'utf8', env: buildEnv(outDir) });
  if (r.status !== 0) throw new Error(`wxt ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

let chrome: Map<string, Buffer>;
let firefox: Map<string, Buffer>;
let sources: Map<string, Buffer>;
const manifestOf = (files: Map<string, Buffer>) => JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, any>;

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  wxt(['zip']);
  wxt(['zip', '-b', 'firefox']);
  chrome = readZip(readFileSync(zipName('chrome')));
  firefox = readZip(readFileSync(zipName('firefox')));
  sources = readZip(readFileSync(zipName('sources')));
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the packages npm run zip makes', () => {
  test('three zips, named by the version in package.json', () => {
    expect(readdirSync(OUT).filter((f) => f.endsWith('.zip')).sort()).toEqual(
      ['chrome', 'firefox', 'sources'].map((k) => `${pkg.name}-${pkg.version}-${k}.zip`),
    );
  });

  for (const [browser, files] of [['chrome', () => chrome], ['firefox', () => firefox]] as const) {
    test(`${browser}: the manifest carries package.json's version and only the permissions PRIVACY.md explains`, () => {
      const m = manifestOf(files());
      expect(m.version).toBe(pkg.version);
      expect(m.default_locale).toBe('zh_CN');
      expect(m.homepage_url).toBeUndefined();
      if (browser === 'chrome') {
        expect(m.manifest_version).toBe(3);
        expect([...m.permissions].sort()).toEqual([...PERMISSIONS].sort());
        expect(m.host_permissions).toEqual(PORTAL_MATCHES);
        expect(m.optional_permissions ?? []).toEqual([]);
        expect(m.optional_host_permissions ?? []).toEqual([]);
      } else {
        // Firefox's MV2 lists hosts among the permissions.
        expect([...m.permissions].sort()).toEqual([...PERMISSIONS, ...PORTAL_MATCHES].sort());
        expect(m.optional_permissions ?? []).toEqual([]);
      }
      expect(m.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual([PORTAL_MATCHES]);
    });

    test(`${browser}: only code, pages, strings and icons; no source maps, tests or sources`, () => {
      const names = [...files().keys()];
      expect(names.filter((n) => !SHIPPED.test(n))).toEqual([]);
      expect(names.some((n) => /\.map$|\.test\.|\.tsx?$/.test(n))).toBe(false);
      for (const [name, data] of files()) {
        if (name.endsWith('.js')) expect([name, /sourceMappingURL/.test(data.toString('utf8'))]).toEqual([name, false]);
      }
      // Every file the manifest names is there.
      const m = manifestOf(files());
      const named = [
        ...Object.values(m.icons as Record<string, string>),
        ...m.content_scripts.flatMap((c: { js: string[] }) => c.js),
        m.options_ui.page,
        (m.action ?? m.browser_action).default_popup,
        ...(m.background.service_worker ? [m.background.service_worker] : m.background.scripts),
      ];
      expect(named.filter((n: string) => !files().has(n))).toEqual([]);
      for (const locale of ['zh_CN', 'en']) {
        const messages = JSON.parse(files().get(`_locales/${locale}/messages.json`)!.toString('utf8'));
        expect(messages.extName.message.length).toBeGreaterThan(0);
      }
    });
  }

  for (const [browser, files] of [['chrome', () => chrome], ['firefox', () => firefox]] as const) {
    test(`${browser}: the content script posts nothing to the page's window for any origin (wxt's context did, on every start)`, () => {
      const code = files().get('content-scripts/content.js')!.toString('utf8');
      expect(code).not.toContain('content-script-started');
      expect(code).not.toMatch(/postMessage\([^()]*,\s*["'`]\*["'`]\)/);
    });
  }

  for (const [browser, files] of [['chrome', () => chrome], ['firefox', () => firefox]] as const) {
    test(`${browser}: the popup's list loads no zod; a change loads it (lib/storage/read-check.ts, lib/popup/form-screens.ts)`, () => {
      const text = (name: string) => files().get(name)!.toString('utf8');
      // zod, as lib/model/zod.ts sets it up: the one key minifying keeps.
      const holdsZod = (name: string) => /\bjitless\b/.test(text(name));
      const html = text('popup.html');
      const first = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
      expect(first.length).toBeGreaterThan(0);
      // Everything the first screen evaluates: those chunks and what they import statically.
      const loaded = new Set<string>();
      const later = new Set<string>();
      const visit = (name: string) => {
        if (loaded.has(name)) return;
        loaded.add(name);
        const code = text(name);
        for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([\w-]+\.js)["'`]/g)) visit(`${dirname(name)}/${m[1]}`);
        for (const m of code.matchAll(/\bimport\(\s*["'`]\.\/([\w-]+\.js)["'`]\s*\)/g)) later.add(`${dirname(name)}/${m[1]}`);
      };
      for (const name of first) visit(name);
      expect([...loaded].filter(holdsZod)).toEqual([]);
      // Not vacuous: zod is there, behind a dynamic import.
      const behind = new Set<string>();
      const reach = (name: string) => {
        if (behind.has(name)) return;
        behind.add(name);
        for (const m of text(name).matchAll(/(?:\bfrom|\bimport\(?)\s*["'`]\.\/([\w-]+\.js)["'`]/g)) reach(`${dirname(name)}/${m[1]}`);
      };
      for (const name of later) reach(name);
      expect([...behind].some(holdsZod)).toBe(true);
    });
  }

  test('chrome: the Chrome floor, and no Firefox settings', () => {
    const m = manifestOf(chrome);
    expect(m.minimum_chrome_version).toBe(MINIMUM_CHROME_VERSION);
    expect(m.browser_specific_settings).toBeUndefined();
    // The scripts the content script loads when needed (the page report, the validity reader): the portal's pages alone, under a URL that changes every session.
    expect(m.web_accessible_resources).toEqual([{ resources: ['page-report.js', 'validity-reader.js'], matches: PORTAL_MATCHES, use_dynamic_url: true }]);
    expect(['page-report.js', 'validity-reader.js'].filter((f) => !chrome.has(f))).toEqual([]);
  });

  test("firefox: the project's own add-on id, the Firefox floors, no data collected", () => {
    const m = manifestOf(firefox);
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    });
    expect(m.web_accessible_resources).toEqual(['page-report.js', 'validity-reader.js']);
    expect(['page-report.js', 'validity-reader.js'].filter((f) => !firefox.has(f))).toEqual([]);
    expect(GECKO_ID).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
  });

  test('sources: what the build needs and the documents, nothing built, installed or generated', () => {
    const names = [...sources.keys()];
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md', 'LICENSE', 'CHANGELOG.md', 'PRIVACY.md', 'entrypoints/content.ts', 'entrypoints/background.ts']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => /^(?:node_modules|\.output|\.wxt|test-output|bench-output|\.git)\//.test(n) || n.includes('/node_modules/'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.zip'))).toEqual([]);
  });

  test('sources: `npm ci && npm run build` on them gives the Firefox package, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpta-sources-'));
    try {
      for (const [name, data] of sources) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), data);
      }
      // `npm ci` would install exactly package-lock.json's versions: the ones installed here.
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const out = join(dir, '.output');
      wxt(['build', '-b', 'firefox'], dir, out);
      const built = new Map<string, Buffer>();
      const walk = (d: string, prefix: string) => {
        for (const f of readdirSync(d)) {
          const p = join(d, f);
          if (statSync(p).isDirectory()) walk(p, `${prefix}${f}/`);
          else built.set(`${prefix}${f}`, readFileSync(p));
        }
      };
      walk(join(out, 'firefox-mv2'), '');
      expect([...built.keys()].sort()).toEqual([...firefox.keys()].sort());
      for (const [name, data] of firefox) expect([name, built.get(name)!.equals(data)]).toEqual([name, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
