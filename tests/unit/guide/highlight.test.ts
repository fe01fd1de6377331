// @vitest-environment happy-dom
// The outline reads the target's box only in an animation frame (never in the middle of
// the task that found it, which would force the page to lay out), and tells of a move only
// when the box moved.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createHighlighter, type Highlighter } from '../../../lib/guide/highlight';
import type { Rect } from '../../../lib/guide/placement';

let frames: FrameRequestCallback[];
let highlighter: Highlighter;
let moves: (Rect | null)[];
let layer: ShadowRoot;
let host: HTMLElement;

/** Runs the animation frame the highlighter asked for, if any. */
const frame = () => {
  const queued = frames;
  frames = [];
  for (const f of queued) f(0);
};

/** A control whose box the test decides; counts how often the box is read. */
function control(id: string, rect: { x: number; y: number; width: number; height: number }) {
  const el = document.createElement('a');
  el.id = id;
  document.body.appendChild(el);
  const box = { ...rect };
  const read = vi.fn(() => ({ left: box.x, top: box.y, width: box.width, height: box.height, right: box.x + box.width, bottom: box.y + box.height, x: box.x, y: box.y, toJSON() {} }) as DOMRect);
  el.getBoundingClientRect = read;
  const scrolled = vi.fn(() => {
    box.y = 100;
  });
  el.scrollIntoView = scrolled;
  return { el, box, read, scrolled };
}

const outline = () => layer.querySelector('.hl') as HTMLElement;

beforeEach(() => {
  frames = [];
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((f) => frames.push(f));
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => {});
  host = document.createElement('cpta-assistant');
  document.documentElement.appendChild(host);
  layer = host.attachShadow({ mode: 'open' });
  moves = [];
  highlighter = createHighlighter(window, layer, (r) => moves.push(r));
});
afterEach(() => {
  highlighter.destroy();
  host.remove();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('the outline and the page\'s layout', () => {
  test('marks the target at once, reads its box only in the next animation frame', () => {
    const t = control('next', { x: 10, y: 20, width: 60, height: 24 });
    highlighter.show(t.el);
    expect(t.el.hasAttribute('data-cpta-assistant-target')).toBe(true);
    expect(t.read).not.toHaveBeenCalled();
    expect(moves).toEqual([]);
    frame();
    expect(t.read).toHaveBeenCalledTimes(1);
    expect(moves).toEqual([{ x: 10, y: 20, width: 60, height: 24 }]);
    expect(outline().classList.contains('on')).toBe(true);
    expect(outline().style.left).toBe('6px');
    expect(highlighter.rect()).toEqual({ x: 10, y: 20, width: 60, height: 24 });
  });

  test('shown again where it was: no move is reported; moved by a scroll: one is', () => {
    const t = control('next', { x: 10, y: 20, width: 60, height: 24 });
    highlighter.show(t.el);
    frame();
    highlighter.show(t.el);
    highlighter.show(t.el);
    frame();
    expect(frames).toEqual([]);
    expect(moves).toHaveLength(1);
    t.box.y = 300;
    window.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('scroll'));
    frame();
    expect(moves).toEqual([{ x: 10, y: 20, width: 60, height: 24 }, { x: 10, y: 300, width: 60, height: 24 }]);
    expect(outline().style.top).toBe('296px');
  });

  test('moved by late images (load, no DOM change): the outline follows', () => {
    const t = control('next', { x: 10, y: 20, width: 60, height: 24 });
    highlighter.show(t.el);
    frame();
    t.box.y = 220;
    window.dispatchEvent(new Event('load'));
    frame();
    expect(moves.at(-1)).toEqual({ x: 10, y: 220, width: 60, height: 24 });
  });

  test('a new target off screen is scrolled into view, once', () => {
    const t = control('next', { x: 10, y: 5000, width: 60, height: 24 });
    highlighter.show(t.el);
    expect(t.scrolled).not.toHaveBeenCalled();
    frame();
    expect(t.scrolled).toHaveBeenCalledTimes(1);
    expect(moves).toEqual([{ x: 10, y: 100, width: 60, height: 24 }]);
    t.box.y = 5000;
    highlighter.show(t.el);
    frame();
    expect(t.scrolled).toHaveBeenCalledTimes(1);
  });

  test('hidden while collapsed, drawn where the target is now when shown again', () => {
    const t = control('next', { x: 10, y: 20, width: 60, height: 24 });
    highlighter.show(t.el);
    frame();
    highlighter.setVisible(false);
    frame();
    expect(outline().classList.contains('on')).toBe(false);
    t.box.y = 400;
    window.dispatchEvent(new Event('scroll'));
    frame();
    highlighter.setVisible(true);
    frame();
    expect(outline().classList.contains('on')).toBe(true);
    expect(outline().style.top).toBe('396px');
  });

  test('a target that left the page hides the outline and says so', () => {
    const t = control('next', { x: 10, y: 20, width: 60, height: 24 });
    highlighter.show(t.el);
    frame();
    t.el.remove();
    highlighter.show(t.el);
    frame();
    expect(outline().classList.contains('on')).toBe(false);
    expect(moves.at(-1)).toBeNull();
    highlighter.show(null);
    expect(t.el.hasAttribute('data-cpta-assistant-target')).toBe(false);
  });
});
