// When to look at the page again: after DOM changes (not our own), history and hash
// changes, form input, late loads. Debounced with a ceiling, so that a page that changes
// every 100 ms is looked at about once a second and an idle page never.

export interface WatchOptions {
  /** Quiet time after the last change before recognising again. */
  debounceMs?: number;
  /** A page that never goes quiet is still looked at this often. */
  maxWaitMs?: number;
}

export interface Watcher {
  /** Ask for a run (debounced). */
  poke(): void;
  stop(): void;
}

// Attributes that change what a holder sees (a box shown, a button enabled, a choice made).
const ATTRIBUTES = ['style', 'class', 'hidden', 'disabled', 'value', 'selected', 'checked', 'open', 'aria-hidden', 'src', 'href'];

export function watchPage(win: Window, owns: (node: Node | null) => boolean, run: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 120;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const doc = win.document;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;
  let stopped = false;
  let waitingForVisible = false;

  const fire = () => {
    timer = undefined;
    if (stopped) return;
    if (doc.hidden) {
      // A background tab is looked at when it comes back, not before.
      waitingForVisible = true;
      return;
    }
    run();
  };

  const poke = () => {
    if (stopped) return;
    const now = Date.now();
    if (timer === undefined) firstAt = now;
    else clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - now)));
  };

  const ownOnly = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (!owns(nodes[i]!)) return false;
    return true;
  };
  // The page window's own constructor: a frame's document is observed from its own realm.
  const Observer = (win as unknown as typeof globalThis).MutationObserver;
  const observer = new Observer((records: MutationRecord[]) => {
    for (const r of records) {
      if (owns(r.target)) continue;
      if (r.type === 'childList' && ownOnly(r.addedNodes) && ownOnly(r.removedNodes)) continue;
      poke();
      return;
    }
  });
  observer.observe(doc, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });

  const onVisible = () => {
    if (!doc.hidden && waitingForVisible) {
      waitingForVisible = false;
      poke();
    }
  };
  const winEvents = ['popstate', 'hashchange', 'load', 'pageshow'];
  const docEvents = ['input', 'change'];
  for (const e of winEvents) win.addEventListener(e, poke);
  for (const e of docEvents) doc.addEventListener(e, poke, true);
  doc.addEventListener('visibilitychange', onVisible);
  // pushState/replaceState happen in the page's world; the Navigation API reports them here.
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener?.('currententrychange', poke);

  return {
    poke,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      observer.disconnect();
      for (const e of winEvents) win.removeEventListener(e, poke);
      for (const e of docEvents) doc.removeEventListener(e, poke, true);
      doc.removeEventListener('visibilitychange', onVisible);
      nav?.removeEventListener?.('currententrychange', poke);
    },
  };
}
