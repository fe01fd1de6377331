#!/usr/bin/env node
// `npm run fixture -- REPORT.json [--step=STEP] [--name=NAME] [--force]`: a page report
// (README, "Page reports") becomes a saved page under tests/fixtures/ and this prints what
// the guide makes of it now. Node 20 cannot run TypeScript: scripts/fixture-from-report.ts
// is bundled with rolldown (which Vite brings) first, as bench/bundle.mjs does.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const { build } = await import('rolldown');
// Inside the project, so that the bundle finds happy-dom in node_modules.
const dir = join(ROOT, 'node_modules/.cache/cpta-fixture');
mkdirSync(dir, { recursive: true });
await build({
  cwd: ROOT,
  logLevel: 'warn',
  input: join(ROOT, 'scripts/fixture-from-report.ts'),
  platform: 'node',
  external: ['happy-dom'],
  output: { format: 'esm', file: join(dir, 'fixture.mjs') },
  write: true,
});
const { main } = await import(pathToFileURL(join(dir, 'fixture.mjs')).href);
process.exitCode = main(process.argv.slice(2), join(ROOT, 'tests/fixtures'));
