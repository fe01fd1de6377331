import { browser } from 'wxt/browser';
import { createPageReportApi } from '../lib/report/lazy';
import { PAGE_REPORT_GLOBAL } from '../lib/guide/page-report';

// Loaded by the content script (lib/guide/page-report.ts) when the holder asks for a page
// report; it runs in the content script's world and leaves its API on that world's global.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PAGE_REPORT_GLOBAL] = createPageReportApi({
    version: browser.runtime.getManifest().version,
    userAgent: navigator.userAgent,
  });
});
