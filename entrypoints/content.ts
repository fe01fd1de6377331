import { browser } from 'wxt/browser';
import { recognisePage } from '../lib/portal/recognise';
import { startGuide } from '../lib/guide/start';

export default defineContentScript({
  matches: ['*://*.cpta.com.cn/*', '*://cpta.com.cn/*', '*://cpta.mohrss.gov.cn/*'],
  allFrames: true,
  // Right after the page's DOMContentLoaded, not whenever Chrome finds it idle (up to
  // load or 200 ms later): the guide is there as soon as the page can be read, and the
  // watcher catches whatever the page adds later.
  runAt: 'document_end',
  main(ctx) {
    const stop = startGuide({
      win: window,
      recognise: (doc, url) => recognisePage(doc, url),
      runtime: () => browser.runtime,
      i18n: browser.i18n,
    });
    ctx.onInvalidated(stop);
  },
});
