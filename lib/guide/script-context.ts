// What the content script's build uses in place of wxt's ContentScriptContext (aliased in
// wxt.config.ts). wxt's class stops an older injection when a newer one starts, which
// lib/guide/start.ts already does by means no page script can use; and on every start it
// posts a message to the page (`window.postMessage(…, '*')`) that any portal script could
// read to learn that the extension is there. It also weighed 0.8 KB gzipped on every
// portal page. The guide asks nothing of the context it is handed.
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
