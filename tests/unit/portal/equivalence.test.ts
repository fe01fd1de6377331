// The fast page view (lib/portal/page.ts readPage: lazy, cheap rejections, controls
// indexed by name) must say exactly what the reference page view says
// (./reference/page.ts: every control and block read the plain way). The same steps,
// lib/portal/steps, run over both on every saved page, on the heavy list and on mutated
// pages, step by step and as a whole, and must agree in every field and target; the fast
// text reading (lib/portal/text.ts) must agree with the reference one (./reference/text.ts).
//
// How to change what recognition means (a new rule, a new step): change the step module
// in lib/portal/steps, nothing here; this test then checks only that the fast view stays
// faithful. Only a change to what a page *shows* (what is visible, what is a control or a
// block of text) is made in ./reference/text.ts first, then in lib/portal/text.ts.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { recognisePage, recognisePageInSlices, STEPS } from '../../../lib/portal/recognise';
import { drain } from '../../../lib/portal/sliced';
import { referenceReadPage } from './reference/page';
import { readCertificates as referenceReadCertificates } from './reference/certificates';
import { readCertificates } from '../../../lib/portal/readers/certificates';
import * as referenceText from './reference/text';
import type { RecognitionBase } from '../../../lib/portal/types';
import { mayShow, patternNeeds, readPage } from '../../../lib/portal/page';
import * as text from '../../../lib/portal/text';
import { compact, textBlocks } from '../../../lib/portal/text';
import { PAGES, SAVED, loadHtml, loadSettled, loadShared, page } from './fixtures';

/** A recognition with its target replaced by the target's place in the document (elements compare by identity). */
function comparable(r: RecognitionBase | null, doc: Document): unknown {
  if (!r) return null;
  const all = Array.from(doc.getElementsByTagName('*'));
  return { ...r, target: r.target ? all.indexOf(r.target) : null };
}

/** The fast text reading says what the reference one says, of every element and text of the page. */
function expectSameText(doc: Document, label: string): void {
  const root = doc.body ?? doc.documentElement;
  if (!root) return;
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const el of elements) {
    const where = `${label}: <${el.tagName.toLowerCase()}> #${elements.indexOf(el)}`;
    expect(text.isHiddenByMarkup(el), where).toBe(referenceText.isHiddenByMarkup(el));
    expect(text.isHidden(el), where).toBe(referenceText.isHidden(el));
    expect(text.visibleTextOf(el), where).toBe(referenceText.visibleTextOf(el));
    // The quick read of a cell's text (certificate rows) says what the plain read says.
    expect(text.visibleText(el), where).toBe(referenceText.normaliseText(referenceText.visibleTextOf(el)));
    const t = el.textContent ?? '';
    expect(text.normaliseText(t), where).toBe(referenceText.normaliseText(t));
    expect(text.controlKey(t), where).toBe(referenceText.controlKey(t));
    expect(text.controlName(el), where).toBe(referenceText.controlName(el));
  }
  const plain = (list: { element: Element }[]) => list.map((x) => ({ ...x, element: elements.indexOf(x.element) }));
  expect(plain(text.textBlocks(doc)), label).toEqual(plain(referenceText.textBlocks(doc)));
  expect(plain(text.visibleControls(doc)), label).toEqual(plain(referenceText.visibleControls(doc)));
}

function expectSame(doc: Document, url: URL, label: string): void {
  const now = Date.now();
  const reference = comparable(recognisePage(doc, url, { now, read: referenceReadPage }), doc);
  expect(comparable(recognisePage(doc, url, { now }), doc), label).toEqual(reference);
  // Read in slices (as the guide reads it), run through: the same.
  expect(comparable(drain(recognisePageInSlices(doc, url, { now })), doc), `${label}: in slices`).toEqual(reference);
  for (const step of STEPS) {
    const fast = step.recognise(doc, url, readPage(doc, url, now));
    const reference = step.recognise(doc, url, referenceReadPage(doc, url, now));
    expect(comparable(fast, doc), `${label}: ${step.id}`).toEqual(comparable(reference, doc));
  }
  expectSameText(doc, label);
  // The certificate rows, read the quick way, are the rows the plain reading finds.
  const all = Array.from(doc.getElementsByTagName('*'));
  const rows = (r: ReturnType<typeof readCertificates>) => ({ ...r, rows: r.rows.map((x) => ({ ...x, element: all.indexOf(x.element) })) });
  expect(rows(readCertificates(doc, url, readPage(doc, url, now))), `${label}: certificate rows`).toEqual(rows(referenceReadCertificates(doc, url, referenceReadPage(doc, url, now))));
}

describe('the fast recognition says what the full read says', () => {
  for (const p of PAGES) {
    test(`${p.file}`, async () => {
      const { document, url } = await loadShared(p.file);
      expectSame(document, url, p.file);
    });
  }
});

type Mutation =
  | { kind: 'remove' | 'duplicate' | 'swap' | 'hide-style' | 'hide-attribute' | 'aria-hidden' | 'disable' | 'unwrap'; at: number }
  | { kind: 'rename'; at: number; tag: string }
  | { kind: 'insert'; at: number; html: string }
  | { kind: 'garble'; at: number; text: string };

const PHRASES = [
  '有效', '已撤销', '下载', '证书信息', '查看', '申请证书加注', '提交加注申请', '证书生成中…', '加注件已过期', '验证码：',
  '管理号：', '证书编号：2205110000300127', '2205110000300127', '服务须知', '同意', '登录', '密码：', '用户名', '注册', '证件号码',
  '确认密码', '加注信息', '有效期：2026-09-03至2026-12-01', '加注有效期：90天', '加注申请提交成功', '没有查询到证书', '证书查验',
  '电子证书下载', '持证人查询下载', '使用场景', '【下载】', '下 载', '证书...', '中国人事考试网', '２０２６年１２月１日', ' ',
];
const INSERTS = [
  '<a href="#">下载</a>', '<button>申请证书加注</button>', '<span style="display:none">证书生成中</span>', '<input type="button" value="同意">',
  '<p>管理号：<b>2411010000710093</b></p>', '<div hidden>服务须知</div>', '<script>var a = "提交加注申请";</script>', '<select><option>90天</option></select>',
  '<span aria-hidden="true">验证码</span>', '<td>状态</td>', '<div>证书状态：有效</div>', '<span role="button">查看</span>', '<div onclick="x()">登录</div>',
  '<b>加注</b>信息', '验<i>证</i>码', '<a>[下载]</a>', '<a disabled>下载</a>', '<input type="hidden" value="下载">', '<input type="password">',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('remove', 'duplicate', 'swap', 'hide-style', 'hide-attribute', 'aria-hidden', 'disable', 'unwrap'), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename'), at: fc.nat(), tag: fc.constantFrom('div', 'span', 'td', 'tr', 'p', 'a', 'button', 'b', 'table', 'li', 'script', 'select', 'option') }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), html: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('garble'), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PHRASES)) }),
) as fc.Arbitrary<Mutation>;

function mutate(doc: Document, m: Mutation): void {
  const body = doc.body;
  if (!body) return;
  const elements = Array.from(body.querySelectorAll('*'));
  const el = elements[m.at % Math.max(1, elements.length)] ?? body;
  switch (m.kind) {
    case 'remove':
      if (el !== body) el.remove();
      break;
    case 'duplicate':
      if (el !== body) el.after(el.cloneNode(true));
      break;
    case 'swap': {
      const prev = el.previousElementSibling;
      if (prev) prev.before(el);
      break;
    }
    case 'hide-style':
      el.setAttribute('style', 'display:none');
      break;
    case 'hide-attribute':
      el.setAttribute('hidden', '');
      break;
    case 'aria-hidden':
      el.setAttribute('aria-hidden', 'true');
      break;
    case 'disable':
      el.setAttribute('disabled', '');
      break;
    case 'unwrap':
      if (el !== body) el.replaceWith(...Array.from(el.childNodes));
      break;
    case 'rename': {
      if (el === body) break;
      const renamed = doc.createElement(m.tag);
      for (const attr of Array.from(el.attributes)) renamed.setAttribute(attr.name, attr.value);
      while (el.firstChild) renamed.append(el.firstChild);
      el.replaceWith(renamed);
      break;
    }
    case 'insert':
      el.insertAdjacentHTML(m.at % 2 ? 'beforeend' : 'afterbegin', m.html);
      break;
    case 'garble': {
      const walker = doc.createTreeWalker(body, 4 /* SHOW_TEXT */);
      const texts: Node[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
      const node = texts[m.at % Math.max(1, texts.length)];
      if (node) node.nodeValue = m.at % 3 === 0 ? m.text : (node.nodeValue ?? '') + m.text;
      break;
    }
  }
}

const settledHtml = new Map<string, string>();
async function baseHtml(file: string): Promise<string> {
  if (!settledHtml.has(file)) settledHtml.set(file, (await loadSettled(file)).document.documentElement.outerHTML);
  return settledHtml.get(file)!;
}
const parser = new (new Window().DOMParser)();

describe('the fast recognition says what the full read says, on mutated pages', () => {
  test('every step and the whole agree after random mutations of every saved page', async () => {
    const files = SAVED.map((p) => p.file);
    const bases = new Map(await Promise.all(files.map(async (f) => [f, await baseHtml(f)] as const)));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 6 }), (file, mutations) => {
        const document = parser.parseFromString(bases.get(file)!, 'text/html') as unknown as Document;
        const url = new URL(page(file).url);
        for (const m of mutations) mutate(document, m);
        expectSame(document, url, file);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261202), numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  }, 120_000);
});

// The cheap rejection on its own: mayShow may say "maybe" too often, never "no" wrongly.
const PATTERNS: RegExp[] = [
  /验证码/, /服务须知/, /加注/, /使用场景/, /^(?:加注)?有效期/, /证件号码/, /确认密码|设置密码|再次输入密码/, /用户名|证件号码|账号/, /密码[:：]?$/,
  /^(?:证书)?加注信息|^电子证书加注|^证书加注$|^(?:加注)?有效期|^加注状态/, /^(?:管理号|证书编号|证书号码|证书号)[:：]/, /管理号|证书编号/,
  /证书生成中/, /加注件已过期|加注已过期/, /加注申请(?:已)?提交成功|加注申请已提交|提交加注申请成功|加注申请成功/,
  /没有查询到|未查询到|暂无(?:证书|数据|记录)|无证书信息|没有证书|查询结果为空/, /证书查验|证书下载及查验|电子证书下载|证书下载/,
  /(?:加注)?有效期[:：]?(\d{1,4})天/, /^有效期至\d+/, /下载+/, /[有无]效/, /\d{4}年\d{1,2}月/, /证书\s*编号/, /(?:证书|资格)名称[:：]/,
];

describe('mayShow never rejects text a block shows', () => {
  function check(document: Document, url: URL, label: string): void {
    const view = readPage(document, url);
    const texts = textBlocks(document).map((b) => compact(b.text));
    for (const pattern of PATTERNS) {
      if (texts.some((t) => pattern.test(t))) expect(mayShow(view, pattern), `${label}: ${pattern}`).toBe(true);
    }
  }
  for (const p of PAGES) {
    test(p.file, async () => {
      const { document, url } = await loadShared(p.file);
      check(document, url, p.file);
    });
  }
  test('on mutated pages too', async () => {
    const files = SAVED.map((p) => p.file);
    const bases = new Map(await Promise.all(files.map(async (f) => [f, await baseHtml(f)] as const)));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 8 }), (file, mutations) => {
        const document = parser.parseFromString(bases.get(file)!, 'text/html') as unknown as Document;
        for (const m of mutations) mutate(document, m);
        check(document, new URL(page(file).url), file);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261202), numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  }, 120_000);
  test('rejects what the page cannot show, and gives up on patterns it does not follow', () => {
    const { document, url } = loadHtml('<html><body><p>批准日期</p><p>有效</p><span hidden>密码</span></body></html>', 'http://zs.cpta.com.cn/x');
    const view = readPage(document, url);
    expect(mayShow(view, /验证码/)).toBe(false);
    expect(mayShow(view, /^(?:加注)?有效期/)).toBe(false); // 有, 效 and 期 are there, not in this order
    expect(mayShow(view, /有效/)).toBe(true);
    expect(mayShow(view, /密码/)).toBe(true); // hidden text only makes it say "maybe"
    expect(mayShow(view, /(?=验证码)/)).toBe(true);
    expect(mayShow(view, /\u9a8c证码/)).toBe(true);
    expect(patternNeeds(/(?<=a)验/)).toBeNull();
  });
});
