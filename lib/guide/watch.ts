// When to look at the page again: after DOM changes (not our own, and, given `matters`,
// only those that can change what is read), history and hash changes, form input, the
// holder's clicks (a page script may write a field's value then), a resize (the style
// sheets' @media may show other parts), a page
// back from the back-forward cache. Debounced with a ceiling,
// so that a page that changes every 100 ms is looked at about once a second and an idle
// page never. `load` and `pageshow` alone are no reason: a page that did not change since
// the last look would only be read again in full for the same answer.

export interface WatchOptions {
  /** Quiet time after the last change before recognising again. */
  debounceMs?: number;
  /** A page that never goes quiet is still looked at this often. */
  maxWaitMs?: number;
  /** Every batch of DOM changes, whole (our own included), before any of its records is asked about. */
  onBatch?(records: readonly MutationRecord[]): void;
  /** Whether a DOM change can change what a look would see (lib/guide/relevance.ts); every change does without it. */
  matters?(record: MutationRecord): boolean;
  /** A batch of changes that did not matter (the outline may still have to follow its control). */
  onQuietChange?(records: MutationRecord[]): void;
  /**
   * Something besides the page can change what a look sees: a reader that the content
   * script loads when a look first needs it (lib/guide/details.ts). `look` looks at once.
   */
  wake?(look: () => void): void;
}

export interface Watcher {
  /** Ask for a run (debounced). */
  poke(): void;
  stop(): void;
}

/**
 * Attributes whose change can change what recognition reads: what a holder sees (a box
 * shown, a button enabled, a choice made) and every attribute lib/portal reads (a
 * control's name from aria-label, title or alt, a field's type, placeholder or readonly,
 * a role or onclick that makes a control, a label's for, a cell's colspan).
 * tests/unit/guide/watch-attributes.test.ts holds this list to what lib/portal reads.
 */
export const ATTRIBUTES = [
  'style', 'class', 'hidden', 'disabled', 'value', 'selected', 'checked', 'open', 'aria-hidden', 'src', 'href',
  'aria-disabled', 'aria-label', 'title', 'alt', 'placeholder', 'type', 'readonly', 'role', 'onclick', 'for', 'colspan',
];

export function watchPage(win: Window, owns: (node: Node | null) => boolean, run: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 120;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const doc = win.document;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;
  let stopped = false;
  let waitingForVisible = false;
  // A change of the page's DOM that no look has seen yet.
  let changed = false;

  const fire = () => {
    timer = undefined;
    if (stopped) return;
    if (doc.hidden) {
      // A background tab is looked at when it comes back, not before.
      waitingForVisible = true;
      return;
    }
    changed = false;
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
  const matters = options.matters;
  const observer = new Observer((records: MutationRecord[]) => {
    options.onBatch?.(records);
    let quiet = false;
    for (const r of records) {
      if (owns(r.target)) continue;
      if (r.type === 'childList' && ownOnly(r.addedNodes) && ownOnly(r.removedNodes)) continue;
      if (matters && !matters(r)) {
        quiet = true;
        continue;
      }
      changed = true;
      poke();
      return;
    }
    if (quiet) options.onQuietChange?.(records);
  });
  // Old values: a change that takes a flow word away matters as much as one that brings it.
  observer.observe(doc, { childList: true, subtree: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true, attributeFilter: ATTRIBUTES });

  const onVisible = () => {
    if (!doc.hidden && waitingForVisible) {
      waitingForVisible = false;
      poke();
    }
  };
  const onLoad = () => {
    if (changed) poke();
  };
  const onPageShow = (event: Event) => {
    // Back from the back-forward cache: the tab may have moved on meanwhile.
    if (changed || (event as PageTransitionEvent).persisted) poke();
  };
  // The holder's click may make the page's own script write a field's value (a date picker
  // does so): a value no record reports and no input event announces. Looked at after it.
  // Only the holder's own click (a key that activates a control clicks it too): a page
  // script's click() would only make the guide read the page for nothing.
  const onHolder = (event: Event) => {
    if (event.isTrusted && !owns(event.target as Node | null)) poke();
  };
  // A resize can cross a breakpoint of the page's style sheets (@media): another button shown, no record.
  const winEvents = ['popstate', 'hashchange', 'resize'];
  const docEvents = ['input', 'change'];
  const holderEvents = ['click'];
  for (const e of winEvents) win.addEventListener(e, poke);
  win.addEventListener('load', onLoad);
  win.addEventListener('pageshow', onPageShow);
  for (const e of docEvents) doc.addEventListener(e, poke, true);
  for (const e of holderEvents) doc.addEventListener(e, onHolder, true);
  doc.addEventListener('visibilitychange', onVisible);
  // pushState/replaceState happen in the page's world; the Navigation API reports them here.
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener?.('currententrychange', poke);

  // A reader the last look waited for has arrived: look again now, not after the debounce.
  options.wake?.(() => {
    if (timer !== undefined) clearTimeout(timer);
    fire();
  });

  return {
    poke,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      observer.disconnect();
      for (const e of winEvents) win.removeEventListener(e, poke);
      win.removeEventListener('load', onLoad);
      win.removeEventListener('pageshow', onPageShow);
      for (const e of docEvents) doc.removeEventListener(e, poke, true);
      for (const e of holderEvents) doc.removeEventListener(e, onHolder, true);
      doc.removeEventListener('visibilitychange', onVisible);
      nav?.removeEventListener?.('currententrychange', poke);
    },
  };
}
