import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { localeMessagesForChrome } from './lib/i18n/catalog';
// The portal's hosts, named once (lib/portal/hosts.ts).
import { PORTAL_MATCHES } from './lib/portal/hosts';

/**
 * The Firefox add-on id, fixed for good: Firefox keys an installed add-on's storage and
 * updates to it. The project owns no domain, so it is not `name@domain` (a domain someone
 * else owns, or example.org, would not be ours); the UUID form `{…}` that Firefox also
 * accepts is unique without one. Generated once with crypto.randomUUID(); never change it.
 */
export const GECKO_ID = '{dddcc0c4-81b9-4d90-8eb4-c3ff046a3c95}';

/**
 * The oldest Chrome (and Edge, which shares Chromium's numbers) the build works in as
 * described. The newest thing it relies on is `use_dynamic_url` on page-report.js and
 * validity-reader.js (below): Chrome accepted the key from 88 but it took effect only in
 * 130, and before that a portal page could detect the extension by a file's fixed URL. Next: checkVisibility's
 * `visibilityProperty` option (121), without which lib/portal/text.ts and page.ts would
 * read text hidden by the page's style sheets as shown. The rest is older:
 * storage.session (102), crypto.randomUUID (92), MV3's action and host_permissions (88),
 * Intl.PluralRules (63); the code is compiled for Chrome 111 (Vite's default target); what
 * is newer than 130 in the bundles is feature-detected by the libraries that use it
 * (Element.moveBefore in Preact, 133). Versions from MDN's compatibility data.
 */
export const MINIMUM_CHROME_VERSION = '130';

/**
 * Firefox 140 (142 on Android) is the first to know `data_collection_permissions`, which
 * AMO asks every new add-on to declare (here: none is collected). The APIs used are older:
 * storage.session in a background page (115), checkVisibility's `visibilityProperty` (122).
 */
export const FIREFOX_MIN_VERSION = '140.0';
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export default defineConfig({
  // A separate output folder lets parallel builds (tests, benchmarks) not trip on each other.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: cpta-cert-assistant-<version>-chrome.zip (Chrome and Edge), -firefox.zip,
  // and for Firefox's reviewers -sources.zip: exactly what `npm ci && npm run build` needs,
  // and the documents (README, "Releasing"). tests/release/packages.test.ts rebuilds from it.
  zip: {
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'lib/**',
      'public/**',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'PRIVACY.md',
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // No homepage_url: the project has no website or public address of its own yet; add it here when it does.
    action: { default_title: '__MSG_extName__' },
    // Only what the product uses: storage for records, alarms and notifications for
    // reminders, and the portal's hosts for the in-page guide. No tabs, no <all_urls>.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    host_permissions: PORTAL_MATCHES,
    // Code the content script imports only when needed: the page report's (lib/report/lazy.ts)
    // when the holder asks for a report, the validity reader (lib/guide/details.ts) on an
    // annotation page that shows a validity; reachable from the portal's pages alone, and in
    // Chrome under a URL that changes every session.
    web_accessible_resources:
      browser === 'firefox'
        ? ['page-report.js', 'validity-reader.js']
        : [{ resources: ['page-report.js', 'validity-reader.js'], matches: PORTAL_MATCHES, use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: FIREFOX_MIN_VERSION,
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : { minimum_chrome_version: MINIMUM_CHROME_VERSION }),
  }),
  hooks: {
    // The content script runs on every portal page, so it carries no polyfill: it uses
    // runtime.id, runtime.sendMessage and i18n, which are promise-based in Chrome's MV3
    // and Firefox alike (the polyfill hands Firefox its own `browser` anyway). That is
    // 2.9 KB gzipped less to parse on each page. The pages and the worker keep it. Nor does
    // it carry wxt's content-script context (lib/guide/script-context.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      // The scripts it loads when needed (entrypoints/page-report.ts, validity-reader.ts) run beside it, in the same world.
      if (!entrypoints.length || !entrypoints.every((e) => e.type === 'content-script' || e.name === 'page-report' || e.name === 'validity-reader')) return;
      const native = createRequire(import.meta.url).resolve('@wxt-dev/browser');
      const alias = config.resolve?.alias;
      const rules = [
        { find: /^wxt\/browser$/, replacement: native },
        // wxt's content-script context, which the guide does not use (lib/guide/script-context.ts says why).
        { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./lib/guide/script-context.ts', import.meta.url)) },
      ];
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(alias) ? [...rules, ...alias] : [...rules, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }))],
      };
    },
    // _locales/*/messages.json are generated from lib/i18n, the one source of every
    // user-facing string, so the manifest and the UI never disagree.
    'build:publicAssets': (_wxt, files) => {
      for (const [locale, messages] of Object.entries(localeMessagesForChrome())) {
        files.push({
          relativeDest: `_locales/${locale}/messages.json`,
          contents: JSON.stringify(messages, null, 2),
        });
      }
    },
  },
});
