import { browser } from 'wxt/browser';
import { recognisePageInSlicesWith } from '../lib/portal/recognise-core';
import { PORTAL_MATCHES } from '../lib/portal/hosts';
import { startGuide } from '../lib/guide/start';
import { pageReportLoader } from '../lib/guide/page-report';
import { lazyDetails } from '../lib/guide/details';
import { devLog } from '../lib/log';

// The extension's own global, in Chrome and in Firefox's content scripts alike.
declare const chrome: { runtime: { getURL(path: string): string } };

export default defineContentScript({
  matches: PORTAL_MATCHES,
  allFrames: true,
  // Idle, not document_end: measured side by side, document_end showed the guide no
  // sooner on these pages and cost the portal more (×1.72 against ×1.48 on the page that
  // changes every 100 ms): reading the page before its first frame adds work to it.
  runAt: 'document_idle',
  // The guide stops itself when another injection takes over or the extension's context
  // dies (lib/guide/start.ts); wxt's context is not used (lib/guide/script-context.ts).
  main() {
    // `import(chrome.runtime.getURL(…))` is the dynamic import that Firefox's add-on linter
    // (web-ext lint) accepts as loading the extension's own file. wxt's `browser` would not
    // do: the bundler renames it, and any other argument is flagged as unsafe.
    const details = lazyDetails(
      // A step that throws is skipped (the page is read by the others); a development build says which.
      // Read in slices: a long list never holds the page up for more than a few milliseconds.
      (doc, url, details) => recognisePageInSlicesWith(doc, url, { details, onStepError: import.meta.env.DEV ? (step, error) => devLog('step', `${step} threw`, error) : undefined }),
      () => import(/* @vite-ignore */ chrome.runtime.getURL('/validity-reader.js')),
    );
    startGuide({
      win: window,
      recognise: details.recognise,
      runtime: () => browser.runtime,
      i18n: browser.i18n,
      watch: { wake: details.wake },
      pageReport: pageReportLoader(() => import(/* @vite-ignore */ chrome.runtime.getURL('/page-report.js'))),
    });
  },
});
