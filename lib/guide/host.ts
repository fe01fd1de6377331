// The guide's own element in a page: an open shadow root on a custom-named element,
// appended to <html> (not <body>, which portal scripts may rewrite). Content scripts
// cannot register custom elements, and need not: a valid custom element name is enough
// for attachShadow.

/** The panel's host in the top document (a contract: tests outside the project use it). */
export const PANEL_TAG = 'cpta-assistant';
/** The highlight's host in a frame that holds the target but not the panel. */
export const FRAME_TAG = 'cpta-assistant-frame';
/** Set on the control the guide highlights (a contract). */
export const TARGET_ATTRIBUTE = 'data-cpta-assistant-target';

// Inline and !important: a portal style sheet cannot hide, move or resize the host.
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'overflow: visible',
  'z-index: 2147483647',
  'contain: none',
]
  .map((d) => `${d} !important`)
  .join('; ');

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

export function mountHost(doc: Document, tag: string, css: string): Mounted {
  const host = doc.createElement(tag);
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'open' });
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
