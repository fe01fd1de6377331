import { browser } from 'wxt/browser';
import { recognisePage } from '../lib/portal/recognise';
import { startGuide } from '../lib/guide/start';

export default defineContentScript({
  matches: ['*://*.cpta.com.cn/*', '*://cpta.com.cn/*', '*://cpta.mohrss.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
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
