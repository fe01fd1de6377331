// 1 and 7a. What the guide costs a page: main-thread busy time (DevTools Performance
// metrics, in thread CPU time so that other processes on the machine do not count) from
// the navigation to `windowMs` after load, with the extension against without it, in
// alternating pairs; and the page's JS heap at the end of each run, after a GC (content
// scripts run in an isolated world of the same V8 isolate, so the difference is theirs).
import { metricsSession } from '../browser.mjs';
import { summary } from '../stats.mjs';

/**
 * One visit: a fresh tab, the page, `windowMs` after load, then the metrics.
 * @param {import('../browser.mjs').Profile} profile
 * @param {{ url: string, windowMs: number, expectPanel: boolean, reducedMotion?: boolean }} o
 */
export async function visit(profile, o) {
  const page = await profile.context.newPage();
  try {
    if (o.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
    const m = await metricsSession(profile.context, page);
    // The counters start with the new document (its DevTools agent is enabled at commit).
    await page.goto(o.url, { waitUntil: 'load' });
    const atLoad = await m.metrics();
    await page.waitForTimeout(o.windowMs);
    const end = await m.metrics();
    const step = await page.evaluate(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') ?? null);
    if (o.expectPanel && !step) throw new Error(`the guide did not show on ${o.url}: the extension is not running`);
    if (!o.expectPanel && step) throw new Error(`the baseline profile shows the guide on ${o.url}`);
    await m.session.send('HeapProfiler.collectGarbage');
    const heap = await m.session.send('Runtime.getHeapUsage');
    return {
      taskMs: end.TaskDuration * 1000,
      scriptMs: end.ScriptDuration * 1000,
      layoutMs: (end.LayoutDuration + end.RecalcStyleDuration) * 1000,
      taskAfterLoadMs: (end.TaskDuration - atLoad.TaskDuration) * 1000,
      heapUsedBytes: heap.usedSize,
      step,
    };
  } finally {
    await page.close();
  }
}

/**
 * @param {{ ext: import('../browser.mjs').Profile, base: import('../browser.mjs').Profile, url: string,
 *   pairs: number, windowMs: number, reducedMotion?: boolean, log?: (s: string) => void }} o
 */
export async function measurePageCost(o) {
  const visitOpts = { url: o.url, windowMs: o.windowMs, reducedMotion: o.reducedMotion };
  // One visit each first, not counted: compiled-code caches and the worker's first start.
  await visit(o.ext, { ...visitOpts, expectPanel: true });
  await visit(o.base, { ...visitOpts, expectPanel: false });
  const runs = [];
  for (let i = 0; i < o.pairs; i++) {
    // Alternate which goes first, so that a drift in the machine's load hits both alike.
    const order = i % 2 === 0 ? ['ext', 'base'] : ['base', 'ext'];
    /** @type {Record<string, Awaited<ReturnType<typeof visit>>>} */
    const r = {};
    for (const which of order) r[which] = await visit(which === 'ext' ? o.ext : o.base, { ...visitOpts, expectPanel: which === 'ext' });
    runs.push({ ext: r.ext, base: r.base });
    o.log?.(`  pair ${i + 1}/${o.pairs}: task ${r.ext.taskMs.toFixed(1)} vs ${r.base.taskMs.toFixed(1)} ms`);
  }
  const ratio = (/** @type {'taskMs' | 'scriptMs'} */ k) => runs.map((r) => r.ext[k] / r.base[k]);
  return {
    url: o.url,
    pairs: o.pairs,
    windowMs: o.windowMs,
    reducedMotion: !!o.reducedMotion,
    step: runs[0]?.ext.step ?? null,
    taskRatio: summary(ratio('taskMs')),
    taskExtraMs: summary(runs.map((r) => r.ext.taskMs - r.base.taskMs)),
    taskMs: { ext: summary(runs.map((r) => r.ext.taskMs)), base: summary(runs.map((r) => r.base.taskMs)) },
    scriptMs: { ext: summary(runs.map((r) => r.ext.scriptMs)), base: summary(runs.map((r) => r.base.scriptMs)) },
    layoutMs: { ext: summary(runs.map((r) => r.ext.layoutMs)), base: summary(runs.map((r) => r.base.layoutMs)) },
    taskAfterLoadMs: { ext: summary(runs.map((r) => r.ext.taskAfterLoadMs)), base: summary(runs.map((r) => r.base.taskAfterLoadMs)) },
    heapBytes: { ext: summary(runs.map((r) => r.ext.heapUsedBytes)), base: summary(runs.map((r) => r.base.heapUsedBytes)) },
    heapExtraBytes: summary(runs.map((r) => r.ext.heapUsedBytes - r.base.heapUsedBytes)),
    runs,
  };
}
