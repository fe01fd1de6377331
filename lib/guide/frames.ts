// How the top frame and the frames below it talk. What the panel says (a frame's
// recognition, a note) and what a frame is told to do (outline its target, ask again
// about consent) travel through the extension's messaging: the background relays them
// and names the sending frame by the frameId the browser gives it, which no page script
// can forge or read. Window messages carry geometry only (where a frame's window is, its
// target's box), so that a page posting from a frame it created can at most nudge the
// panel's corner, never change its step or what is remembered.
import type { FrameReport } from './report';
import type { Note } from '../messages';

export const NAMESPACE = 'cpta-assistant/v1';

/** What the panel confirms after a recording; described once, in lib/messages.ts. */
export type { Note };

/** Window messages from a frame to the top: which window holds a token, and its target's box. */
export type ToTopWindow =
  | { ns: typeof NAMESPACE; type: 'where'; token: string }
  | { ns: typeof NAMESPACE; type: 'rect'; token: string; rect: FrameRect | null };

/** Relayed by the background to the top frame (lib/background/router.ts). */
export type FromFrame = { type: 'guide/from-frame'; frameId: number } & (
  | { kind: 'report'; token: string; report: FrameReport; rect: FrameRect | null }
  | { kind: 'note'; note: Note }
  | { kind: 'bye'; token: string }
);

/** Relayed by the background from the top frame to a frame. */
export type ToFrame =
  | { type: 'guide/to-frame'; say: 'hello' | 'consent' }
  | { type: 'guide/to-frame'; say: 'active'; active: boolean; visible: boolean };

/** Subscribes to messages from the extension (runtime.onMessage); returns the unsubscribe. */
export type Listen = (handler: (message: unknown) => void) => () => void;

/** A rectangle in the sending frame's viewport. */
export interface FrameRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export { isPortalHost, isPortalOrigin } from '../portal/hosts';

export function isOurs(data: unknown): data is { ns: string; type: string } {
  return !!data && typeof data === 'object' && (data as { ns?: unknown }).ns === NAMESPACE && typeof (data as { type?: unknown }).type === 'string';
}

/** The top window's origin as this frame can learn it, or null. */
export function topOrigin(win: Window): string | null {
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[ancestors.length - 1] ?? null;
  try {
    return win.top!.location.origin;
  } catch {
    // Cross-origin top without ancestorOrigins (Firefox): the referrer of a direct child.
  }
  if (win.parent === win.top && win.document.referrer) {
    try {
      return new URL(win.document.referrer).origin;
    } catch {
      return null;
    }
  }
  return null;
}

/** True when `source` is a frame somewhere below `win` (not `win` itself). */
export function isDescendant(win: Window, source: MessageEventSource | null, depth = 0): boolean {
  if (!source || depth > 6) return false;
  const frames = win.frames;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (!f) continue;
    if (f === source) return true;
    if (isDescendant(f, source, depth + 1)) return true;
  }
  return false;
}

/** The <iframe>/<frame> element in `doc` whose window is `source`, if it is a direct child. */
export function frameElementOf(doc: Document, source: MessageEventSource | null): HTMLIFrameElement | HTMLFrameElement | null {
  if (!source) return null;
  for (const el of Array.from(doc.querySelectorAll<HTMLIFrameElement | HTMLFrameElement>('iframe, frame'))) {
    if (el.contentWindow === source) return el;
  }
  return null;
}
