// Frames talk to the top frame with window.postMessage. Every message carries our
// namespace; the top accepts only portal origins and only its own descendant frames,
// and a frame accepts only its own top window. Nothing here is trusted for recording:
// consent is always asked of the background.
import type { FrameReport } from './report';

export const NAMESPACE = 'cpta-assistant/v1';

export type Note =
  | { kind: 'certificates'; saved: number }
  | { kind: 'annotation'; state: string; validUntil?: string; lastDay?: 'portal' | 'estimated' | 'unknown'; change?: string; pageUntil?: string }
  | { kind: 'applied'; days: number }
  | { kind: 'problem'; reason: 'no-certificate' | 'no-dates' | 'bad-date' | 'error' };

export type ToTop =
  | { ns: typeof NAMESPACE; type: 'report'; id: string; report: FrameReport; rect: FrameRect | null }
  | { ns: typeof NAMESPACE; type: 'rect'; id: string; rect: FrameRect | null }
  | { ns: typeof NAMESPACE; type: 'note'; id: string; note: Note }
  | { ns: typeof NAMESPACE; type: 'bye'; id: string };

export type ToFrame =
  | { ns: typeof NAMESPACE; type: 'hello' }
  | { ns: typeof NAMESPACE; type: 'active'; active: boolean; visible: boolean }
  | { ns: typeof NAMESPACE; type: 'consent' };

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
