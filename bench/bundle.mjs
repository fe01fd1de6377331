// Node 20 cannot run TypeScript: the parts of the project the benchmark needs are bundled
// with rolldown (the bundler Vite already brings) into a temporary folder at bench time.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * @returns {Promise<{ dir: string, recogniseIife: string, node: any }>} the recognition as
 *   a script for a page (global `__cptaBenchRecognition`), and the Node-side module.
 */
export async function bundleProjectCode() {
  const { build } = await import('rolldown');
  const dir = mkdtempSync(join(tmpdir(), 'cpta-bench-'));
  const common = { cwd: ROOT, logLevel: /** @type {const} */ ('warn'), write: true };
  await build({
    ...common,
    input: join(ROOT, 'bench/entries/recognise.mjs'),
    platform: 'browser',
    output: { format: 'iife', name: '__cptaBenchRecognition', file: join(dir, 'recognise.js') },
  });
  await build({
    ...common,
    input: join(ROOT, 'bench/entries/node.mjs'),
    platform: 'node',
    output: { format: 'esm', file: join(dir, 'node.mjs') },
  });
  return {
    dir,
    recogniseIife: readFileSync(join(dir, 'recognise.js'), 'utf8'),
    node: await import(pathToFileURL(join(dir, 'node.mjs')).href),
  };
}
