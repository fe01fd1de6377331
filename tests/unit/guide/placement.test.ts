import { describe, expect, test } from 'vitest';
import { chooseCorner, cornerRect, overlapArea, type Corner } from '../../../lib/guide/placement';

const VIEW = { width: 1280, height: 800 };
const PANEL = { width: 340, height: 500 };

describe('the panel never covers the highlighted control', () => {
  test('no target: the panel stays where it is', () => {
    expect(chooseCorner(VIEW, PANEL, null, 'br')).toBe('br');
    expect(chooseCorner(VIEW, PANEL, null, 'tl')).toBe('tl');
  });

  test('a target clear of the current corner does not move the panel', () => {
    expect(chooseCorner(VIEW, PANEL, { x: 100, y: 100, width: 60, height: 24 }, 'br')).toBe('br');
  });

  test.each<[string, { x: number; y: number; width: number; height: number }, Corner]>([
    ['bottom right', { x: 1150, y: 700, width: 60, height: 24 }, 'bl'],
    ['right, middle height', { x: 1100, y: 400, width: 60, height: 24 }, 'bl'],
  ])('a target at the %s sends the panel to a corner that leaves it clear', (_where, target, expected) => {
    const corner = chooseCorner(VIEW, PANEL, target, 'br');
    expect(corner).toBe(expected);
    expect(overlapArea(cornerRect(corner, VIEW, PANEL), target)).toBe(0);
  });

  test('whatever the target, the chosen corner covers it no more than any other corner', () => {
    for (let x = 0; x < VIEW.width; x += 80) {
      for (let y = 0; y < VIEW.height; y += 80) {
        const target = { x, y, width: 70, height: 30 };
        const corner = chooseCorner(VIEW, PANEL, target, 'br');
        const mine = overlapArea(cornerRect(corner, VIEW, PANEL), target);
        for (const other of ['br', 'bl', 'tr', 'tl'] as Corner[]) {
          expect(mine).toBeLessThanOrEqual(overlapArea(cornerRect(other, VIEW, PANEL), target));
        }
      }
    }
  });

  test('a small panel (the launcher) moves only when the target is in its corner', () => {
    const launcher = { width: 120, height: 40 };
    expect(chooseCorner(VIEW, launcher, { x: 600, y: 400, width: 60, height: 24 }, 'br')).toBe('br');
    expect(chooseCorner(VIEW, launcher, { x: 1180, y: 750, width: 60, height: 24 }, 'br')).not.toBe('br');
  });
});
