// The outline around the next control: a fixed box in our shadow root, kept over the
// target on scroll and resize (one update per animation frame), plus the contract
// attribute on the target itself. Never throws: a target that left the page just hides.
import { TARGET_ATTRIBUTE } from './host';
import type { Rect } from './placement';

export interface Highlighter {
  /** Outline `target` (null hides). Scrolls it into view when it is new and off screen. */
  show(target: Element | null): void;
  /** Keeps the attribute but hides the outline (panel collapsed), or shows it again. */
  setVisible(visible: boolean): void;
  /** The target's box in this window's viewport, if shown. */
  rect(): Rect | null;
  destroy(): void;
}

const PAD = 4;

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

  const measure = (): Rect | null => {
    if (!target || !target.isConnected) return null;
    const r = target.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  };

  const place = () => {
    frame = 0;
    const r = measure();
    if (!r || !visible) {
      box.classList.remove('on');
    } else {
      box.style.left = `${r.x - PAD}px`;
      box.style.top = `${r.y - PAD}px`;
      box.style.width = `${r.width + 2 * PAD}px`;
      box.style.height = `${r.height + 2 * PAD}px`;
      box.classList.add('on');
    }
    onMove(r);
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
  };

  const inView = (r: Rect) => r.y >= 0 && r.x >= 0 && r.y + r.height <= win.innerHeight && r.x + r.width <= win.innerWidth;

  return {
    show(next) {
      try {
        if (next !== target) {
          target?.removeAttribute(TARGET_ATTRIBUTE);
          target = next;
          if (target) {
            target.setAttribute(TARGET_ATTRIBUTE, '');
            const r = measure();
            if (r && !inView(r)) target.scrollIntoView({ block: 'center', inline: 'nearest' });
          }
        }
        listen(!!target);
        place();
      } catch {
        box.classList.remove('on');
      }
    },
    setVisible(v) {
      if (v === visible) return;
      visible = v;
      schedule();
    },
    rect: measure,
    destroy() {
      listen(false);
      if (frame) win.cancelAnimationFrame(frame);
      target?.removeAttribute(TARGET_ATTRIBUTE);
      target = null;
      box.remove();
    },
  };
}
