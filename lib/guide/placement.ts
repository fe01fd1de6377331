// Where the panel goes: a corner of the viewport that does not cover the highlighted
// control. Pure, so it is tested with plain numbers.

export type Corner = 'br' | 'bl' | 'tr' | 'tl';
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ORDER: Corner[] = ['br', 'bl', 'tr', 'tl'];
export const PANEL_MARGIN = 16;
/** Breathing room kept around the target. */
const TARGET_PAD = 8;

export function cornerRect(corner: Corner, viewport: { width: number; height: number }, size: { width: number; height: number }): Rect {
  const width = Math.min(size.width, Math.max(0, viewport.width - 2 * PANEL_MARGIN));
  const height = Math.min(size.height, Math.max(0, viewport.height - 2 * PANEL_MARGIN));
  const x = corner === 'bl' || corner === 'tl' ? PANEL_MARGIN : viewport.width - PANEL_MARGIN - width;
  const y = corner === 'tl' || corner === 'tr' ? PANEL_MARGIN : viewport.height - PANEL_MARGIN - height;
  return { x, y, width, height };
}

export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The current corner if it leaves the target clear (no jumping about), else the first
 * corner that does, else the one that covers least of it.
 */
export function chooseCorner(
  viewport: { width: number; height: number },
  size: { width: number; height: number },
  target: Rect | null,
  current: Corner = 'br',
): Corner {
  if (!target || target.width <= 0 || target.height <= 0) return current;
  const padded = { x: target.x - TARGET_PAD, y: target.y - TARGET_PAD, width: target.width + 2 * TARGET_PAD, height: target.height + 2 * TARGET_PAD };
  const cost = (c: Corner) => overlapArea(cornerRect(c, viewport, size), padded);
  if (cost(current) === 0) return current;
  let best = current;
  for (const c of ORDER) if (cost(c) < cost(best)) best = c;
  return best;
}
