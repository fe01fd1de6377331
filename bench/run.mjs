#!/usr/bin/env node
// `npm run bench`: what the extension costs, measured side by side with a baseline in the
// same run, in the same Chromium build, on the same pages (bench/server.mjs), so that a
// busy machine weighs on both alike. Prints a table, writes it as JSON, and exits 0
// whatever the figures; non-zero only when something could not be measured.
//
//   npm run bench -- --pairs=7          with/without pairs per page (at least 5; fewer are raised to 5)
//   npm run bench -- --window=3000      ms after load that the page cost covers
//   npm run bench -- --no-build         measure the last bench build (.output-bench)
//   npm run bench -- --diagnose=always  trace and profile even when every goal is met (auto: on a miss; never)
//   npm run bench -- --out=FILE         where the JSON goes (bench-output/bench.json)
//   npm run bench -- --only=own,popup   some sections: size, planner, recognition, own, popup, worker (default),
//                                       page, guidance (the older whole-page ratio and time from DOMContentLoaded)
//   npm run bench -- --own-loads=7      loads per figure of the extension's own time (at least 5)
//   npm run bench -- --extension=DIR    measure another built chrome-mv3 folder (no build; a what-if)
//   npm run bench -- --against=REF      side by side with another build: a git ref (built in a temporary
//                                       worktree) or a built chrome-mv3 folder; own time and the popup take
//                                       turns load by load, so that a busy machine weighs on both alike
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleProjectCode } from './bundle.mjs';
import { chromiumPath, chromiumVersion, launchProfile } from './browser.mjs';
import { BENCH_URL, startBenchServer } from './server.mjs';
import { measurePageCost } from './measure/page-cost.mjs';
import { measureTimeToGuidance } from './measure/guidance.mjs';
import { measureRecognition } from './measure/recognition.mjs';
import { extensionPage, FLOOR_HTML, FLOOR_PAGE, makeRecords, measurePopup, measureWorkerMemory, seedDatabase } from './measure/popup.mjs';
import { measureOwnTime, profileLiving, profileLoad, topFrames } from './measure/own-time.mjs';
import { measurePlanner, profilePlanner } from './measure/planner.mjs';
import { measureSizes } from './measure/size.mjs';
import { diagnoseGuidance, diagnosePage, diagnosePopup } from './measure/diagnose.mjs';
import { formatReport, GOALS, ownMissed, popupGoal } from './report.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    pairs: { type: 'string', default: '7' },
    window: { type: 'string', default: '3000' },
    loads: { type: 'string', default: '10' },
    'own-loads': { type: 'string', default: '7' },
    passes: { type: 'string', default: '100' },
    'planner-runs': { type: 'string', default: '30' },
    'no-build': { type: 'boolean', default: false },
    diagnose: { type: 'string', default: 'auto' },
    out: { type: 'string', default: 'bench-output/bench.json' },
    only: { type: 'string' },
    extension: { type: 'string' },
    against: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('npm run bench [-- --pairs=7] [-- --window=3000] [-- --loads=10] [-- --passes=100] [-- --planner-runs=30] [-- --no-build] [-- --diagnose=auto|always|never] [-- --out=FILE] [-- --only=own,popup] [-- --own-loads=7] [-- --extension=DIR] [-- --against=REF|DIR]');
  process.exit(0);
}
const PAIRS = Math.max(5, Number(args.pairs));
const WINDOW_MS = Number(args.window);
const LOADS = Number(args.loads);
const OWN_LOADS = Math.max(5, Number(args['own-loads']));
const PASSES = Number(args.passes);
const PLANNER_RUNS = Number(args['planner-runs']);
// BENCH_BUILD_DIR: another folder, so that two benchmarks on one checkout do not collide.
const BUILD_DIR = process.env.BENCH_BUILD_DIR ?? '.output-bench';
const OUT_DIR = resolve(ROOT, BUILD_DIR);
const DEBUG_DIR = `${BUILD_DIR}-debug`;
const DIST = args.extension ? resolve(args.extension) : join(OUT_DIR, 'chrome-mv3');
const OUT = resolve(ROOT, args.out);
const SECTIONS = ['size', 'planner', 'recognition', 'own', 'page', 'guidance', 'popup', 'worker'];
// The whole-page ratio and the time from DOMContentLoaded are no longer run by default: the
// extension's own time (section own) measures what they approximated, without their noise.
const DEFAULT_SECTIONS = ['size', 'planner', 'recognition', 'own', 'popup', 'worker'];
const ONLY = new Set(args.only ? args.only.split(',').map((s) => s.trim()) : DEFAULT_SECTIONS);
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`--only: no section "${s}" (${SECTIONS.join(', ')})`);
const wanted = (/** @type {string} */ section) => ONLY.has(section);

const say = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`);
/** @type {{ section: string, error: string }[]} */
const failures = [];
/** @template T @param {string} section @param {() => Promise<T> | T} work @returns {Promise<T | null>} */
async function attempt(section, work) {
  const t = Date.now();
  say(`${section}…`);
  try {
    const result = await work();
    say(`${section}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ section, error: message });
    say(`${section}: could not measure: ${message}`);
    return null;
  }
}

/** @type {string} */
let executablePath;
try {
  executablePath = chromiumPath();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.log('The benchmark cannot measure without Chromium.');
  process.exit(1);
}
const startedAt = new Date();
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  chromium: chromiumVersion(executablePath),
  chromiumPath: executablePath,
  loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  loadAverageAtEnd: /** @type {number[]} */ ([]),
};
say(`${machine.cpus} cores (${machine.cpuModel}), ${machine.chromium}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);

// The extension, built and zipped into a folder of its own (parallel builds do not collide).
if (!args['no-build'] && !args.extension) {
  await attempt(`build and zip (${BUILD_DIR})`, () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    for (const browserArgs of [[], ['-b', 'firefox']]) {
      const r = spawnSync('npx', ['wxt', 'zip', ...browserArgs], { cwd: ROOT, env: { ...process.env, WXT_OUT_DIR: BUILD_DIR }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`wxt zip ${browserArgs.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    }
  });
}

// The build to compare with: a folder as it is, or a git ref built in a worktree of its own
// (the same node_modules), removed at the end.
/** @type {{ label: string, dist: string, cleanup(): void } | null} */
const against = args.against ? await attempt(`build ${args.against} to compare with`, () => buildAgainst(/** @type {string} */ (args.against))) : null;

const code = await attempt('bundle the project code (rolldown)', () => bundleProjectCode());
if (!code) finish({});

/** @type {Record<string, any>} */
const results = {};
if (wanted('size')) results.size = await attempt('6. sizes', () => measureSizes({ dist: DIST, outDir: args.extension ? dirname(DIST) : OUT_DIR }));
if (wanted('size') && against) results.againstSize = await attempt(`6. sizes of ${against.label}`, () => measureSizes({ dist: against.dist, outDir: dirname(against.dist) }));
if (wanted('planner')) results.planner = await attempt('5. planner', () => measurePlanner(code.node, { runs: PLANNER_RUNS, certificates: 1000, annotations: 10_000 }));

// An empty extension page, opened as the popup is: the floor under the popup's figure.
if (wanted('popup')) for (const dist of [DIST, ...(against ? [against.dist] : [])]) writeFileSync(join(dist, FLOOR_PAGE), FLOOR_HTML);
const server = await startBenchServer({ heavyHtml: code.node.generateHeavyCertList(200) });
/** @type {import('./browser.mjs').Profile | null} */
let ext = null;
/** @type {import('./browser.mjs').Profile | null} */
let base = null;
/** @type {import('./browser.mjs').Profile | undefined} */
let other;
try {
  ext = await attempt('launch Chromium with the extension', () => launchProfile({ port: server.port, dist: DIST, executablePath }));
  if (against && (wanted('own') || wanted('popup'))) other = (await attempt(`launch Chromium with ${against.label}`, () => launchProfile({ port: server.port, dist: against.dist, executablePath }))) ?? undefined;
  base = await attempt('launch Chromium without it (baseline)', () => launchProfile({ port: server.port, executablePath }));
  if (ext && base) {
    const e = ext;
    const b = base;
    if (wanted('recognition')) results.recognition = await attempt('3. recognition', () => measureRecognition({ base: b, url: BENCH_URL.heavy, script: code.recogniseIife, passes: PASSES, expectStep: 'cert-list' }));
    if (wanted('own')) results.own = await attempt(`1–3. the extension's own main-thread time (${OWN_LOADS} loads each)`, () => measureOwnTime({ ext: e, against: other, loads: OWN_LOADS, windowMs: WINDOW_MS, log: say }));
    if (wanted('page')) results.pageCost = {};
    for (const [key, url] of wanted('page') ? /** @type {const} */ ([['heavy', BENCH_URL.heavy], ['changing', BENCH_URL.changing], ['heavyChanging', BENCH_URL.heavyChanging]]) : []) {
      results.pageCost[key] = await attempt(`1. page cost, ${key} (${PAIRS} pairs)`, () => measurePageCost({ ext: e, base: b, url, pairs: PAIRS, windowMs: WINDOW_MS, log: say }));
    }
    if (wanted('guidance')) results.guidance = {};
    for (const [key, url] of wanted('guidance') ? /** @type {const} */ ([['heavy', BENCH_URL.heavy], ['listTable', BENCH_URL.listTable]]) : []) {
      results.guidance[key] = await attempt(`2. time to guidance, ${key}`, () => measureTimeToGuidance({ ext: e, url, step: 'cert-list', loads: LOADS }));
    }
    if (wanted('popup')) results.popup = await attempt('4. popup', () => measurePopup({ ext: e, against: other, node: code.node, loads: LOADS, sizes: [{ certificates: 5, annotations: 20 }, { certificates: 100, annotations: 1000 }] }));
    if (wanted('worker')) results.workerMemory = await attempt('7b. service worker heap after a full sync', () =>
      measureWorkerMemory({ ext: e, node: code.node, syncs: 3, sizes: [{ certificates: 100, annotations: 1000 }, { certificates: 1000, annotations: 10_000 }] }),
    );

    results.diagnosis = await attempt('diagnosis of missed goals', () => diagnose(e, b));
  }
} finally {
  await ext?.close();
  await base?.close();
  await other?.close();
  await server.close();
  against?.cleanup();
}
rmSync(code.dir, { recursive: true, force: true });
finish(results);

/**
 * The build `--against` names: a built chrome-mv3 folder as it is, or a git ref checked out
 * in a temporary worktree (sharing this checkout's node_modules) and built there.
 * @param {string} what
 * @returns {{ label: string, dist: string, cleanup(): void }}
 */
function buildAgainst(what) {
  if (existsSync(join(resolve(what), 'manifest.json'))) return { label: relative(ROOT, resolve(what)) || what, dist: resolve(what), cleanup() {} };
  const git = (/** @type {string[]} */ a, cwd = ROOT) => {
    const r = spawnSync('git', a, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${a.join(' ')} failed:\n${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = git(['rev-parse', '--short', `${what}^{commit}`]);
  const dir = mkdtempSync(join(os.tmpdir(), 'cpta-bench-against-'));
  let removed = false;
  const cleanup = () => {
    if (removed) return;
    removed = true;
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    git(['worktree', 'add', '--detach', dir, commit]);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: dir, env: { ...process.env, WXT_OUT_DIR: '.output-bench' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`wxt build of ${what} failed:\n${r.stdout}\n${r.stderr}`);
  } catch (error) {
    cleanup();
    throw error;
  }
  return { label: commit.startsWith(what) ? commit : `${what} (${commit})`, dist: join(dir, '.output-bench', 'chrome-mv3'), cleanup };
}

/**
 * Each missed goal (or every one, with --diagnose=always) explained by a trace or a
 * profile, on an unminified build of the same code.
 * @param {import('./browser.mjs').Profile} ext @param {import('./browser.mjs').Profile} base
 */
async function diagnose(ext, base) {
  const always = args.diagnose === 'always';
  if (args.diagnose === 'never') return null;
  /** @type {Record<string, any>} */
  const d = {};
  const missed = {
    page: Object.entries(results.pageCost ?? {}).filter(([key, r]) => always || (r && r.taskRatio.median > (/** @type {Record<string, number>} */ (GOALS.pageCost)[key] ?? Infinity))).map(([k]) => k),
    guidance: Object.entries(results.guidance ?? {}).filter(([, r]) => always || (r && r.stepMs.median >= GOALS.guidanceMs)).map(([k]) => k),
    recognition: always || (results.recognition && results.recognition.cpuMsPerPass >= GOALS.recognitionMs),
    popup: always || (results.popup ?? []).some((/** @type {any} */ r) => r.overFloorMs.median > popupGoal(r.certificates)),
    own: always || ownMissed(results.own),
    planner: always || (results.planner && results.planner.cpuMs.median >= GOALS.plannerMs),
  };
  if (missed.planner) d.planner = await attempt('diagnosis: planner profile', async () => (await profilePlanner(code.node, { runs: 10, certificates: 1000, annotations: 10_000 })).top);
  if (missed.recognition) {
    d.recognition = await attempt('diagnosis: recognition profile', async () =>
      (await measureRecognition({ base, url: BENCH_URL.heavy, script: code.recogniseIife, passes: 20, expectStep: 'cert-list', profile: true })).profileTop,
    );
  }
  if (!missed.page.length && !missed.guidance.length && !missed.popup && !missed.own) return d;
  await attempt(`build unminified (${DEBUG_DIR})`, () => {
    const r = spawnSync('npx', ['wxt', 'build', '-c', 'bench/wxt.debug.config.ts'], { cwd: ROOT, env: { ...process.env, BENCH_DEBUG_DIR: DEBUG_DIR }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the unminified build failed:\n${r.stdout}\n${r.stderr}`);
  });
  const debug = await attempt('launch Chromium with the unminified extension', () => launchProfile({ port: server.port, dist: join(ROOT, DEBUG_DIR, 'chrome-mv3'), executablePath }));
  if (!debug) return d;
  try {
    for (const key of missed.page) {
      const url = BENCH_URL[/** @type {'heavy' | 'changing' | 'heavyChanging'} */ (key)];
      d[`page:${key}`] = await attempt(`diagnosis: trace of ${key}`, () => diagnosePage({ debug, base, url, windowMs: WINDOW_MS }));
      // If motion is the cost, turning it off in both profiles shows how much is left.
      d[`page:${key}:reducedMotion`] = await attempt(`diagnosis: page cost of ${key} with prefers-reduced-motion`, () =>
        measurePageCost({ ext, base, url, pairs: 5, windowMs: WINDOW_MS, reducedMotion: true, log: say }),
      );
    }
    if (missed.own) {
      d.own = await attempt('diagnosis: profiles of the unminified extension', async () => {
        const load = await profileLoad(debug, { url: BENCH_URL.heavy, windowMs: WINDOW_MS, step: 'cert-list' });
        const living = await profileLiving(debug, { url: BENCH_URL.heavyChanging, windowMs: WINDOW_MS, settleMs: 2000 });
        return { load: { ownMs: load.ownMs, ...topFrames(load.profile, 10) }, living: { ownMs: living.ownMs, ...topFrames(living.profile, 10) } };
      });
    }
    for (const key of missed.guidance) {
      const url = key === 'heavy' ? BENCH_URL.heavy : BENCH_URL.listTable;
      d[`guidance:${key}`] = await attempt(`diagnosis: trace of guidance on ${key}`, () => diagnoseGuidance({ debug, url, step: 'cert-list' }));
    }
    if (missed.popup) {
      d.popup = await attempt('diagnosis: trace of the popup', async () => {
        await seedDebugProfile(debug);
        return diagnosePopup({ debug, url: extensionPage(debug) });
      });
    }
  } finally {
    await debug.close();
  }
  return d;
}

/** The popup's records in the unminified profile's database too. @param {import('./browser.mjs').Profile} debug */
async function seedDebugProfile(debug) {
  const page = await debug.context.newPage();
  try {
    await page.goto(extensionPage(debug));
    await page.waitForSelector('main.popup, [data-testid=empty-state], [data-testid=certificate]', { timeout: 15_000 });
    await seedDatabase(page, code.node.DB_NAME, makeRecords(code.node, { certificates: 100, annotations: 1000, now: Date.now() }));
  } finally {
    await page.close();
  }
}

/** @param {Record<string, any>} results @returns {never} */
function finish(results) {
  against?.cleanup();
  machine.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const report = {
    extension: relative(ROOT, DIST),
    against: against?.label ?? null,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    sections: [...ONLY],
    runs: { pairs: PAIRS, windowMs: WINDOW_MS, loads: LOADS, ownLoads: OWN_LOADS, recognitionPasses: PASSES, plannerRuns: PLANNER_RUNS },
    goals: GOALS,
    results,
    failures,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(report, null, 2));
  console.log(formatReport(report));
  console.log(`\nJSON: ${relative(process.cwd(), OUT) || OUT}`);
  if (failures.length) {
    console.log(`\nCould not measure: ${failures.map((f) => f.section).join('; ')}`);
    process.exit(1);
  }
  process.exit(0);
}
