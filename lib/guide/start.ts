// Starts the guide in one frame: the panel in the top frame, a reporter in the others.
// A second injection (after an extension update) takes over from the first: the old one
// hears the takeover event, stops, and its elements are removed before new ones appear.
import { createSend, type RuntimeLike } from './messaging';
import type { I18nLike } from './strings';
import { removeLeftovers } from './host';
import { startTop } from './top';
import { startChild } from './child';
import type { Recognise } from './agent';
import type { WatchOptions } from './watch';
import type { LoadPageReport } from './page-report';

export const TAKEOVER_EVENT = 'cpta-assistant:takeover';

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
  doc.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  removeLeftovers(doc);

  let stopped = false;
  let stopPart: () => void = () => {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    doc.removeEventListener(TAKEOVER_EVENT, stop);
    try {
      stopPart();
    } catch {
      // Leaving quietly.
    }
  };
  doc.addEventListener(TAKEOVER_EVENT, stop);

  const send = createSend(env.runtime, stop);
  // After an update the old script lives on with a dead runtime: it notices on its next
  // look at the page and leaves, instead of showing a panel that can no longer save.
  const recognise: Recognise = (doc, url) => {
    if (!env.runtime()?.id) {
      setTimeout(stop, 0);
      return { step: 'unknown', specificity: 0, target: null, lines: [] };
    }
    return env.recognise(doc, url);
  };
  const options = { win, recognise, send, now: env.now, watch: env.watch, pageReport: env.pageReport };
  try {
    stopPart = win === win.top ? startTop({ ...options, i18n: env.i18n }) : startChild(options);
  } catch {
    stopPart = () => {};
  }
  // The extension may have died while starting.
  if (stopped) stopPart();
  return stop;
}
