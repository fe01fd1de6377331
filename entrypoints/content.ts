export default defineContentScript({
  matches: ['*://*.cpta.com.cn/*', '*://cpta.com.cn/*', '*://cpta.mohrss.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main() {},
});
