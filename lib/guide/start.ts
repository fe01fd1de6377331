// Starts the guide in one frame: the panel in the top frame, a reporter in the others.
// A second injection takes over from the first, by means no page script can use:
// - in the same content-script world, the running guide leaves its stop function on that
//   world's own global, which the page's scripts (another world) never see;
// - an injection whose extension context died (the extension was updated) lives on in an
//   older world: it hears the takeover event on the document, but heeds it only when its
//   own runtime is gone. A page dispatching that event therefore moves nothing: a live
//   guide ignores it, and a dead one was leaving anyway.
import { createListen, createSend, type RuntimeLike } from './messaging';
import type { I18nLike } from './strings';
import { removeLeftovers } from './host';
import { startTop } from './top';
import { startChild } from './child';
import type { Recognise } from './agent';
import type { WatchOptions } from './watch';
import type { LoadPageReport } from './page-report';
import { unknownRecognition } from '../portal/recognise-core';

export const TAKEOVER_EVENT = 'cpta-assistant:takeover';
/** Where the running guide keeps its stop function: on the content script's own global. */
const RUNNING = '__cptaAssistantGuide';

type World = { [RUNNING]?: () => void };

export interface GuideEnv {
  win: Window;
  recognise: Recognise;
  /** The extension runtime, read afresh each time (it disappears when the context dies). */
  runtime: () => RuntimeLike | undefined;
  /** The extension's i18n: the panel's strings in the browser's language. */
  i18n?: I18nLike;
  now?: () => number;
  watch?: WatchOptions;
  /** Loads the page report's code when the holder asks for one. */
  pageReport?: LoadPageReport;
}

export function startGuide(env: GuideEnv): () => void {
  const { win } = env;
  const doc = win.document;
  const world = globalThis as World;
  try {
    world[RUNNING]?.();
  } catch {
    // The earlier guide was already gone.
  }
  doc.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  removeLeftovers(doc);

  let stopped = false;
  let stopPart: () => void = () => {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    doc.removeEventListener(TAKEOVER_EVENT, onTakeover);
    if (world[RUNNING] === stop) delete world[RUNNING];
    try {
      stopPart();
    } catch {
      // Leaving quietly.
    }
  };
  const onTakeover = () => {
    if (!env.runtime()?.id) stop();
  };
  doc.addEventListener(TAKEOVER_EVENT, onTakeover);
  world[RUNNING] = stop;

  const send = createSend(env.runtime, stop);
  // After an update the old script lives on with a dead runtime: it notices on its next
  // look at the page and leaves, instead of showing a panel that can no longer save.
  const recognise: Recognise = (doc, url) => {
    if (!env.runtime()?.id) {
      setTimeout(stop, 0);
      return unknownRecognition();
    }
    return env.recognise(doc, url);
  };
  const listen = createListen(env.runtime);
  const options = { win, recognise, send, listen, now: env.now, watch: env.watch, pageReport: env.pageReport };
  try {
    stopPart = win === win.top ? startTop({ ...options, i18n: env.i18n }) : startChild(options);
  } catch {
    stopPart = () => {};
  }
  // The extension may have died while starting.
  if (stopped) stopPart();
  return stop;
}
