// A frame below the top: recognises its own document, reports to the top frame through
// the background (which names this frame by its frameId), outlines its target when the
// top says so (through the background too), and records what it shows once the
// background confirms consent. Only geometry goes by window message (lib/guide/frames.ts).
import type { Send } from './messaging';
import { createAgent, type Agent, type Recognise } from './agent';
import { isPortalOrigin, NAMESPACE, topOrigin, type Listen, type ToFrame, type ToTopWindow } from './frames';
import { FRAME_TAG, mountHost, type Mounted } from './host';
import { HIGHLIGHT_CSS } from './styles';
import type { WatchOptions } from './watch';
import type { LoadPageReport } from './page-report';

export interface ChildOptions {
  win: Window;
  recognise: Recognise;
  send: Send;
  listen: Listen;
  now?: () => number;
  watch?: WatchOptions;
  pageReport?: LoadPageReport;
}

/** A random token naming this frame's window to the top (geometry only). */
function newToken(win: Window): string {
  const bytes = new Uint8Array(12);
  win.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function startChild(o: ChildOptions): () => void {
  const { win, send } = o;
  const origin = topOrigin(win);
  const top = win.top;
  // Under a page that is not the portal's, the guide stays silent: nothing to show it in,
  // and nothing of the portal's is posted to a foreign page.
  if (!origin || !top || !isPortalOrigin(origin)) return () => {};

  const token = newToken(win);
  let layer: Mounted | null = null;
  const post = (message: ToTopWindow) => {
    try {
      top.postMessage(message, origin);
    } catch {
      // The top went away.
    }
  };
  const where = () => post({ ns: NAMESPACE, type: 'where', token });

  // Assigned once created: the first recognition reports before createAgent returns.
  // eslint-disable-next-line prefer-const -- a const would be read before it exists
  let agent: Agent | undefined;
  // Nothing is told before the first pass over the page has ended (it may take a few slices).
  let reported = false;
  const sendReport = () => {
    if (!agent || !reported) return;
    void send({ type: 'guide/frame-report', token, report: agent.report(), rect: agent.rect() });
  };
  agent = createAgent({
    win,
    recognise: o.recognise,
    send,
    owns: (n) => !!layer?.owns(n),
    layer: () => (layer ??= mountHost(win.document, FRAME_TAG, HIGHLIGHT_CSS)).root,
    onReport: (report) => {
      reported = true;
      void send({ type: 'guide/frame-report', token, report, rect: agent?.rect() ?? null });
    },
    onRect: (rect) => post({ ns: NAMESPACE, type: 'rect', token, rect }),
    onNote: (note) => void send({ type: 'guide/frame-note', note }),
    now: o.now,
    watch: o.watch,
  });

  const unlisten = o.listen((message) => {
    const data = message as Partial<ToFrame> | null;
    if (!data || data.type !== 'guide/to-frame' || !agent) return;
    if (data.say === 'hello') {
      where();
      sendReport();
    } else if (data.say === 'active') agent.setActive(data.active === true, data.visible !== false);
    // Consent is never taken from a message: the background is asked.
    else if (data.say === 'consent') void agent.refreshContext();
  });
  const onHide = () => void send({ type: 'guide/frame-bye', token });
  win.addEventListener('pagehide', onHide);
  where();
  sendReport();

  return () => {
    unlisten();
    win.removeEventListener('pagehide', onHide);
    agent?.stop();
    layer?.remove();
    onHide();
  };
}
