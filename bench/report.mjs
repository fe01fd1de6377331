// The benchmark's goals and its table.

export const GOALS = {
  /** The extension's own main-thread time (samples of its frames, 100 µs profiler), ms. */
  own: {
    loadMs: 16,
    longestTaskMs: 8,
    livingMs: 5,
    noticeMs: 300,
    guidanceHeavyMs: 50,
    guidanceSavedMs: 16,
  },
  /** The popup painted, over an empty extension page opened the same way: ms by certificates. */
  popupOverFloorMs: { 5: 20, 100: 50 },
  /** Page busy-time ratio, with the extension / without. */
  pageCost: { heavy: 1.02, changing: 1.05 },
  guidanceMs: 50,
  recognitionMs: 2,
  popupMs: 100,
  plannerMs: 20,
  contentScriptGzipBytes: 25 * 1024,
};

const ms = (/** @type {number} */ x) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const kb = (/** @type {number} */ x) => `${(x / 1024).toFixed(1)} KB`;
const mb = (/** @type {number} */ x) => `${(x / 2 ** 20).toFixed(2)} MB`;
const signedKb = (/** @type {number} */ x) => `${x >= 0 ? '+' : '−'}${kb(Math.abs(x))}`;
const ratio = (/** @type {number} */ x) => `×${x.toFixed(3)}`;
const verdict = (/** @type {boolean} */ met) => (met ? 'met' : 'MISSED');

/** The popup's goal over the floor for a number of certificates (the nearest size with a goal). @param {number} certificates */
export function popupGoal(certificates) {
  return certificates <= 5 ? GOALS.popupOverFloorMs[5] : GOALS.popupOverFloorMs[100];
}

/** Which of the own-time goals a result missed. @param {any} own */
export function ownMisses(own) {
  if (!own) return [];
  const g = GOALS.own;
  const out = [];
  const load = own['load:heavy'];
  if (load && load.ownMs.median > g.loadMs) out.push('load');
  if (load && load.longestMs.median > g.longestTaskMs) out.push('longest');
  if (own.living && own.living.ownMs.median > g.livingMs) out.push('living');
  if (own.living && (own.living.missedNotices > 0 || own.living.noticeStatusMs.max > g.noticeMs || own.living.noticeButtonMs.max > g.noticeMs)) out.push('notice');
  if (load && !(load.stepMs.median <= g.guidanceHeavyMs)) out.push('guidance:heavy');
  const saved = own['load:listTable'];
  if (saved && !(saved.stepMs.median <= g.guidanceSavedMs)) out.push('guidance:saved');
  return out;
}

/** @param {any} own */
export const ownMissed = (own) => ownMisses(own).length > 0;

/** @param {any} report */
export function formatReport(report) {
  const { machine, runs, results } = report;
  /** @type {string[][]} */
  const rows = [];
  const row = (/** @type {string} */ n, /** @type {string} */ what, /** @type {string} */ figure, /** @type {string} */ goal, /** @type {string} */ status) => rows.push([n, what, figure, goal, status]);
  const missing = (/** @type {string} */ n, /** @type {string} */ what) => row(n, what, 'not measured (see errors)', '', '');
  const on = (/** @type {string} */ section) => !report.sections || report.sections.includes(section);

  if (on('own')) {
    const o = results.own;
    const g = GOALS.own;
    if (!o) missing('1', "Extension's own main-thread time");
    else {
      const load = o['load:heavy'];
      const saved = o['load:listTable'];
      const spread = (/** @type {any} */ s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
      if (load) {
        row('1', `Own time, load of the heavy list + ${runs.windowMs / 1000} s`, spread(load.ownMs), `≤ ${g.loadMs} ms`, verdict(load.ownMs.median <= g.loadMs));
        row('1', 'Own time, longest stretch in that load', spread(load.longestMs), `≤ ${g.longestTaskMs} ms`, verdict(load.longestMs.median <= g.longestTaskMs));
      }
      if (o.living) {
        row('2', `Own time, ${runs.windowMs / 1000} s of the heavy list changing every 100 ms`, spread(o.living.ownMs), `≤ ${g.livingMs} ms`, verdict(o.living.ownMs.median <= g.livingMs));
        const noticed = `status ${spread(o.living.noticeStatusMs)}, button ${spread(o.living.noticeButtonMs)}${o.living.missedNotices ? `, ${o.living.missedNotices} not noticed` : ''}`;
        row('2', 'Flow change noticed (worst of the runs)', noticed, `≤ ${g.noticeMs} ms`, verdict(!ownMisses(o).includes('notice')));
      }
      if (load) row('3', 'Time to guidance from the first statement, heavy list', `${spread(load.stepMs)}; painted ${ms(load.paintMs.median)}`, `≤ ${g.guidanceHeavyMs} ms`, verdict(load.stepMs.median <= g.guidanceHeavyMs));
      if (saved) row('3', 'Time to guidance from the first statement, saved list', `${spread(saved.stepMs)}; painted ${ms(saved.paintMs.median)}`, `≤ ${g.guidanceSavedMs} ms`, verdict(saved.stepMs.median <= g.guidanceSavedMs));
    }
  }

  const pageNames = { heavy: 'Page cost: heavy list, static', changing: 'Page cost: page changing every 100 ms', heavyChanging: 'Page cost: heavy list changing every 100 ms' };
  for (const [key, label] of on('page') ? Object.entries(pageNames) : []) {
    const r = results.pageCost?.[key];
    if (!r) {
      missing('1', label);
      continue;
    }
    const goal = /** @type {Record<string, number>} */ (GOALS.pageCost)[key];
    row(
      '1',
      label,
      `${ratio(r.taskRatio.median)} (IQR ${r.taskRatio.p25.toFixed(3)}–${r.taskRatio.p75.toFixed(3)}, range ${r.taskRatio.min.toFixed(3)}–${r.taskRatio.max.toFixed(3)}); ${ms(r.taskMs.ext.median)} vs ${ms(r.taskMs.base.median)}, +${ms(r.taskExtraMs.median)}`,
      goal ? `≤ ${goal}` : 'no goal',
      goal ? verdict(r.taskRatio.median <= goal) : '',
    );
  }
  for (const [key, label] of on('guidance') ? Object.entries({ heavy: 'Time to guidance: heavy list', listTable: 'Time to guidance: saved list page' }) : []) {
    const r = results.guidance?.[key];
    if (!r) missing('2', label);
    else row('2', label, `${ms(r.stepMs.median)} (range ${ms(r.stepMs.min)}–${ms(r.stepMs.max)}); painted ${ms(r.paintMs.median)}`, `< ${GOALS.guidanceMs} ms`, verdict(r.stepMs.median < GOALS.guidanceMs));
  }
  if (on('recognition')) {
    const r = results.recognition;
    if (!r) missing('3', 'Recognition pass');
    else row('3', `Recognition pass, ${r.elements} elements`, `${ms(r.cpuMsPerPass)} CPU per pass; wall ${ms(r.ms.median)} (IQR ${ms(r.ms.p25)}–${ms(r.ms.p75)}); first ${ms(r.firstPassMs)}`, `< ${GOALS.recognitionMs} ms`, verdict(r.cpuMsPerPass < GOALS.recognitionMs));
  }
  if (on('popup')) {
    if (!results.popup) missing('4', 'Popup');
    for (const r of results.popup ?? []) {
      const goal = popupGoal(r.certificates);
      row(
        '4',
        `Popup painted, ${r.certificates} cert. / ${r.annotations} ann., over an empty page`,
        `+${ms(r.overFloorMs.median)} (range ${ms(r.overFloorMs.min)}–${ms(r.overFloorMs.max)}); ${ms(r.paintMs.median)} vs floor ${ms(r.floorPaintMs.median)}`,
        `floor + ${goal} ms`,
        verdict(r.overFloorMs.median <= goal),
      );
    }
  }
  if (on('planner')) {
    const r = results.planner;
    if (!r) missing('5', 'Planner');
    else row('5', `Planner, ${r.certificates} cert. / ${r.annotations} ann.`, `${ms(r.cpuMs.median)} CPU (range ${ms(r.cpuMs.min)}–${ms(r.cpuMs.max)}); wall ${ms(r.wallMs.median)}`, `< ${GOALS.plannerMs} ms`, verdict(r.cpuMs.median < GOALS.plannerMs));
  }
  if (on('size')) {
    const r = results.size;
    if (!r) missing('6', 'Sizes');
    else {
      for (const [name, b] of Object.entries(r.bundles)) {
        if (!b) continue;
        const isContent = name === 'content';
        row('6', `Bundle: ${name} (${b.files.length} file${b.files.length > 1 ? 's' : ''})`, `${kb(b.rawBytes)} raw, ${kb(b.gzipBytes)} gzipped`, isContent ? `< ${kb(GOALS.contentScriptGzipBytes)} gz` : '', isContent ? verdict(b.gzipBytes < GOALS.contentScriptGzipBytes) : '');
      }
      for (const z of r.zips) row('6', `Zip: ${z.file}`, kb(z.bytes), '', '');
    }
  }
  if (on('page')) {
    const r = results.pageCost?.heavy;
    if (!r) missing('7', 'Page heap, heavy list');
    else row('7', 'Page JS heap, heavy list (after GC)', `${signedKb(r.heapExtraBytes.median)} with the guide (${mb(r.heapBytes.ext.median)} vs ${mb(r.heapBytes.base.median)})`, '', '');
  }
  for (const w of results.workerMemory ?? []) {
    row('7', `Worker heap after sync, ${w.certificates} / ${w.annotations}`, `${mb(w.heapAfterSyncBytes)} after GC (${mb(w.heapBeforeBytes)} before, ${mb(w.heapJustAfterSyncBytes)} right after); sync ${ms(w.syncMs.median)}`, '', '');
  }
  if (on('worker') && !results.workerMemory) missing('7', 'Worker heap after sync');

  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => [...r[i]].length), ['#', 'Measure', 'Figure (median)', 'Goal', ''][i].length));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd();
  const out = [
    'CPTA e-Certificate Assistant: benchmark',
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}; ${machine.chromium} headless; Node ${machine.node}`,
    `Extension: ${report.extension}; command: ${report.command}`,
    `Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd.join(' ')}`,
    `Runs: ${runs.pairs} alternating with/without pairs per page (+1 warm-up each), window = navigation to load + ${runs.windowMs} ms, main-thread thread time;`,
    `      own time: V8 sampling profiler at 100 µs, samples whose stack holds a chrome-extension:// frame, ${runs.ownLoads ?? '?'} loads (+1 warm-up) per figure;`,
    `      ${runs.loads} loads (+1 warm-up) for the popup and its floor; ${runs.recognitionPasses} recognition passes; ${runs.plannerRuns} planner runs (+5 warm-up)`,
    '',
    line(['#', 'Measure', 'Figure (median)', 'Goal', '']),
    ...rows.map(line),
  ];
  out.push(...formatAgainst(report));
  const misses = ownMisses(results.own);
  if (misses.length) {
    const top = (/** @type {string} */ title, /** @type {any} */ t) => {
      if (!t) return;
      out.push('', `${title}: the extension's top frames in the median run (as built; the diagnosis below names them unminified)`, '  self:');
      out.push(...t.self.slice(0, 6).map((/** @type {any} */ f) => `      ${ms(f.ms).padStart(9)}  ${f.fn}`), '  inclusive:');
      out.push(...t.inclusive.slice(0, 8).map((/** @type {any} */ f) => `      ${ms(f.ms).padStart(9)}  ${f.fn}`));
    };
    if (misses.some((m) => m === 'load' || m === 'longest')) top('Missed: own time at load', results.own['load:heavy']?.top);
    if (misses.includes('living')) top('Missed: own time on the living page', results.own.living?.top);
    if (misses.includes('guidance:heavy')) top('Missed: time to guidance, heavy list', results.own['load:heavy']?.topByStep);
    if (misses.includes('guidance:saved')) top('Missed: time to guidance, saved list', results.own['load:listTable']?.topByStep);
  }
  out.push(...formatDiagnosis(results.diagnosis ?? {}));
  return out.join('\n');
}

/**
 * With --against: the figures of both builds, measured in turns in the same minutes, side by
 * side (medians; the range of each in brackets).
 * @param {any} report
 */
export function formatAgainst(report) {
  const { results } = report;
  if (!report.against) return [];
  /** @type {string[][]} */
  const rows = [];
  const spread = (/** @type {any} */ s) => (s && Number.isFinite(s.median) ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})` : '—');
  const own = results.own;
  if (own?.against) {
    const pairs = /** @type {const} */ ([
      ['1', 'Own time, load of the heavy list', (/** @type {any} */ o) => o['load:heavy']?.ownMs],
      ['1', 'Longest stretch in that load', (/** @type {any} */ o) => o['load:heavy']?.longestMs],
      ['2', 'Own time, the heavy list changing', (/** @type {any} */ o) => o.living?.ownMs],
      ['3', 'Time to guidance, heavy list', (/** @type {any} */ o) => o['load:heavy']?.stepMs],
      ['3', 'Time to guidance, saved list', (/** @type {any} */ o) => o['load:listTable']?.stepMs],
    ]);
    for (const [n, what, pick] of pairs) rows.push([n, what, spread(pick(own.against)), spread(pick(own))]);
  }
  for (const r of results.popup ?? []) {
    if (r.against) rows.push(['4', `Popup over the floor, ${r.certificates} cert.`, `+${spread(r.against.overFloorMs)}`, `+${spread(r.overFloorMs)}`]);
  }
  const sizeOf = (/** @type {any} */ size) => size?.bundles?.content?.gzipBytes;
  if (sizeOf(results.againstSize) !== undefined && sizeOf(results.size) !== undefined) rows.push(['6', 'Content script, gzipped', kb(sizeOf(results.againstSize)), kb(sizeOf(results.size))]);
  if (!rows.length) return [];
  const head = ['#', 'Measure', report.against, 'this build'];
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd();
  return ['', `Side by side with ${report.against}, the two builds measured in turns, load by load, in the same minutes:`, line(head), ...rows.map(line)];
}

/** @param {Record<string, any>} diagnosis */
function formatDiagnosis(diagnosis) {
  const out = [];
  const fns = (/** @type {{ fn: string, ms: number, share: number }[]} */ list, n = 6) => list.slice(0, n).map((f) => `      ${ms(f.ms).padStart(9)}  ${f.fn}`);
  for (const [key, d] of Object.entries(diagnosis)) {
    if (!d) continue;
    if (key === 'own') {
      for (const [what, p] of Object.entries(d)) {
        out.push('', `Diagnosis, own time (${what === 'load' ? 'load of the heavy list' : 'the heavy list changing'}): one profile of the unminified extension, ${ms(p.ownMs)}; its functions by self time:`, ...fns(p.self, 8));
        out.push('  and by inclusive time:', ...fns(p.inclusive, 12));
      }
      continue;
    }
    const [kind, name, variant] = key.split(':');
    if (kind === 'page' && variant === 'reducedMotion') {
      out.push(`  with prefers-reduced-motion in both profiles (${d.pairs} pairs): ${ratio(d.taskRatio.median)} (range ${d.taskRatio.min.toFixed(3)}–${d.taskRatio.max.toFixed(3)}), +${ms(d.taskExtraMs.median)}`);
    } else if (kind === 'page') {
      out.push('', `Diagnosis, page cost (${name}): one traced visit each; main thread ${ms(d.ext.mainThreadMs)} with vs ${ms(d.base.mainThreadMs)} without; ${d.ext.frames} vs ${d.base.frames} frames`);
      const t = d.ext.extensionTasks;
      out.push(`  tasks in which the extension's script ran: ${t.count}, ${ms(t.totalMs)} in all (wall), ${t.over50ms} over 50 ms; longest: ${t.longest.slice(0, 3).map((/** @type {any} */ x) => `${ms(x.ms)} ${x.what} at DCL${x.atMsFromDomContentLoaded >= 0 ? '+' : ''}${ms(x.atMsFromDomContentLoaded ?? NaN)}`).join('; ')}`);
      out.push('  main-thread self time that differs most (with − without):');
      for (const x of d.differences.slice(0, 6)) out.push(`      ${x.event}: ${ms(x.extMs)} − ${ms(x.baseMs)} = ${x.extraMs >= 0 ? '+' : ''}${ms(x.extraMs)}`);
      out.push("  the extension's functions by self time (trace CPU profile):", ...fns(d.extensionFunctions));
      out.push('  and by inclusive time:', ...fns(d.extensionInclusive, 10));
    } else if (kind === 'guidance') {
      const at = (/** @type {number | null} */ x) => (x === null ? '?' : ms(x));
      out.push('', `Diagnosis, time to guidance (${name}), from DOMContentLoaded: content script injected at ${at(d.contentScriptStartMs)}, ran ${at(d.contentScriptRunMs)} (${at(d.contentScriptRunThreadMs)} thread time; compile ${ms(d.compileMs)}), step shown at ${at(d.stepShownMs)}, load event at ${at(d.loadEventMs)}`);
      out.push("  the extension's functions by self time:", ...fns(d.extensionFunctions));
      out.push('  and by inclusive time:', ...fns(d.extensionInclusive, 10));
    } else if (kind === 'popup') {
      out.push('', `Diagnosis, popup: one traced load; list shown at ${d.shownAtMs === null ? '?' : ms(d.shownAtMs)} after navigation start, main thread busy ${ms(d.busyBeforeShownMs)} of it; tasks of 5 ms or more before:`);
      out.push(...d.timeline.map((/** @type {any} */ t) => `      at ${ms(t.atMs).padStart(8)}: ${ms(t.ms).padStart(8)}  ${t.what}`));
      out.push("  its functions by self time:", ...fns(d.functions, 8));
      out.push('  and by inclusive time:', ...fns(d.inclusive, 14));
      out.push(`  main-thread events: ${d.events.slice(0, 5).map((/** @type {any} */ e) => `${e.event} ${ms(e.ms)}`).join(', ')}`);
    } else if (kind === 'recognition') {
      const pct = (/** @type {any} */ f) => `      ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.fn}`;
      out.push('', 'Diagnosis, recognition: CPU profile of recognisePage on the heavy page; self time by function:', ...d.self.slice(0, 8).map(pct));
      out.push('  inclusive time (the function and what it calls):', ...d.inclusive.slice(0, 12).map(pct));
    } else if (kind === 'planner') {
      out.push('', 'Diagnosis, planner: CPU profile of 10 plans, self time by function:', ...d.slice(0, 8).map((/** @type {any} */ f) => `      ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.fn}`));
    }
  }
  return out;
}
