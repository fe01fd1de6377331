// Where a missed goal's time goes, from evidence rather than guesses. Runs on an
// unminified build of the same extension (bench/wxt.debug.config.ts) so that profiles
// name the project's functions:
// - page cost: a DevTools trace of one visit with the extension and one without: main-
//   thread self time by event (paint, layout, style, script…), frames produced, and the
//   extension's functions by self time (the trace's CPU profile);
// - time to guidance: when the content script was injected and how long it ran, against
//   DOMContentLoaded and the moment the panel showed the step;
// - popup: the popup's functions by self time during one load.
import { selfTimeByFunction, totalTimeByFunction } from './planner.mjs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
];

/**
 * Traces what `act` does in a fresh tab.
 * @param {import('../browser.mjs').Profile} profile
 * @param {(page: import('playwright-core').Page) => Promise<void>} act
 * @param {{ reducedMotion?: boolean, initScript?: [Function, unknown] }} [o]
 */
export async function traceTab(profile, act, o = {}) {
  const page = await profile.context.newPage();
  try {
    if (o.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
    if (o.initScript) await page.addInitScript(/** @type {any} */ (o.initScript[0]), o.initScript[1]);
    const session = await profile.context.newCDPSession(page);
    /** @type {any[]} */
    const events = [];
    session.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((ok) => session.once('Tracing.tracingComplete', () => ok(undefined)));
    await session.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    await act(page);
    await session.send('Tracing.end');
    await done;
    return events;
  } finally {
    await page.close();
  }
}

/** The renderer main thread that parsed a document whose URL contains `urlPart`. @param {any[]} events @param {string} urlPart */
export function mainThreadOf(events, urlPart) {
  const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').includes(urlPart));
  const pid = parse?.pid;
  const tid = parse?.tid ?? events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
  return { pid, tid };
}

/**
 * The V8 CPU profile a trace carries for one thread, in the shape of Profiler.stop's.
 * @param {any[]} events @param {{ pid: number, tid: number }} thread
 */
export function cpuProfileFromTrace(events, thread) {
  const heads = events.filter((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid).map((e) => e.id);
  const nodes = [];
  const samples = [];
  const timeDeltas = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== thread.pid || !heads.includes(e.id)) continue;
    const p = e.args?.data?.cpuProfile ?? {};
    for (const n of p.nodes ?? []) nodes.push({ ...n, callFrame: { functionName: '', url: '', lineNumber: 0, ...n.callFrame } });
    samples.push(...(p.samples ?? []));
    timeDeltas.push(...(e.args?.data?.timeDeltas ?? []));
  }
  return { nodes, samples, timeDeltas };
}

/**
 * Self time (thread time where the trace has it) by event name on one thread, and the
 * frames it produced.
 * @param {any[]} events @param {{ pid: number, tid: number }} thread
 */
export function summariseThread(events, thread) {
  const main = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const dcl = events.find((e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'MarkDOMContent')?.ts;
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {{ end: number, name: string, child: number, dur: number }[]} */
  const stack = [];
  /** Top-level tasks in which the extension's script ran. @type {{ ts: number, dur: number, what: string }[]} */
  const extensionTasks = [];
  /** Every top-level task, with the first thing it did. @type {{ ts: number, dur: number, what: string }[]} */
  const tasks = [];
  /** @type {{ ts: number, dur: number, what: string } | null} */
  let task = null;
  let taskIsExtension = false;
  const close = (/** @type {number} */ until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const top = /** @type {{ end: number, name: string, child: number, dur: number }} */ (stack.pop());
      self.set(top.name, (self.get(top.name) ?? 0) + Math.max(0, top.dur - top.child));
      if (stack.length) stack[stack.length - 1].child += top.dur;
      else if (task) {
        tasks.push(task);
        if (taskIsExtension) extensionTasks.push(task);
      }
    }
  };
  for (const e of main) {
    close(e.ts);
    const origin = scriptOrigin(e);
    const name = e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile' ? `${e.name} (${origin})` : e.name;
    // Thread time when recorded (other processes' turns do not count), else wall time.
    const dur = typeof e.tdur === 'number' ? e.tdur : e.dur;
    if (!stack.length) {
      task = { ts: e.ts, dur: e.dur / 1000, what: e.name };
      taskIsExtension = false;
    } else if (task && stack.length === 1 && task.what === 'RunTask') {
      task.what = name;
    }
    if (origin === 'extension' && task && !taskIsExtension) {
      taskIsExtension = true;
      task.what = `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}`;
    }
    stack.push({ end: e.ts + e.dur, name, child: 0, dur });
  }
  close(Infinity);
  const frames = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'BeginMainThreadFrame').length;
  const longest = [...extensionTasks].sort((a, b) => b.dur - a.dur);
  return {
    tasks,
    mainThreadMs: [...self.values()].reduce((a, b) => a + b, 0) / 1000,
    frames,
    selfMs: Object.fromEntries([...self].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1000])),
    extensionTasks: {
      count: extensionTasks.length,
      totalMs: extensionTasks.reduce((a, t) => a + t.dur, 0),
      over50ms: extensionTasks.filter((t) => t.dur > 50).length,
      longest: longest.slice(0, 5).map((t) => ({ atMsFromDomContentLoaded: dcl === undefined ? null : (t.ts - dcl) / 1000, ms: t.dur, what: t.what })),
    },
  };
}

/** @param {any} e */
function scriptOrigin(e) {
  const url = String(e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.stackTrace?.[0]?.url ?? '');
  if (url.startsWith('chrome-extension://')) return 'extension';
  return url ? 'page' : 'no url';
}

const isExtension = (/** @type {string} */ url) => url.startsWith('chrome-extension://');

/**
 * Trace the page with and without the extension and say what differs most.
 * @param {{ debug: import('../browser.mjs').Profile, base: import('../browser.mjs').Profile, url: string, windowMs: number, reducedMotion?: boolean }} o
 */
export async function diagnosePage(o) {
  const visit = async (/** @type {import('../browser.mjs').Profile} */ profile) => {
    const events = await traceTab(
      profile,
      async (page) => {
        await page.goto(o.url, { waitUntil: 'load' });
        await page.waitForTimeout(o.windowMs);
      },
      { reducedMotion: o.reducedMotion },
    );
    const thread = mainThreadOf(events, new URL(o.url).host);
    if (thread.pid === undefined) throw new Error(`the trace holds no renderer for ${o.url}`);
    return { summary: summariseThread(events, thread), profile: cpuProfileFromTrace(events, thread) };
  };
  const ext = await visit(o.debug);
  const base = await visit(o.base);
  const names = new Set([...Object.keys(ext.summary.selfMs), ...Object.keys(base.summary.selfMs)]);
  const differences = [...names]
    .map((name) => ({ event: name, extMs: ext.summary.selfMs[name] ?? 0, baseMs: base.summary.selfMs[name] ?? 0 }))
    .map((d) => ({ ...d, extraMs: d.extMs - d.baseMs }))
    .sort((a, b) => b.extraMs - a.extraMs)
    .slice(0, 10);
  return {
    url: o.url,
    reducedMotion: !!o.reducedMotion,
    ext: { mainThreadMs: ext.summary.mainThreadMs, frames: ext.summary.frames, extensionTasks: ext.summary.extensionTasks },
    base: { mainThreadMs: base.summary.mainThreadMs, frames: base.summary.frames },
    differences,
    extensionFunctions: selfTimeByFunction(ext.profile, 12, isExtension),
    extensionInclusive: totalTimeByFunction(ext.profile, 16, isExtension),
  };
}

/** In the page before it loads: a user-timing mark when the panel shows `want`. @param {string} want */
function markStep(want) {
  const look = () => {
    const host = document.querySelector('cpta-assistant');
    if (host?.getAttribute('data-step') === want) {
      performance.mark('cpta-bench-step');
      return true;
    }
    return false;
  };
  const o = new MutationObserver(() => {
    if (look()) o.disconnect();
  });
  o.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-step'] });
}

/**
 * From DOMContentLoaded to the step: when Chromium injected the content script, how long
 * compiling and running it took, and the step's mark.
 * @param {{ debug: import('../browser.mjs').Profile, url: string, step: string }} o
 */
export async function diagnoseGuidance(o) {
  const events = await traceTab(
    o.debug,
    async (page) => {
      await page.goto(o.url, { waitUntil: 'load' });
      await page.waitForTimeout(500);
    },
    { initScript: [markStep, o.step] },
  );
  const thread = mainThreadOf(events, new URL(o.url).host);
  const on = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const dcl = on.find((e) => e.name === 'MarkDOMContent')?.ts;
  const load = on.find((e) => e.name === 'MarkLoad')?.ts;
  const step = events.find((e) => e.name === 'cpta-bench-step' && e.pid === thread.pid)?.ts;
  const scripts = on.filter((e) => e.ph === 'X' && e.name === 'EvaluateScript' && isExtension(String(e.args?.data?.url ?? ''))).sort((a, b) => a.ts - b.ts);
  const inject = scripts[0];
  const compile = on.filter((e) => e.ph === 'X' && e.name === 'v8.compile' && isExtension(String(e.args?.fileName ?? e.args?.data?.url ?? '')));
  const rel = (/** @type {number | undefined} */ ts) => (ts === undefined || dcl === undefined ? null : (ts - dcl) / 1000);
  return {
    url: o.url,
    domContentLoaded: 0,
    contentScriptStartMs: rel(inject?.ts),
    contentScriptRunMs: inject ? inject.dur / 1000 : null,
    contentScriptRunThreadMs: inject && typeof inject.tdur === 'number' ? inject.tdur / 1000 : null,
    compileMs: compile.reduce((a, e) => a + e.dur, 0) / 1000,
    stepShownMs: rel(step),
    loadEventMs: rel(load),
    extensionFunctions: selfTimeByFunction(cpuProfileFromTrace(events, thread), 10, isExtension),
    extensionInclusive: totalTimeByFunction(cpuProfileFromTrace(events, thread), 16, isExtension),
  };
}

/** In the popup before its script: a user-timing mark when the first certificate shows. */
function markShown() {
  const o = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="certificate"]')) return;
    o.disconnect();
    performance.mark('cpta-bench-shown');
    // Said on the console after the next frame, so that the harness need not run a script
    // in the popup while it loads (Playwright's injected script would be in the timeline).
    requestAnimationFrame(() => setTimeout(() => console.debug('cpta-bench-diagnose-shown'), 0));
  });
  o.observe(document, { childList: true, subtree: true });
}

/**
 * The popup's own functions by self time during one load, and its main thread's events.
 * @param {{ debug: import('../browser.mjs').Profile, url: string }} o
 */
export async function diagnosePopup(o) {
  const events = await traceTab(
    o.debug,
    async (page) => {
      await page.setViewportSize({ width: 400, height: 600 });
      const shown = page.waitForEvent('console', { predicate: (m) => m.text() === 'cpta-bench-diagnose-shown', timeout: 15_000 });
      await page.goto(o.url, { waitUntil: 'commit' });
      await shown;
      await page.waitForTimeout(300);
    },
    { initScript: [markShown, null] },
  );
  const thread = mainThreadOf(events, 'popup.html');
  if (thread.pid === undefined) throw new Error('the trace holds no renderer for popup.html');
  const s = summariseThread(events, thread);
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === thread.pid)?.ts ?? s.tasks[0]?.ts ?? 0;
  const shown = events.find((e) => e.name === 'cpta-bench-shown' && e.pid === thread.pid)?.ts;
  return {
    shownAtMs: shown === undefined ? null : (shown - start) / 1000,
    // The main thread's tasks up to the list showing: busy, or waiting (on IndexedDB, the worker)?
    busyBeforeShownMs: s.tasks.filter((t) => shown === undefined || t.ts < shown).reduce((a, t) => a + t.dur, 0),
    timeline: s.tasks.filter((t) => t.dur >= 5 && (shown === undefined || t.ts <= shown)).map((t) => ({ atMs: (t.ts - start) / 1000, ms: t.dur, what: t.what })),
    mainThreadMs: s.mainThreadMs,
    events: Object.entries(s.selfMs).slice(0, 8).map(([event, ms]) => ({ event, ms })),
    functions: selfTimeByFunction(cpuProfileFromTrace(events, thread), 12, isExtension),
    inclusive: totalTimeByFunction(cpuProfileFromTrace(events, thread), 20, isExtension),
  };
}
