// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { watchPage, type Watcher } from '../../../lib/guide/watch';
import { holderClick } from './helpers';

let runs = 0;

/** A `pageshow` as the browser fires it; `persisted`: the page came back from the back-forward cache. */
const pageShow = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });
let watcher: Watcher;
let own: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="page"><p id="text">数据加载中</p></div>';
  own = document.createElement('cpta-assistant');
  document.documentElement.appendChild(own);
  runs = 0;
  watcher = watchPage(window, (n) => !!n && (n === own || own.contains(n)), () => runs++);
});
afterEach(() => {
  watcher.stop();
  own.remove();
  vi.useRealTimers();
});

describe('when the guide looks at the page again', () => {
  test('an idle page is never looked at again', async () => {
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(0);
  });

  test('late content: looked at once, shortly after it stops changing', async () => {
    document.getElementById('text')!.textContent = '证书列表';
    document.getElementById('page')!.appendChild(document.createElement('table'));
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
  });

  test("the holder's click on the page (a picker may write a field's value then): looked at once, shortly after", async () => {
    holderClick(document.getElementById('text')!);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(1);
  });

  test("a page script's click(), or a click on the guide's own element, is no reason to look", async () => {
    document.getElementById('text')!.click();
    holderClick(own);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(0);
  });

  test('a page that changes every 100 ms is looked at about once a second, not ten times', async () => {
    for (let i = 0; i < 50; i++) {
      document.getElementById('text')!.textContent = `tick ${i}`;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(runs).toBeLessThanOrEqual(6);
  });

  test('a reader the last look waited for arrives (wake): looked at at once, and the look the page\'s change had asked for is that one', async () => {
    let look: (() => void) | undefined;
    let looks = 0;
    const w = watchPage(window, () => false, () => looks++, { wake: (l) => (look = l) });
    document.getElementById('text')!.textContent = '证书列表';
    await vi.advanceTimersByTimeAsync(50);
    expect(looks).toBe(0);
    look!();
    expect(looks).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(looks).toBe(1);
    w.stop();
    look!();
    expect(looks).toBe(1);
  });

  test('the guide\'s own element changing is not the page changing', async () => {
    own.setAttribute('data-step', 'cert-list');
    own.appendChild(document.createElement('div'));
    own.remove();
    document.documentElement.appendChild(own);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(0);
  });

  test('history, hash and form input are looked at', async () => {
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(500);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(500);
    const select = document.createElement('select');
    document.body.appendChild(select);
    await vi.advanceTimersByTimeAsync(500);
    const before = runs;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(500);
    expect(before).toBe(3);
    expect(runs).toBe(4);
  });

  test('load and pageshow on a page that did not change since the last look are no reason to read it again', async () => {
    window.dispatchEvent(new Event('load'));
    window.dispatchEvent(pageShow(false));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(0);
    document.getElementById('text')!.textContent = '证书列表';
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
    window.dispatchEvent(new Event('load'));
    window.dispatchEvent(pageShow(false));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(1);
  });

  test('load after a change not yet looked at: looked at once, not twice', async () => {
    document.getElementById('text')!.textContent = '证书列表';
    window.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(1);
  });

  test('a page back from the back-forward cache is looked at again, though its DOM is the same', async () => {
    window.dispatchEvent(pageShow(true));
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
  });

  test('a change made while the tab was hidden is looked at when it shows again', async () => {
    let hidden = true;
    const spy = vi.spyOn(document, 'hidden', 'get').mockImplementation(() => hidden);
    try {
      document.getElementById('text')!.textContent = '证书列表';
      await vi.advanceTimersByTimeAsync(500);
      expect(runs).toBe(0);
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(500);
      expect(runs).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  test('a style change that shows a confirmation counts; our target attribute does not', async () => {
    document.getElementById('page')!.setAttribute('data-cpta-assistant-target', '');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(0);
    document.getElementById('page')!.setAttribute('style', 'display:none');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
  });

  test('after stop nothing runs', async () => {
    watcher.stop();
    document.getElementById('text')!.textContent = 'x';
    watcher.poke();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(0);
  });
});
