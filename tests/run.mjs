#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, ending with one line
// "N passed, N failed" that counts every test that ran.
//   type check -> lint -> unit tests under several time zones -> builds -> web-ext lint -> e2e in Chromium
//   -> e2e in Firefox
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'test-output';
mkdirSync(OUT, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(label, cmd, args, env) {
  if (run(label, cmd, args, env)) passed++;
  else { failed++; failures.push(label); }
}

function vitest(label, args, env) {
  const report = join(OUT, `${label.replace(/[^\w.-]+/g, '_')}.json`);
  const ok = run(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (r.numFailedTests || !ok) failures.push(label);
    if (!ok && !r.numFailedTests) failed++; // the run itself broke (e.g. a file failed to load)
  } else {
    failed++;
    failures.push(label);
  }
}

// The browser tests never skip silently: no Chromium, no green run.
const { findChromium, CHROMIUM_MISSING } = await import('./e2e/find-chromium.mjs');
if (!findChromium()) {
  console.error(`\n${CHROMIUM_MISSING}\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Nor without Firefox: said now, so that nobody waits for the end to learn it, and
// counted as a failure at the Firefox step.
const { findFirefox, FIREFOX_MISSING } = await import('./firefox/find-firefox.mjs');
const firefox = findFirefox();
if (!firefox) console.error(`\n${FIREFOX_MISSING}\n`);

step('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint (ESLint, eslint.config.js)', 'npm', ['run', '--silent', 'lint']);
// Dates are Beijing dates for a user anywhere: the unit tests run under several zones.
for (const tz of ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
  vitest(`unit tests TZ=${tz}`, [], { TZ: tz });
}
step('build (Chrome/Edge MV3 and Firefox)', 'npm', ['run', '--silent', 'build']);
// The store packages (npm run zip): their manifests, what they ship, and that the sources zip rebuilds them.
vitest('store packages', ['-c', 'vitest.release.config.ts']);
step('web-ext lint (Firefox build)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted', '--output', 'text'], { NO_UPDATE_NOTIFIER: '1' });
vitest('end-to-end tests in Chromium', ['-c', 'vitest.e2e.config.ts']);
if (firefox) vitest('end-to-end tests in Firefox', ['-c', 'vitest.firefox.config.ts']);
else {
  console.log(`\n=== end-to-end tests in Firefox\n${FIREFOX_MISSING}`);
  failed++;
  failures.push('end-to-end tests in Firefox (no Firefox)');
}

console.log('');
if (failures.length) console.log(`failed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
