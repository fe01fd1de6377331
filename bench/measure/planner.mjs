// 5. Reminder planning for 1,000 certificates with 10,000 annotations, in Node, on the
// reminder tests' own generator. Thread CPU time is reported beside wall time: on a busy
// machine the wall clock also counts other processes' turns.
import { Session } from 'node:inspector/promises';
import { summary } from '../stats.mjs';

/** @param {any} node the bundled project code @param {{ runs: number, certificates: number, annotations: number }} o */
export async function measurePlanner(node, o) {
  const input = node.generateLargeInput({ certificates: o.certificates, annotations: o.annotations });
  let planned = 0;
  for (let i = 0; i < 5; i++) planned = node.planReminders(input).length; // warm-up: the JIT settles
  const wall = [];
  const cpu = [];
  for (let i = 0; i < o.runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    node.planReminders(input);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    certificates: input.certificates.length,
    annotations: input.annotations.length,
    reminderLog: input.reminderLog.length,
    planned,
    runs: o.runs,
    wallMs: summary(wall),
    cpuMs: summary(cpu),
  };
}

/**
 * Where the planner's time goes: a sampling CPU profile of `runs` plans, self time by function.
 * @param {any} node @param {{ runs: number, certificates: number, annotations: number }} o
 */
export async function profilePlanner(node, o) {
  const input = node.generateLargeInput({ certificates: o.certificates, annotations: o.annotations });
  for (let i = 0; i < 3; i++) node.planReminders(input);
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < o.runs; i++) node.planReminders(input);
    const { profile } = await session.post('Profiler.stop');
    return { profile, top: selfTimeByFunction(profile, 12) };
  } finally {
    session.disconnect();
  }
}

/**
 * Self time per function of a V8 CPU profile, largest first.
 * @param {any} profile @param {number} limit @param {(url: string) => boolean} [only]
 */
export function selfTimeByFunction(profile, limit, only = () => true) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  /** @type {Map<string, number>} */
  const self = new Map();
  let total = 0;
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const n = byId.get(id);
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    total += us;
    if (!n || !only(n.callFrame.url)) return;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, us]) => ({ fn, ms: us / 1000, share: total ? us / total : 0 }));
}

/**
 * Inclusive time per function (itself and what it calls), largest first: which part of
 * the work costs what.
 * @param {any} profile @param {number} limit @param {(url: string) => boolean} [only]
 */
export function totalTimeByFunction(profile, limit, only = () => true) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const n of profile.nodes) if (n.parent !== undefined) parent.set(n.id, n.parent);
  const deltas = profile.timeDeltas ?? [];
  /** @type {Map<string, number>} */
  const total = new Map();
  let all = 0;
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    all += us;
    const seen = new Set();
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) {
      const f = n.callFrame;
      if (!only(f.url) || !f.functionName) continue;
      const key = `${f.functionName} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`.trim();
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  });
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, us]) => ({ fn, ms: us / 1000, share: all ? us / all : 0 }));
}
