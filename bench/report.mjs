// The benchmark's goals (issue #7) and its table.

export const GOALS = {
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

/** @param {any} report */
export function formatReport(report) {
  const { machine, runs, results } = report;
  /** @type {string[][]} */
  const rows = [];
  const row = (/** @type {string} */ n, /** @type {string} */ what, /** @type {string} */ figure, /** @type {string} */ goal, /** @type {string} */ status) => rows.push([n, what, figure, goal, status]);
  const missing = (/** @type {string} */ n, /** @type {string} */ what) => row(n, what, 'not measured (see errors)', '', '');
  const on = (/** @type {string} */ section) => !report.sections || report.sections.includes(section);

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
    const r = results.popup;
    if (!r) missing('4', 'Popup');
    else row('4', `Popup, ${r.certificates} cert. / ${r.annotations} ann.`, `${ms(r.shownMs.median)} to content (range ${ms(r.shownMs.min)}–${ms(r.shownMs.max)}); painted ${ms(r.paintMs.median)}`, `< ${GOALS.popupMs} ms`, verdict(r.shownMs.median < GOALS.popupMs));
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
    `      ${runs.loads} loads (+1 warm-up) for guidance and popup; ${runs.recognitionPasses} recognition passes; ${runs.plannerRuns} planner runs (+5 warm-up)`,
    '',
    line(['#', 'Measure', 'Figure (median)', 'Goal', '']),
    ...rows.map(line),
  ];
  out.push(...formatDiagnosis(results.diagnosis ?? {}));
  return out.join('\n');
}

/** @param {Record<string, any>} diagnosis */
function formatDiagnosis(diagnosis) {
  const out = [];
  const fns = (/** @type {{ fn: string, ms: number, share: number }[]} */ list, n = 6) => list.slice(0, n).map((f) => `      ${ms(f.ms).padStart(9)}  ${f.fn}`);
  for (const [key, d] of Object.entries(diagnosis)) {
    if (!d) continue;
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
