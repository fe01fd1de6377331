// The outline around the next control: a fixed box in our shadow root, kept over the
// target on scroll and resize, plus the contract attribute on the target itself. Never
// throws: a target that left the page just hides.
// The target's box is read only in an animation frame, before any of our writes, so that
// reading it never forces the page to lay out in the middle of a task (on a 10,000-element
// list that was a 33–45 ms layout on top of the one the frame does anyway); the outline
// and the listeners hear of a move only when the box actually moved.
import { TARGET_ATTRIBUTE } from './host';
import type { Rect } from './placement';

export interface Highlighter {
  /** Outline `target` (null hides). Scrolls it into view when it is new and off screen. */
  show(target: Element | null): void;
  /** Keeps the attribute but hides the outline (panel collapsed), or shows it again. */
  setVisible(visible: boolean): void;
  /** The target's box in this window's viewport when last placed, if shown. */
  rect(): Rect | null;
  destroy(): void;
}

const PAD = 4;

export const sameRect = (a: Rect | null, b: Rect | null): boolean =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

export function createHighlighter(win: Window, layer: ShadowRoot, onMove: (rect: Rect | null) => void = () => {}): Highlighter {
  const doc = layer.ownerDocument ?? win.document;
  const box = doc.createElement('div');
  box.className = 'hl';
  box.setAttribute('aria-hidden', 'true');
  layer.appendChild(box);
  let target: Element | null = null;
  let visible = true;
  let frame = 0;
  let listening = false;
  // A new target is brought into view once, when first measured.
  let reveal = false;
  // What was last measured, and what the box was last drawn at.
  let placed: Rect | null = null;
  let drawn: Rect | null = null;
  let shown = false;

  const measure = (): Rect | null => {
    if (!target || !target.isConnected) return null;
    const r = target.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  };

  const inView = (r: Rect) => r.y >= 0 && r.x >= 0 && r.y + r.height <= win.innerHeight && r.x + r.width <= win.innerWidth;

  const place = () => {
    frame = 0;
    let r: Rect | null = null;
    try {
      // Reads first.
      r = measure();
      if (r && reveal && target) {
        reveal = false;
        if (!inView(r)) {
          target.scrollIntoView({ block: 'center', inline: 'nearest' });
          r = measure();
        }
      }
    } catch {
      r = null;
    }
    // Then writes, only of what changed.
    const on = !!r && visible;
    if (r && on && !sameRect(r, drawn)) {
      drawn = r;
      box.style.left = `${r.x - PAD}px`;
      box.style.top = `${r.y - PAD}px`;
      box.style.width = `${r.width + 2 * PAD}px`;
      box.style.height = `${r.height + 2 * PAD}px`;
    }
    if (on !== shown) {
      shown = on;
      box.classList.toggle('on', on);
    }
    const changed = !sameRect(r, placed);
    placed = r;
    if (changed) onMove(r);
  };

  const schedule = () => {
    if (!frame) frame = win.requestAnimationFrame(place);
  };

  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    win[method]('scroll', schedule, { capture: true, passive: true } as AddEventListenerOptions);
    win[method]('resize', schedule, { passive: true } as AddEventListenerOptions);
    // Late images move the control without changing the DOM: the page is not read again
    // on load, but the outline is put back over its control.
    win[method]('load', schedule);
  };

  return {
    show(next) {
      try {
        if (next !== target) {
          target?.removeAttribute(TARGET_ATTRIBUTE);
          target = next;
          reveal = !!target;
          target?.setAttribute(TARGET_ATTRIBUTE, '');
        }
        listen(!!target);
        schedule();
      } catch {
        box.classList.remove('on');
        shown = false;
      }
    },
    setVisible(v) {
      if (v === visible) return;
      visible = v;
      schedule();
    },
    rect: () => placed,
    destroy() {
      listen(false);
      if (frame) win.cancelAnimationFrame(frame);
      target?.removeAttribute(TARGET_ATTRIBUTE);
      target = null;
      box.remove();
    },
  };
}
