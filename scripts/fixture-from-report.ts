// `npm run fixture -- REPORT.json`: a holder's page report becomes a saved page under
// tests/fixtures/<step>/, listed in fixtures.json, and this prints what the guide makes of
// it now. The maintainer then corrects the expected step and target in fixtures.json
// (which makes it one of that step's saved pages), and has a failing test to make pass.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Window } from 'happy-dom';
import { recognisePage, STEPS as STEP_MODULES } from '../lib/portal/recognise';
import { controlName } from '../lib/portal/text';
import { UNKNOWN_STEP } from '../lib/portal/types';
import type { AnyRecognition as Recognition, StepId } from '../lib/portal/steps';
import { parseReport, savedPagesFromReport } from '../lib/report/to-page';

const STEPS: readonly string[] = [...STEP_MODULES.map((s) => s.id), UNKNOWN_STEP];

export interface FixtureOptions {
  reportText: string;
  /** From the report's file name when not given. */
  name?: string;
  reportFile?: string;
  /** The step the page should be: its folder and its expected step (default: what the guide saw). */
  step?: string;
  fixturesDir: string;
  force?: boolean;
}

export interface FixtureResult {
  ok: boolean;
  /** What to print: what was written and what the guide makes of it now, or why nothing was. */
  lines: string[];
  written: string[];
}

/** A page as the unit tests load it (tests/unit/portal/fixtures.ts): scripts not run. */
function recogniseHtml(html: string, url: string): Recognition {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true, navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true } } });
  window.document.write(html);
  // The script prints whatever the page gave, whichever step it was.
  return recognisePage(window.document as unknown as Document, new URL(url)) as Recognition;
}

function describe(r: Recognition): string[] {
  const out = [`  step: ${r.step}`, `  target: ${r.target ? JSON.stringify(controlName(r.target).trim()) : 'none'}${r.targetMissingKey ? ` (missing: ${r.targetMissingKey})` : ''}`];
  if (r.actionKey) out.push(`  action: ${r.actionKey}`);
  if (r.annotationState) out.push(`  annotation state: ${r.annotationState}`);
  if (r.annotation) out.push(`  annotation read: ${JSON.stringify(r.annotation)}`);
  if (r.certificates) out.push(`  certificate rows: ${r.certificates.length} (${r.certificates.map((c) => c.status).join(', ')})`);
  if (r.chosenValidityDays !== undefined) out.push(`  chosen validity: ${r.chosenValidityDays} days`);
  if (r.lines.length) out.push(`  lines: ${r.lines.map((l) => l.key).join(', ')}`);
  if (r.readingProblems?.length) out.push(`  could not read: ${r.readingProblems.map((l) => l.key).join(', ')}`);
  return out;
}

const slug = (s: string) => s.toLowerCase().replace(/\.json$/, '').replace(/^cpta-page-report-/, 'report-').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';

/** Adds an entry line before the list's end, keeping fixtures.json's one-entry-a-line layout. */
export function addEntries(json: string, entries: Record<string, unknown>[]): string {
  const end = json.lastIndexOf('\n  ]');
  if (end < 0) throw new Error('fixtures.json: the list of pages was not found');
  const before = json.slice(0, end).replace(/\s*$/, '');
  const value = (v: unknown) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  const lines = entries.map((e) => `    { ${Object.entries(e).map(([k, v]) => `${JSON.stringify(k)}: ${value(v)}`).join(', ')} }`);
  return `${before},\n\n${lines.join(',\n')}${json.slice(end)}`;
}

export function fixtureFromReport(o: FixtureOptions): FixtureResult {
  const parsed = parseReport(o.reportText);
  if (!parsed.ok) return { ok: false, lines: [`Not a page report: ${parsed.error}.`], written: [] };
  const report = parsed.report;
  const step = o.step ?? report.header.step;
  if (!STEPS.includes(step)) return { ok: false, lines: [`Unknown step "${step}": one of ${STEPS.join(', ')}.`], written: [] };
  const name = slug(o.name ?? (o.reportFile ? basename(o.reportFile) : 'report'));
  const pages = savedPagesFromReport(report, name);
  const framed = pages.length > 1;
  // A page with frames is saved like frames/*: the host under frames/, its frames beside it.
  const folder = framed ? 'frames' : step;
  const files = pages.map((p) => `${folder}/${p.file}`);
  for (const file of files) {
    if (existsSync(join(o.fixturesDir, file)) && !o.force) return { ok: false, lines: [`tests/fixtures/${file} exists: choose another --name, or --force.`], written: [] };
  }

  const lines: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const recognitions = pages.map((p) => recogniseHtml(p.html, p.url));
  pages.forEach((p, i) => {
    const r = recognitions[i]!;
    const entry: Record<string, unknown> = {
      file: files[i],
      url: p.url,
      step: i === 0 && !framed ? step : (r.step as StepId),
      target: r.target ? controlName(r.target).trim() : null,
    };
    if (r.annotationState) entry.annotationState = r.annotationState;
    if (framed && i === 0) {
      entry.frames = p.frames.map((f) => `frames/${f}`);
      entry.tabStep = step;
    }
    entries.push(entry);
  });
  const best = recognitions.reduce((a, b) => (b.specificity > a.specificity ? b : a));

  const written: string[] = [];
  pages.forEach((p, i) => {
    const path = join(o.fixturesDir, files[i]!);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, p.html);
    written.push(`tests/fixtures/${files[i]}`);
  });
  const listPath = join(o.fixturesDir, 'fixtures.json');
  writeFileSync(listPath, addEntries(readFileSync(listPath, 'utf8'), entries));

  lines.push(`Saved from the report (masked numbers and dates filled with invented ones of the same shape):`);
  for (const [i, file] of written.entries()) lines.push(`  ${file}  (served at ${pages[i]!.url}; the holder's guide saw: ${pages[i]!.reportedStep ?? 'not said'})`);
  lines.push('', `The holder's guide showed: ${report.header.step}${report.header.lastFlowStep ? ` (after ${report.header.lastFlowStep})` : ''}; could not read: ${report.header.unreadable.join(', ') || 'nothing said'}.`);
  lines.push('', `What the guide makes of it now${framed ? ' (its most specific frame)' : ''}:`, ...describe(best));
  lines.push(
    '',
    'Next:',
    `  1. In tests/fixtures/fixtures.json, set the expected "step" and "target" of the new entr${entries.length > 1 ? 'ies' : 'y'} (now: step ${step}, target as the guide finds it).`,
    `  2. Add a row for ${framed ? 'each page recognised as a step' : `"${files[0]}"`} to tests/fixtures/README.md.`,
    '  3. npx vitest run tests/unit/portal: the new page fails until recognition handles it.',
  );
  return { ok: true, lines, written };
}

export function main(argv: string[], fixturesDir: string): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flag = (n: string) => argv.find((a) => a.startsWith(`--${n}=`))?.slice(n.length + 3);
  if (!args[0] || argv.includes('--help')) {
    console.log('npm run fixture -- REPORT.json [--step=annotation] [--name=NAME] [--force]');
    return args[0] ? 0 : 1;
  }
  let text: string;
  try {
    text = readFileSync(args[0], 'utf8');
  } catch (e) {
    console.error(`Cannot read ${args[0]}: ${(e as Error).message}`);
    return 1;
  }
  const result = fixtureFromReport({ reportText: text, reportFile: args[0], name: flag('name'), step: flag('step'), fixturesDir, force: argv.includes('--force') });
  (result.ok ? console.log : console.error)(result.lines.join('\n'));
  return result.ok ? 0 : 1;
}
