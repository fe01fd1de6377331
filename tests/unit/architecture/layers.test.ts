// The folders are layers, and this test is the wall between them (docs/ARCHITECTURE.md):
// no import circle (type imports included); pure code (the portal's knowledge, dates, the
// model, the reminder planner, the calendar, i18n) never imports a runtime folder (guide,
// background, popup, options, storage, ui); and nothing the content script runs reaches
// zod, idb, storage or the polyfill, nor the validity reader it loads when needed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Edge {
  to: string;
  typeOnly: boolean;
}

/** Every import of a source file: static, re-exports and dynamic, with whether it is types only. */
export function importsOf(source: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(/(?:^|;|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const clause = m[3] ?? '';
    // import { type A, type B } from: types only too.
    const allTypes = /^\{[^}]*\}$/.test(clause.trim()) && clause.replace(/[{}\s]/g, '').split(',').filter(Boolean).every((n) => n.startsWith('type'));
    out.push({ spec: m[4]!, typeOnly: !!m[2] || allTypes });
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec; // a package
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return relative(ROOT, candidate);
    } catch {
      // try the next
    }
  }
  return relative(ROOT, base);
}

function graph(): Map<string, Edge[]> {
  const g = new Map<string, Edge[]>();
  for (const file of [...files(join(ROOT, 'lib')), ...files(join(ROOT, 'entrypoints'))]) {
    const edges = importsOf(readFileSync(file, 'utf8')).map(({ spec, typeOnly }) => ({ to: resolveImport(file, spec), typeOnly }));
    g.set(relative(ROOT, file), edges);
  }
  return g;
}

/** Strongly connected components with more than one file (or a file importing itself). */
export function cycles(g: Map<string, Edge[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const { to } of g.get(v) ?? []) {
      if (!g.has(to)) continue;
      if (!idx.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (on.has(to)) low.set(v, Math.min(low.get(v)!, idx.get(to)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).some((e) => e.to === v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

// lib/reminders is the reminder plan alone (what to remind and when); the worker's wiring
// that acts on it (alarms, notifications, badge, log) is runtime code in lib/background/reminders.
const PURE = ['lib/portal/', 'lib/dates/', 'lib/model/', 'lib/reminders/', 'lib/calendar/', 'lib/i18n/'];
const RUNTIME = ['lib/guide/', 'lib/background/', 'lib/popup/', 'lib/options/', 'lib/storage/', 'lib/ui/', 'lib/welcome/', 'entrypoints/'];
const NOT_IN_CONTENT = [/^zod/, /^idb/, /^lib\/storage\//, /^lib\/model\/zod\.ts$/, /^lib\/messages\.ts$/, /^webextension-polyfill/];

/** What a start file pulls into its bundle at run time (type-only imports bring no bytes). */
function reachable(g: Map<string, Edge[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length) {
    for (const e of g.get(todo.pop()!) ?? []) {
      if (e.typeOnly || seen.has(e.to)) continue;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  return seen;
}

describe('layers', () => {
  const g = graph();

  test('the walker reads every kind of import, and finds a planted circle', () => {
    expect(importsOf(`import a from './a';\nimport type { B } from './b';\nimport { type C } from './c';\nexport { d } from './d';\nimport './e';\nconst f = () => import('./f');`)).toEqual([
      { spec: './a', typeOnly: false },
      { spec: './b', typeOnly: true },
      { spec: './c', typeOnly: true },
      { spec: './d', typeOnly: false },
      { spec: './e', typeOnly: false },
      { spec: './f', typeOnly: false },
    ]);
    const planted = new Map(g);
    planted.set('lib/dates/beijing.ts', [...(g.get('lib/dates/beijing.ts') ?? []), { to: 'lib/dates/parse.ts', typeOnly: true }]);
    expect(cycles(planted).some((c) => c.includes('lib/dates/beijing.ts') && c.includes('lib/dates/parse.ts'))).toBe(true);
  });

  test('no import circle, type imports included', () => {
    expect(cycles(g)).toEqual([]);
  });

  test('pure folders never import a runtime folder', () => {
    const wrong: string[] = [];
    for (const [file, edges] of g) {
      if (!PURE.some((p) => file.startsWith(p))) continue;
      for (const e of edges) if (RUNTIME.some((r) => e.to.startsWith(r))) wrong.push(`${file} -> ${e.to}`);
    }
    expect(wrong).toEqual([]);
  });

  test('the content script reaches no zod, idb, storage or polyfill', () => {
    const bundle = reachable(g, 'entrypoints/content.ts');
    expect([...bundle].filter((f) => NOT_IN_CONTENT.some((r) => r.test(f)))).toEqual([]);
    // The walk followed the guide: the rule is checked on what the script really pulls in.
    expect(bundle.has('lib/portal/recognise-core.ts')).toBe(true);
  });

  test('the content script loads the validity reader only when a page needs it (lib/guide/details.ts)', () => {
    expect(reachable(g, 'entrypoints/content.ts').has('lib/portal/readers/validity.ts')).toBe(false);
    expect(reachable(g, 'entrypoints/validity-reader.ts').has('lib/portal/readers/validity.ts')).toBe(true);
  });
});
