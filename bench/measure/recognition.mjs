// 3. One full recognition pass over the heavy page, in the browser (the baseline
// profile, so that the guide does not run alongside): the project's recognisePage,
// bundled unminified and injected into the page. Each pass is timed with the page's
// clock (100 µs steps, wall time); the main thread's CPU time over all passes (DevTools
// metrics in thread time) gives the mean CPU cost of a pass, which other processes on
// a busy machine do not inflate. With `profile`, a CPU profile names where it goes.
import { metricsSession } from '../browser.mjs';
import { summary } from '../stats.mjs';
import { selfTimeByFunction, totalTimeByFunction } from './planner.mjs';

/**
 * @param {{ base: import('../browser.mjs').Profile, url: string, script: string, passes: number, expectStep: string, profile?: boolean }} o
 */
export async function measureRecognition(o) {
  const page = await o.base.context.newPage();
  try {
    await page.goto(o.url, { waitUntil: 'load' });
    await page.addScriptTag({ content: o.script });
    const m = await metricsSession(o.base.context, page);
    const first = await page.evaluate(() => {
      const api = /** @type {any} */ (window).__cptaBenchRecognition;
      const t0 = performance.now();
      const r = api.recognisePage(document, new URL(location.href));
      return {
        ms: performance.now() - t0,
        step: r.step,
        target: r.target?.textContent?.trim() ?? null,
        certificates: r.certificates?.length ?? 0,
        elements: document.getElementsByTagName('*').length,
      };
    });
    if (first.step !== o.expectStep) throw new Error(`recognition saw "${first.step}" on the heavy page, not "${o.expectStep}"`);
    // In a task of the page's own (a timer), which the metrics count as script time.
    const passes = (/** @type {number} */ n) =>
      page.evaluate(
        (n) =>
          new Promise((done) =>
            setTimeout(() => {
              const api = /** @type {any} */ (window).__cptaBenchRecognition;
              const url = new URL(location.href);
              const times = [];
              for (let i = 0; i < n; i++) {
                const t = performance.now();
                api.recognisePage(document, url);
                times.push(performance.now() - t);
              }
              done(times);
            }, 0),
          ),
        n,
      );
    const before = await m.metrics();
    const times = /** @type {number[]} */ (await passes(o.passes));
    const after = await m.metrics();
    let top = null;
    if (o.profile) {
      await m.session.send('Profiler.enable');
      await m.session.send('Profiler.setSamplingInterval', { interval: 100 });
      await m.session.send('Profiler.start');
      await passes(Math.max(20, Math.round(o.passes / 5)));
      const { profile } = await m.session.send('Profiler.stop');
      const page = (/** @type {string} */ url) => !url.startsWith('chrome-extension://');
      top = { self: selfTimeByFunction(profile, 12, page), inclusive: totalTimeByFunction(profile, 16, page) };
    }
    return {
      url: o.url,
      passes: o.passes,
      elements: first.elements,
      step: first.step,
      target: first.target,
      certificatesRead: first.certificates,
      firstPassMs: first.ms,
      ms: summary(times),
      cpuMsPerPass: ((after.ScriptDuration - before.ScriptDuration) * 1000) / o.passes,
      profileTop: top,
    };
  } finally {
    await page.close();
  }
}
