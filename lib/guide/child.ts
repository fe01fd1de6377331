// A frame below the top: recognises its own document, reports to the top frame (only a
// portal top, at its exact origin), outlines its target when told to, and records what
// it shows once the background confirms consent.
import type { Send } from './messaging';
import { createAgent, type Agent, type Recognise } from './agent';
import { isOurs, isPortalOrigin, NAMESPACE, topOrigin, type ToFrame, type ToTop } from './frames';
import { FRAME_TAG, mountHost, type Mounted } from './host';
import { HIGHLIGHT_CSS } from './styles';
import type { WatchOptions } from './watch';
import type { LoadPageReport } from './page-report';

export interface ChildOptions {
  win: Window;
  recognise: Recognise;
  send: Send;
  now?: () => number;
  watch?: WatchOptions;
  pageReport?: LoadPageReport;
}

export function startChild(o: ChildOptions): () => void {
  const { win } = o;
  const origin = topOrigin(win);
  const top = win.top;
  // Under a page that is not the portal's, the guide stays silent: nothing to show it in,
  // and nothing of the portal's is posted to a foreign page.
  if (!origin || !top || !isPortalOrigin(origin)) return () => {};

  const id = Math.random().toString(36).slice(2);
  let layer: Mounted | null = null;
  const post = (message: ToTop) => {
    try {
      top.postMessage(message, origin);
    } catch {
      // The top went away.
    }
  };

  // Assigned once created: the first recognition reports before createAgent returns.
  let agent: Agent | undefined;
  agent = createAgent({
    win,
    recognise: o.recognise,
    send: o.send,
    owns: (n) => !!layer?.owns(n),
    layer: () => (layer ??= mountHost(win.document, FRAME_TAG, HIGHLIGHT_CSS)).root,
    onReport: (report) => post({ ns: NAMESPACE, type: 'report', id, report, rect: agent?.rect() ?? null }),
    onRect: (rect) => post({ ns: NAMESPACE, type: 'rect', id, rect }),
    onNote: (note) => post({ ns: NAMESPACE, type: 'note', id, note }),
    now: o.now,
    watch: o.watch,
  });

  const onMessage = (event: MessageEvent) => {
    if (event.source !== top || !isPortalOrigin(event.origin) || !isOurs(event.data)) return;
    const data = event.data as ToFrame;
    if (!agent) return;
    if (data.type === 'hello') post({ ns: NAMESPACE, type: 'report', id, report: agent.report(), rect: agent.rect() });
    else if (data.type === 'active') agent.setActive(data.active === true, data.visible !== false);
    // Consent is never taken from a window message: the background is asked.
    else if (data.type === 'consent') void agent.refreshContext();
    // The holder asked the top for a page report: this frame reports its own document.
    else if (data.type === 'page-report-request' && o.pageReport)
      void o.pageReport().then((api) => api && post({ ns: NAMESPACE, type: 'page-report', id, request: String(data.request), page: api.documentOf(win) }), () => undefined);
  };
  const onHide = () => post({ ns: NAMESPACE, type: 'bye', id });
  win.addEventListener('message', onMessage);
  win.addEventListener('pagehide', onHide);
  post({ ns: NAMESPACE, type: 'report', id, report: agent.report(), rect: null });

  return () => {
    win.removeEventListener('message', onMessage);
    win.removeEventListener('pagehide', onHide);
    agent?.stop();
    layer?.remove();
    onHide();
  };
}
