// 1 and 2. The extension's own main-thread time on a portal page, from V8's sampling
// profiler (DevTools Profiler domain, one sample every 100 µs): every sample whose stack
// holds a frame of the extension's scripts (chrome-extension:// URLs) counts, so that the
// style and layout its calls force are counted with it. A busy machine slows both the
// extension and everything else alike, but what is counted is only the extension's.
//
// - load: from navigating (from a blank page of the same site, so that the same renderer
//   and its profiler carry over) to `windowMs` after the load event;
// - living page: `windowMs` of the page changing its DOM every 100 ms outside the flow's
//   content, after it settled; then how soon the guide notices a change of the flow's
//   content (a row's status, a button appearing);
// - time to guidance, from the same load profiles: from the content script's first
//   sampled statement to the panel showing the step, and to the frame after it.
import { BENCH_URL } from '../server.mjs';
import { summary } from '../stats.mjs';

const isExtension = (/** @type {string} */ url) => url.startsWith('chrome-extension://');

/**
 * In the page's main world before it loads: when the host shows the step, and the frame
 * after it, marked in the profile by a named function that runs for ≈0.4 ms (the profile
 * and performance.now() have no common clock; a sample of the marker has).
 * @param {string} want
 */
function markGuidance(want) {
  const spin = () => {
    const end = performance.now() + 0.4;
    while (performance.now() < end);
  };
  const marks = {
    __cptaBenchStepShown() {
      spin();
    },
    __cptaBenchStepPainted() {
      spin();
    },
  };
  const r = { stepAt: /** @type {number | null} */ (null), paintAt: /** @type {number | null} */ (null) };
  Object.defineProperty(window, '__cptaBenchGuide', { value: r });
  const watchHost = (/** @type {Element} */ host) => {
    const check = () => {
      if (r.stepAt !== null || host.getAttribute('data-step') !== want) return;
      r.stepAt = performance.now();
      attributes.disconnect();
      marks.__cptaBenchStepShown();
      requestAnimationFrame(() =>
        setTimeout(() => {
          r.paintAt = performance.now();
          marks.__cptaBenchStepPainted();
        }, 0),
      );
    };
    const attributes = new MutationObserver(check);
    attributes.observe(host, { attributes: true, attributeFilter: ['data-step'] });
    check();
  };
  const watchRoot = (/** @type {Element} */ root) => {
    const existing = root.querySelector(':scope > cpta-assistant');
    if (existing) watchHost(existing);
    new MutationObserver((records) => {
      for (const rec of records) for (const n of Array.from(rec.addedNodes)) if (n.nodeName === 'CPTA-ASSISTANT') watchHost(/** @type {Element} */ (n));
    }).observe(root, { childList: true });
  };
  if (document.documentElement) watchRoot(document.documentElement);
  else {
    const o = new MutationObserver(() => {
      if (!document.documentElement) return;
      o.disconnect();
      watchRoot(document.documentElement);
    });
    o.observe(document, { childList: true });
  }
}

/**
 * What a profile says of the extension: its time, its longest stretch, when it first ran,
 * and when the page's markers ran.
 * @param {any} profile a Profiler.stop profile
 */
export function extensionTime(profile) {
  /** @type {Map<number, any>} */
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** @type {Map<number, { ext: boolean, marker: string | null, idle: boolean }>} */
  const memo = new Map();
  const kind = (/** @type {number} */ id) => {
    let k = memo.get(id);
    if (k) return k;
    const n = byId.get(id);
    const up = parent.has(id) ? kind(/** @type {number} */ (parent.get(id))) : { ext: false, marker: null, idle: false };
    const name = n?.callFrame?.functionName ?? '';
    k = {
      ext: up.ext || isExtension(n?.callFrame?.url ?? ''),
      marker: up.marker ?? (name.startsWith('__cptaBench') ? name : null),
      idle: name === '(idle)',
    };
    memo.set(id, k);
    return k;
  };
  const deltas = profile.timeDeltas ?? [];
  let t = profile.startTime;
  let ownUs = 0;
  /** @type {number | null} */
  let firstUs = null;
  /** @type {Record<string, number>} */
  const markers = {};
  // Stretches: extension samples joined across at most 1 ms of non-idle, non-extension work.
  let longestUs = 0;
  /** @type {number | null} */
  let stretchStart = null;
  let stretchEnd = 0;
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    const dur = deltas[i + 1] ?? 0;
    const k = kind(samples[i]);
    if (k.ext) {
      ownUs += dur;
      firstUs ??= t;
      if (stretchStart === null || t - stretchEnd > 1000) stretchStart = t;
      stretchEnd = t + dur;
      longestUs = Math.max(longestUs, stretchEnd - stretchStart);
    } else if (k.idle && stretchStart !== null) {
      stretchStart = null;
    }
    if (k.marker && markers[k.marker] === undefined) markers[k.marker] = t;
  }
  return { ownMs: ownUs / 1000, longestMs: longestUs / 1000, firstUs, markers };
}

/** Self and inclusive time of the extension's functions, for a goal missed. @param {any} profile */
export function topFrames(profile, limit = 8) {
  return { self: selfTime(profile, limit), inclusive: inclusiveTime(profile, limit + 4) };
}

const frameKey = (/** @type {any} */ f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;

/** @param {any} profile @param {number} limit */
function selfTime(profile, limit) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const out = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const f = byId.get(id)?.callFrame;
    if (!f || !isExtension(f.url)) return;
    out.set(frameKey(f), (out.get(frameKey(f)) ?? 0) + (deltas[i + 1] ?? 0));
  });
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([fn, us]) => ({ fn, ms: us / 1000 }));
}

/** @param {any} profile @param {number} limit */
function inclusiveTime(profile, limit) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** @type {Map<string, number>} */
  const out = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const seen = new Set();
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) {
      const f = n.callFrame;
      if (!isExtension(f.url) || !f.functionName) continue;
      const key = frameKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + (deltas[i + 1] ?? 0));
    }
  });
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([fn, us]) => ({ fn, ms: us / 1000 }));
}

/** @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Page} page */
async function startProfiler(context, page) {
  const session = await context.newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop');
      await session.detach().catch(() => undefined);
      return profile;
    },
  };
}

/**
 * One load: blank page of the site, profiler on, the page, `windowMs` after load.
 * @param {import('../browser.mjs').Profile} ext @param {{ url: string, windowMs: number, step: string }} o
 */
export async function profileLoad(ext, o) {
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(markGuidance, o.step);
    await page.goto(BENCH_URL.blank, { waitUntil: 'load' });
    // The blank page's own guide has settled before the profile starts.
    await page.waitForTimeout(300);
    const profiler = await startProfiler(ext.context, page);
    await page.goto(o.url, { waitUntil: 'load' });
    await page.waitForTimeout(o.windowMs);
    const profile = await profiler.stop();
    const step = await page.evaluate(() => document.querySelector('cpta-assistant')?.getAttribute('data-step') ?? null);
    if (step !== o.step) throw new Error(`the guide showed "${step}" on ${o.url}, not "${o.step}"`);
    const t = extensionTime(profile);
    const from = t.firstUs;
    const shown = t.markers.__cptaBenchStepShown;
    const painted = t.markers.__cptaBenchStepPainted;
    return {
      ownMs: t.ownMs,
      longestMs: t.longestMs,
      stepMs: from !== null && shown !== undefined ? (shown - from) / 1000 : null,
      paintMs: from !== null && painted !== undefined ? (painted - from) / 1000 : null,
      profile,
    };
  } finally {
    await page.close();
  }
}

/**
 * In the page: change the flow's content and time how soon the guide answers.
 * - status: the row of the outlined [下载] becomes 已撤销 → the outline moves to another row;
 * - button: a [申请证书加注] appears → the page is no longer the list (the step changes).
 * @param {'status' | 'button'} what
 */
function changeFlow(what) {
  return new Promise((done) => {
    const host = document.querySelector('cpta-assistant');
    const target = document.querySelector('[data-cpta-assistant-target]');
    if (!host || !target) return done({ ms: null, why: 'no outlined target' });
    const t0 = performance.now();
    const finish = (/** @type {string} */ why) => {
      clearTimeout(timeout);
      o.disconnect();
      done({ ms: performance.now() - t0, why });
    };
    const o = new MutationObserver(() => {
      if (what === 'status' && document.querySelector('[data-cpta-assistant-target]') && !target.hasAttribute('data-cpta-assistant-target')) finish('outline moved');
      if (what === 'button' && host.getAttribute('data-step') !== 'cert-list') finish('step changed');
    });
    o.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-cpta-assistant-target', 'data-step'] });
    const timeout = setTimeout(() => {
      o.disconnect();
      done({ ms: null, why: 'no answer within 3 s' });
    }, 3000);
    if (what === 'status') {
      const row = target.closest('tr');
      const status = row?.querySelector('font');
      if (status) status.textContent = '已撤销';
      else done({ ms: null, why: 'no status cell' });
    } else {
      const b = document.createElement('button');
      b.textContent = '申请证书加注';
      document.querySelector('table')?.before(b);
    }
  });
}

/**
 * The living page: settled, then `windowMs` profiled, then the flow's content changed.
 * @param {import('../browser.mjs').Profile} ext @param {{ url: string, windowMs: number, settleMs: number }} o
 */
export async function profileLiving(ext, o) {
  const page = await ext.context.newPage();
  try {
    await page.goto(o.url, { waitUntil: 'load' });
    await page.waitForTimeout(o.settleMs);
    const profiler = await startProfiler(ext.context, page);
    await page.waitForTimeout(o.windowMs);
    const profile = await profiler.stop();
    const t = extensionTime(profile);
    const status = /** @type {{ ms: number | null, why: string }} */ (await page.evaluate(changeFlow, 'status'));
    const button = /** @type {{ ms: number | null, why: string }} */ (await page.evaluate(changeFlow, 'button'));
    return { ownMs: t.ownMs, longestMs: t.longestMs, noticeStatusMs: status.ms, noticeButtonMs: button.ms, notes: [status.why, button.why], profile };
  } finally {
    await page.close();
  }
}

const nums = (/** @type {(number | null)[]} */ xs) => /** @type {number[]} */ (xs.filter((x) => typeof x === 'number'));

/** The run whose figure is the median: its profile names the top frames. @param {{ profile: any }[]} runs @param {(r: any) => number} by */
function medianRun(runs, by) {
  const sorted = [...runs].sort((a, b) => by(a) - by(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Every figure of the extension's own time. With `against` (another build of the extension,
 * in a profile of its own), each load and each living page is measured on both in turn, in
 * the same minutes, so that a busy machine weighs on both alike: its figures come back as
 * `against`, in the same shape.
 * @param {{ ext: import('../browser.mjs').Profile, against?: import('../browser.mjs').Profile, loads: number, windowMs: number, log?: (s: string) => void }} o
 */
export async function measureOwnTime(o) {
  const profiles = o.against ? [o.ext, o.against] : [o.ext];
  const name = (/** @type {number} */ k) => (k === 0 ? '' : ' (against)');
  /** @type {Record<string, any>[]} */
  const outs = profiles.map(() => ({ loads: o.loads, windowMs: o.windowMs }));
  for (const [key, url] of /** @type {const} */ ([['heavy', BENCH_URL.heavy], ['listTable', BENCH_URL.listTable]])) {
    const load = (/** @type {import('../browser.mjs').Profile} */ p) => profileLoad(p, { url, windowMs: key === 'heavy' ? o.windowMs : 800, step: 'cert-list' });
    for (const p of profiles) await load(p); // warm-up
    /** @type {any[][]} */
    const runs = profiles.map(() => []);
    for (let i = 0; i < o.loads; i++) {
      for (const [k, p] of profiles.entries()) {
        const r = await load(p);
        o.log?.(`  load ${key} ${i + 1}/${o.loads}${name(k)}: own ${r.ownMs.toFixed(1)} ms, longest ${r.longestMs.toFixed(1)} ms, step at +${r.stepMs?.toFixed(1)} ms`);
        runs[k].push(r);
      }
    }
    for (const [k, list] of runs.entries()) {
      outs[k][`load:${key}`] = {
        url,
        ownMs: summary(list.map((r) => r.ownMs)),
        longestMs: summary(list.map((r) => r.longestMs)),
        stepMs: summary(nums(list.map((r) => r.stepMs))),
        paintMs: summary(nums(list.map((r) => r.paintMs))),
        top: topFrames(medianRun(list, (r) => r.ownMs).profile),
        topByStep: topFrames(medianRun(list, (r) => r.stepMs ?? Infinity).profile),
      };
    }
  }
  for (const p of profiles) await profileLiving(p, { url: BENCH_URL.heavyChanging, windowMs: 1000, settleMs: 1000 }); // warm-up
  /** @type {any[][]} */
  const living = profiles.map(() => []);
  for (let i = 0; i < o.loads; i++) {
    for (const [k, p] of profiles.entries()) {
      const r = await profileLiving(p, { url: BENCH_URL.heavyChanging, windowMs: o.windowMs, settleMs: 2000 });
      o.log?.(`  living ${i + 1}/${o.loads}${name(k)}: own ${r.ownMs.toFixed(1)} ms; noticed a status in ${r.noticeStatusMs?.toFixed(0)} ms, a button in ${r.noticeButtonMs?.toFixed(0)} ms (${r.notes.join(', ')})`);
      living[k].push(r);
    }
  }
  for (const [k, list] of living.entries()) {
    outs[k].living = {
      url: BENCH_URL.heavyChanging,
      ownMs: summary(list.map((r) => r.ownMs)),
      longestMs: summary(list.map((r) => r.longestMs)),
      noticeStatusMs: summary(nums(list.map((r) => r.noticeStatusMs))),
      noticeButtonMs: summary(nums(list.map((r) => r.noticeButtonMs))),
      missedNotices: list.filter((r) => r.noticeStatusMs === null || r.noticeButtonMs === null).length,
      top: topFrames(medianRun(list, (r) => r.ownMs).profile),
    };
  }
  return o.against ? { ...outs[0], against: outs[1] } : outs[0];
}
