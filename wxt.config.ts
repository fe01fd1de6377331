import { createRequire } from 'node:module';
import { defineConfig } from 'wxt';
import { localeMessagesForChrome } from './lib/i18n/catalog';
// The portal's hosts, named once (lib/portal/hosts.ts).
import { PORTAL_MATCHES } from './lib/portal/hosts';

export default defineConfig({
  // A separate output folder lets parallel builds (tests, benchmarks) not trip on each other.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    action: { default_title: '__MSG_extName__' },
    // Only what the product uses: storage for records, alarms and notifications for
    // reminders, and the portal's hosts for the in-page guide. No tabs, no <all_urls>.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    host_permissions: PORTAL_MATCHES,
    // The page report's code (lib/report/lazy.ts), imported by the content script only when
    // the holder asks for a report; reachable from the portal's pages alone, and in Chrome
    // under a URL that changes every session.
    web_accessible_resources:
      browser === 'firefox'
        ? ['page-report.js']
        : [{ resources: ['page-report.js'], matches: PORTAL_MATCHES, use_dynamic_url: true }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'cpta-cert-assistant@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // The content script runs on every portal page, so it carries no polyfill: it uses
    // runtime.id, runtime.sendMessage and i18n, which are promise-based in Chrome's MV3
    // and Firefox alike (the polyfill hands Firefox its own `browser` anyway). That is
    // 2.9 KB gzipped less to parse on each page. The pages and the worker keep it.
    'vite:build:extendConfig': (entrypoints, config) => {
      // The page report's script (entrypoints/page-report.ts) runs beside it, in the same world.
      if (!entrypoints.length || !entrypoints.every((e) => e.type === 'content-script' || e.name === 'page-report')) return;
      const native = createRequire(import.meta.url).resolve('@wxt-dev/browser');
      const alias = config.resolve?.alias;
      const rule = { find: /^wxt\/browser$/, replacement: native };
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(alias) ? [rule, ...alias] : [rule, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }))],
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
