// 6. What each bundle weighs, raw and gzipped (level 9, as stores compress), counting
// every chunk and style sheet a page loads; and the zips.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Imports of a built ES module: static (`import ... from "./x.js"`, `import "./x.js"`) and,
 * unless `staticOnly`, dynamic (`import("./x.js")`: what a page loads later, on first use).
 * @param {string} code @param {boolean} [staticOnly]
 */
function importsOf(code, staticOnly = false) {
  const out = [];
  for (const m of code.matchAll(/\bimport\s*(?:[^'"()]*?\bfrom\s*)?["'`]([^"'`]+\.js)["'`]/g)) out.push(m[1]);
  if (!staticOnly) for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) out.push(m[1]);
  return out;
}

/** A file and everything it imports, by path inside `dist`. @param {string} dist @param {string} entry @param {boolean} [staticOnly] */
function closure(dist, entry, staticOnly = false) {
  const seen = new Set();
  const walk = (/** @type {string} */ rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!rel.endsWith('.js')) return;
    const code = readFileSync(join(dist, rel), 'utf8');
    for (const spec of importsOf(code, staticOnly)) {
      const target = spec.startsWith('/') ? spec.slice(1) : relative(dist, resolve(dist, dirname(rel), spec));
      if (existsSync(join(dist, target))) walk(target);
    }
  };
  walk(entry);
  return [...seen];
}

/** Scripts and style sheets an HTML page of the build loads (`staticOnly`: before its first screen). @param {string} dist @param {string} html @param {boolean} [staticOnly] */
function pageAssets(dist, html, staticOnly = false) {
  const text = readFileSync(join(dist, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => (m[1].startsWith('/') ? m[1].slice(1) : relative(dist, resolve(dist, dirname(html), m[1]))));
  return [...new Set(refs.flatMap((r) => (r.endsWith('.js') ? closure(dist, r, staticOnly) : [r])))];
}

/** @param {string} dist @param {string[]} files */
function weigh(dist, files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, rawBytes: raw, gzipBytes: gzip };
}

/**
 * @param {{ dist: string, outDir: string }} o  dist: the built chrome-mv3 folder; outDir: where the zips are
 */
export function measureSizes(o) {
  const manifest = JSON.parse(readFileSync(join(o.dist, 'manifest.json'), 'utf8'));
  const contentScripts = (manifest.content_scripts ?? []).flatMap((/** @type {any} */ c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const bundles = {
    content: weigh(o.dist, [...new Set(contentScripts.flatMap((/** @type {string} */ f) => (f.endsWith('.js') ? closure(o.dist, f) : [f])))]),
    background: weigh(o.dist, closure(o.dist, manifest.background?.service_worker ?? 'background.js')),
    popup: weigh(o.dist, pageAssets(o.dist, manifest.action?.default_popup ?? 'popup.html')),
    // What the popup loads before its list shows: its forms and writes, and zod with them, come on first use.
    'popup, first screen': weigh(o.dist, pageAssets(o.dist, manifest.action?.default_popup ?? 'popup.html', true)),
    options: existsSync(join(o.dist, 'options.html')) ? weigh(o.dist, pageAssets(o.dist, 'options.html')) : null,
  };
  const zips = readdirSync(o.outDir)
    .filter((f) => f.endsWith('.zip'))
    .map((f) => ({ file: f, bytes: statSync(join(o.outDir, f)).size }));
  return { bundles, zips };
}
