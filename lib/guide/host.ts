// The guide's own element in a page: a closed shadow root on a custom-named element,
// appended to <html> (not <body>, which portal scripts may rewrite). Content scripts
// cannot register custom elements, and need not: a valid custom element name is enough
// for attachShadow. Closed, because the page is untrusted: its scripts must not read the
// panel (what it says about the holder's records) nor find its buttons. The root is
// reachable only from the guide's own code (`shadowRootOf`, in the content script's world).

/** The panel's host in the top document (a contract: tests outside the project use it). */
export const PANEL_TAG = 'cpta-assistant';
/** The highlight's host in a frame that holds the target but not the panel. */
export const FRAME_TAG = 'cpta-assistant-frame';
/** Set on the control the guide highlights (a contract). */
export const TARGET_ATTRIBUTE = 'data-cpta-assistant-target';

// Inline and !important: a portal style sheet cannot hide, move or resize the host.
// It is fixed to a corner and as large as what it shows (the panel or the launcher).
const HOST_STYLE = ['all: initial', 'display: block', 'position: fixed', 'z-index: 2147483647', 'overflow: visible']
  .map((d) => `${d} !important`)
  .join('; ');
const CORNER_MARGIN = '16px';

/** Pins the host to a corner of the viewport ('br' = bottom right, ...). */
export function pinToCorner(host: HTMLElement, corner: 'br' | 'bl' | 'tr' | 'tl'): void {
  const vertical = corner[0] === 't' ? 'top' : 'bottom';
  const horizontal = corner[1] === 'l' ? 'left' : 'right';
  for (const side of ['top', 'bottom', 'left', 'right']) {
    if (side === vertical || side === horizontal) host.style.setProperty(side, CORNER_MARGIN, 'important');
    else host.style.setProperty(side, 'auto', 'important');
  }
}

export interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
  /** Puts the host back if the page removed it. */
  ensureAttached(): void;
  /** True for the host and anything inside it. */
  owns(node: Node | null): boolean;
  remove(): void;
}

/** Removes what an earlier injection of the guide left in the document. */
export function removeLeftovers(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll(`${PANEL_TAG}, ${FRAME_TAG}`))) el.remove();
  for (const el of Array.from(doc.querySelectorAll(`[${TARGET_ATTRIBUTE}]`))) el.removeAttribute(TARGET_ATTRIBUTE);
}

const roots = new WeakMap<Element, ShadowRoot>();

/** The closed shadow root of a host mounted here (the guide's own code and its tests only). */
export function shadowRootOf(host: Element | null | undefined): ShadowRoot | null {
  return (host && roots.get(host)) ?? null;
}

export function mountHost(doc: Document, tag: string, css: string): Mounted {
  const host = doc.createElement(tag);
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  const style = doc.createElement('style');
  style.textContent = css;
  root.appendChild(style);
  const attach = () => {
    if (!host.isConnected) (doc.documentElement ?? doc).appendChild(host);
  };
  attach();
  return {
    host,
    root,
    ensureAttached: attach,
    owns: (node) => !!node && (node === host || host.contains(node)),
    remove: () => host.remove(),
  };
}
