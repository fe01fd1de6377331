// Mutated saved pages (elements removed, duplicated, reordered, renamed; text garbled):
// recognition never throws, and never reports a certificate number, qualification, date
// or state that the mutated page does not show.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { findDatesInText } from '../../../lib/dates/parse';
import { recognisePage } from './any-recognition';
import { compact, normaliseText } from '../../../lib/portal/text';
import type { Recognition } from './any-recognition';
import { SAVED, loadHtml, loadSettled, page } from './fixtures';

type Mutation =
  | { kind: 'remove' | 'duplicate' | 'swap' | 'hide'; at: number }
  | { kind: 'rename'; at: number; tag: string }
  | { kind: 'garble'; at: number; text: string; mode: 'replace' | 'insert' | 'truncate' }
  | { kind: 'strip-attributes'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('remove', 'duplicate', 'swap', 'hide'), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), tag: fc.constantFrom('div', 'span', 'td', 'tr', 'p', 'a', 'button', 'b', 'table', 'li') }),
  fc.record({
    kind: fc.constant('garble'),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('有效', '已撤销', '2026-02-30', '2026年13月1日', '至', '下载', '证书生成中…', '加注件已过期', '90', '', '管理号：', '1234567890123456'),
    ),
    mode: fc.constantFrom('replace', 'insert', 'truncate'),
  }) as fc.Arbitrary<Mutation>,
  fc.record({ kind: fc.constant('strip-attributes'), at: fc.nat() }),
);

function mutate(doc: Document, m: Mutation): void {
  const body = doc.body;
  if (!body) return;
  const elements = Array.from(body.querySelectorAll('*'));
  if (elements.length === 0) return;
  const el = elements[m.at % elements.length]!;
  switch (m.kind) {
    case 'remove':
      el.remove();
      break;
    case 'duplicate':
      el.after(el.cloneNode(true));
      break;
    case 'swap': {
      const prev = el.previousElementSibling;
      if (prev) prev.before(el);
      else el.parentElement?.append(el);
      break;
    }
    case 'hide':
      el.setAttribute('style', 'display:none');
      break;
    case 'rename': {
      const renamed = doc.createElement(m.tag);
      for (const attr of Array.from(el.attributes)) renamed.setAttribute(attr.name, attr.value);
      while (el.firstChild) renamed.append(el.firstChild);
      el.replaceWith(renamed);
      break;
    }
    case 'strip-attributes':
      for (const attr of Array.from(el.attributes)) el.removeAttribute(attr.name);
      break;
    case 'garble': {
      const walker = doc.createTreeWalker(body, 4 /* SHOW_TEXT */);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/\S/.test(n.nodeValue ?? '')) texts.push(n as Text);
      const node = texts[m.at % Math.max(1, texts.length)];
      if (!node) break;
      const value = node.nodeValue ?? '';
      const cut = m.at % (value.length + 1);
      node.nodeValue =
        m.mode === 'replace' ? m.text : m.mode === 'insert' ? value.slice(0, cut) + m.text + value.slice(cut) : value.slice(0, cut);
      break;
    }
  }
}

/** What the page shows: every text node and field value, each apart, for "did the page say this?". */
function shown(doc: Document): string {
  const parts = [doc.title];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
  for (const f of Array.from(doc.querySelectorAll('input, select'))) parts.push((f as HTMLInputElement).value ?? '');
  return normaliseText(parts.join(' '));
}

function checkHonest(r: Recognition, doc: Document): void {
  const spaced = shown(doc);
  const text = compact(spaced);
  const dates = new Set(findDatesInText(spaced).map((d) => d.date));
  for (const c of r.certificates ?? []) {
    expect(text).toContain(c.number);
    expect(text).toContain(compact(normaliseText(c.qualification)));
    if (c.approvalDate) expect(dates).toContain(c.approvalDate);
    if (c.status === 'valid') expect(text).toMatch(/有效/);
    if (c.status === 'withdrawn') expect(text).toMatch(/撤销|注销|作废|吊销/);
  }
  const a = r.annotation;
  if (a?.validFrom) expect(dates).toContain(a.validFrom);
  if (a?.validUntil) expect(dates).toContain(a.validUntil);
  if (a?.state === 'generating') expect(text).toContain('证书生成中');
  if (a?.state === 'expired') expect(text).toMatch(/加注件?已过期/);
  if (r.certificateNumber) expect(text).toContain(r.certificateNumber);
  if (r.target) expect(doc.contains(r.target)).toBe(true);
  if (r.step === 'unknown') expect(r).toEqual({ step: 'unknown', specificity: 0, target: null, lines: [] });
}

// Late-filled pages are fuzzed in their filled state.
const settledHtml = new Map<string, string>();
async function baseHtml(file: string): Promise<string> {
  if (!settledHtml.has(file)) settledHtml.set(file, (await loadSettled(file)).document.documentElement.outerHTML);
  return settledHtml.get(file)!;
}

// One parser for every run: a fresh Window per run would be slow.
const parser = new (new Window().DOMParser)();

describe('fuzz: mutated saved pages', () => {
  const files = SAVED.map((p) => p.file);
  test('recognition never throws and never reports what the page does not show', async () => {
    const bases = new Map(await Promise.all(files.map(async (f) => [f, await baseHtml(f)] as const)));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 6 }), (file, mutations) => {
        const document = parser.parseFromString(bases.get(file)!, 'text/html') as unknown as Document;
        const url = new URL(page(file).url);
        for (const m of mutations) mutate(document, m);
        let r: Recognition | undefined;
        expect(() => (r = recognisePage(document, url))).not.toThrow();
        checkHonest(r!, document);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261129), numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  }, 60_000);

  test('the honesty check catches a made-up record (the check itself works)', () => {
    const { document } = loadHtml('<html><body><p>有效</p></body></html>', 'http://zs.cpta.com.cn/x');
    const madeUp: Recognition = {
      step: 'cert-list',
      specificity: 50,
      target: null,
      lines: [],
      certificates: [{ number: '9999999999999999', qualification: '审计', status: 'valid' }],
    };
    expect(() => checkHonest(madeUp, document)).toThrow();
  });

  test('mutations that break every certificate row leave no rows, not wrong rows', () => {
    const { document, url } = loadHtml(settledHtml.get('cert-list/list-table.html') ?? '', page('cert-list/list-table.html').url);
    // Swap the number and qualification cells of every row.
    for (const tr of Array.from(document.querySelectorAll('tbody tr'))) {
      const cells = tr.querySelectorAll('td');
      cells[4]!.after(cells[2]!);
      cells[2]!.before(cells[4]!);
    }
    const r = recognisePage(document, url);
    expect(r.certificates ?? []).toEqual([]);
  });
});
