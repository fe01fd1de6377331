// Which page changes make the guide read the page again (lib/guide/relevance.ts): changes
// outside the flow's content (a clock, a notice ticker, styles of what holds none of its
// words) never do; changes inside it (a row's status, the annotation block, a button
// appearing) always do, within 300 ms. And a change it lets pass never changes what
// recognition says: on random sequences of changes of every saved page, what the guide
// last read is, after every batch, what the full read over the reference page view (../portal/reference/page.ts) says.
import { afterEach, describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { createAgent, type Agent } from '../../../lib/guide/agent';
import { createRelevance } from '../../../lib/guide/relevance';
import type { FrameReport } from '../../../lib/guide/report';
// Those lib/guide/watch.ts observes.
import { ATTRIBUTES } from '../../../lib/guide/watch';
import { holderEvent } from './helpers';
import { recognisePage } from '../../../lib/portal/recognise';
import { referenceReadPage } from '../portal/reference/page';

type Recognition = ReturnType<typeof recognisePage>;
/** The same steps over the plain, obviously-correct page view (tests/unit/portal/reference/page.ts). */
const referenceRecognisePage = (doc: Document, url: URL) => recognisePage(doc, url, { read: referenceReadPage });
import { fixtureHtml, loadHtml, loadSettled, page, SAVED, type Loaded } from '../portal/fixtures';

/** A clock and a notice ticker, as portal pages have, whose words are none of the flow's. */
const TICKER = `<div id="ticker"><div>服务器时钟：<span id="clock">10:00:00.0</span></div><ul id="notices"><li><a href="n/0.html">关于2021年度考试报名安排的通知（第0号）</a></li></ul></div>`;

let n = 0;
/** One tick of the ticker: the clock's text, one notice in and one out, a class and a style. */
function tick(doc: Document): void {
  n++;
  doc.getElementById('clock')!.textContent = `10:00:0${n % 10}.${n % 7}`;
  const list = doc.getElementById('notices')!;
  const li = doc.createElement('li');
  const a = doc.createElement('a');
  a.href = `n/${n}.html`;
  a.textContent = `关于${2020 + (n % 7)}年度考试报名安排的通知（第${n}号）`;
  li.appendChild(a);
  list.appendChild(li);
  if (list.children.length > 5) list.firstElementChild!.remove();
  doc.getElementById('ticker')!.classList.toggle('hot');
  list.setAttribute('style', `height:${100 + (n % 3)}px`);
}

interface Running {
  loaded: Loaded;
  agent: Agent;
  passes: () => number;
  step: () => string;
  report: () => FrameReport;
  /** What the last pass found. */
  last: () => Recognition;
}
const running: Running[] = [];

/** A saved page with the ticker and the guide's agent on it; recognition passes counted. */
function startOn(file: string, tickerAt: 'start' | 'end', prepare?: (doc: Document) => void): Running {
  const p = page(file);
  const loaded = loadHtml(fixtureHtml(file), p.url);
  const { window, document } = loaded;
  prepare?.(document);
  document.body.insertAdjacentHTML(tickerAt === 'start' ? 'afterbegin' : 'beforeend', TICKER);
  let passes = 0;
  let step = '';
  let report: FrameReport | undefined;
  let last: Recognition | undefined;
  const layer = document.createElement('div').attachShadow({ mode: 'open' });
  const agent = createAgent({
    win: window as unknown as Window,
    recognise: (doc) => {
      passes++;
      last = recognisePage(doc, new URL(p.url));
      return last;
    },
    send: async () => undefined,
    owns: () => false,
    layer: () => layer,
    onReport: (r) => {
      step = r.step;
      report = r;
    },
    onRect: () => {},
    onNote: () => {},
  });
  agent.setActive(true, true);
  const r = { loaded, agent, passes: () => passes, step: () => step, report: () => report!, last: () => last! };
  running.push(r);
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    r.agent.stop();
    await r.loaded.window.happyDOM.close();
  }
  vi.useRealTimers();
});

/**
 * An observer as lib/guide/watch.ts sets it, and one Relevance asked batch by batch:
 * `batch(change)` makes the change and says whether any of its records matters.
 */
function batchesOn(window: Loaded['window'], document: Document) {
  const observer = new (window as unknown as typeof globalThis).MutationObserver(() => {});
  observer.observe(document, { childList: true, subtree: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true, attributeFilter: ATTRIBUTES });
  const relevance = createRelevance();
  const batch = (change: () => void): boolean => {
    change();
    const records = observer.takeRecords();
    relevance.see(records);
    return records.some((r) => relevance.matters(r, null));
  };
  return { batch, observer };
}

/** Lets the page's observer deliver and the guide's timers run, ticking every 100 ms. */
async function live(r: Running, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    tick(r.loaded.document);
    await vi.advanceTimersByTimeAsync(100);
  }
}

describe('a page that keeps changing outside the flow is not read again', () => {
  for (const [file, at] of [['cert-list/list-table.html', 'end'], ['cert-list/list-table.html', 'start'], ['annotation/expired-div-link.html', 'end'], ['login/certmng-login-table.html', 'start']] as const) {
    test(`${file}, ticker at the ${at}: 3 s of ticks, no recognition pass`, async () => {
      vi.useFakeTimers();
      const r = startOn(file, at);
      expect(r.passes()).toBe(1);
      await live(r, 3000);
      expect(r.passes()).toBe(1);
    });
  }
});

describe('a change of the flow is read within 300 ms, however busy the ticker', () => {
  const cases: [string, string, (doc: Document) => void, (r: Running) => void][] = [
    [
      "a row's status",
      'cert-list/list-table.html',
      (doc) => {
        const cell = Array.from(doc.querySelectorAll('td')).find((td) => td.textContent?.trim() === '有效')!;
        cell.textContent = '已撤销';
      },
      () => {},
    ],
    [
      'a button appearing',
      'cert-list/list-table.html',
      (doc) => doc.querySelector('table')!.insertAdjacentHTML('beforebegin', '<button type="button">申请证书加注</button>'),
      (r) => expect(r.step()).not.toBe('cert-list'),
    ],
    [
      "the annotation block's dates (no flow word in them, beside their label)",
      'annotation/expired-div-link.html',
      (doc) => {
        const value = Array.from(doc.querySelectorAll('span')).find((s) => s.previousElementSibling?.textContent?.includes('加注有效期'))!;
        value.textContent = '2026年11月1日 至 2027年1月29日';
      },
      () => {},
    ],
    [
      "the annotation block's state",
      'annotation/generating-table-button.html',
      (doc) => {
        const cell = Array.from(doc.querySelectorAll('td')).find((td) => td.textContent?.includes('证书生成中'))!;
        cell.textContent = '已生成';
      },
      () => {},
    ],
    [
      'the agree button made unavailable by an attribute only a reader looks at (aria-disabled)',
      'service-terms/terms-div-button.html',
      (doc) => Array.from(doc.querySelectorAll('button')).find((b) => b.textContent === '同　意')!.setAttribute('aria-disabled', 'true'),
      (r) => expect(r.step()).not.toBe('service-terms'),
    ],
  ];
  for (const [what, file, change, then] of cases) {
    test(what, async () => {
      vi.useFakeTimers();
      const r = startOn(file, 'end');
      await live(r, 1000);
      const before = r.passes();
      change(r.loaded.document);
      await live(r, 300);
      expect(r.passes()).toBeGreaterThan(before);
      then(r);
    });
  }
});

describe('a flow word is known however the page writes it', () => {
  // Recognition reads names through normaliseText (lib/portal/text.ts): a zero-width space
  // inside 同意 still names the agree button. A button written so, put where nothing else
  // holds a flow word, is a change of the flow.
  // The step's own button or message taken away, then written so again after the ticker.
  const cases: [string, string, string, (doc: Document) => Element, string][] = [
    [
      'an agree button whose name a zero-width space splits',
      'service-terms/terms-div-button.html',
      'service-terms',
      (doc) => Array.from(doc.querySelectorAll('button')).find((b) => b.textContent === '同　意')!,
      '<p><button type="button">同\u200b意</button></p>',
    ],
    [
      // Read as 加注申请成功: the hidden span is not; its text holds no flow word, nor does the text around it alone.
      'a confirmation that a hidden part splits',
      'annotation-apply/apply-submitted.html',
      'annotation-apply',
      (doc) => Array.from(doc.querySelectorAll('p')).find((p) => p.textContent?.includes('提交成功'))!,
      '<p>加<span style="display:none">·</span>注申请成功</p>',
    ],
  ];
  for (const [what, file, step, own, again] of cases) {
    test(`${what}, added after the ticker, is read within 300 ms`, async () => {
      vi.useFakeTimers();
      const r = startOn(file, 'end');
      expect(r.step()).toBe(step);
      own(r.loaded.document).remove();
      await live(r, 1000);
      expect(r.step()).not.toBe(step);
      const before = r.passes();
      r.loaded.document.body.insertAdjacentHTML('beforeend', again);
      await live(r, 300);
      expect(r.passes()).toBeGreaterThan(before);
      expect(r.step()).toBe(step);
    });
  }
});

describe('a change that unmakes a flow word, or makes the page read as one block, is read', () => {
  test('the end of a confirmation taken away, where nothing else holds a flow word, is read within 300 ms', async () => {
    vi.useFakeTimers();
    const r = startOn('annotation-apply/apply-submitted.html', 'end');
    const doc = r.loaded.document;
    Array.from(doc.querySelectorAll('p')).find((p) => p.textContent?.includes('提交成功'))!.remove();
    doc.body.insertAdjacentHTML('beforeend', '<p id="said">加<span>注申请成功</span></p>');
    await live(r, 1000);
    expect(r.step()).toBe('annotation-apply');
    const before = r.passes();
    // 注申请成功 alone holds no flow word, nor does what is left (加): the word was the two together.
    doc.querySelector('#said span')!.remove();
    await live(r, 300);
    expect(r.passes()).toBeGreaterThan(before);
    expect(r.step()).not.toBe('annotation-apply');
  });

  test('a text of its own in <body> makes the whole page one block: read again', async () => {
    const { window, document } = await loadSettled('annotation/generating-div-late.html');
    const url = new URL(page('annotation/generating-div-late.html').url);
    const { batch, observer } = batchesOn(window, document);
    // The number's label no longer stands alone: the number is not read.
    const label = Array.from(document.querySelectorAll('span')).find((s) => s.textContent === '证书编号：')!;
    expect(batch(() => label.insertAdjacentHTML('afterbegin', '<div>10:00:01</div>'))).toBe(true);
    /** The certificate number recognition reads on the page now. */
    const number = () => {
      const r = recognisePage(document, url);
      return 'certificateNumber' in r ? r.certificateNumber : undefined;
    };
    expect(number()).toBeUndefined();
    // A text straight in <body>: its block is the whole page, where 证书编号：2411010000710093 reads as one.
    expect(batch(() => document.body.insertAdjacentText('afterbegin', ' 12 '))).toBe(true);
    expect(number()).toBe('2411010000710093');
    // And the other way: taken away, the number is no longer read.
    expect(batch(() => document.body.firstChild!.remove())).toBe(true);
    expect(number()).toBeUndefined();
    observer.disconnect();
    await window.happyDOM.close();
  });
});

// Recognition reads more than the words beside a change: a field's value as its property
// holds it (a picker writes it from script, and no record says so), what the style sheets
// show at the window's width, a cell's text however deep a component wraps it, text that a
// part hidden inside it joins into a word.
describe('what recognition reads beyond the words next to a change', () => {
  const numbersOf = (rec: Recognition): string[] => (rec.step === 'cert-list' ? rec.certificates.map((c) => c.number) : []);

  test('a validity a date picker writes into the form from script, when the holder picks a day, is read within 300 ms', async () => {
    vi.useFakeTimers();
    const r = startOn('annotation-apply/apply-date-range-link.html', 'end');
    expect(r.report().chosenValidityDays).toBe(90);
    await live(r, 1000);
    const before = r.passes();
    const doc = r.loaded.document;
    // The calendar opens at the end of <body> (days and a month, no flow word); the day the
    // holder clicks is written into the field's value by the page's script (no input or
    // change event: only the value property changes), and the calendar goes.
    doc.body.insertAdjacentHTML('beforeend', '<div class="picker"><div>2026年12月</div><table><tr><td>27</td><td id="day">28</td></tr></table></div>');
    doc.getElementById('day')!.addEventListener('click', () => {
      (doc.querySelector('input[name=validUntil]') as HTMLInputElement).value = '2026-12-28';
      doc.querySelector('.picker')!.remove();
    });
    await live(r, 100);
    expect(r.passes()).toBe(before);
    // The holder's own click (trusted), as the browser delivers it.
    const MouseEventOf = (r.loaded.window as unknown as typeof globalThis).MouseEvent;
    doc.getElementById('day')!.dispatchEvent(holderEvent(new MouseEventOf('click', { bubbles: true })));
    await live(r, 300);
    expect(r.passes()).toBeGreaterThan(before);
    expect(r.report().chosenValidityDays).toBe(30);
  });

  test("a window resized across the page's breakpoints (its style sheets then show another button) is read within 300 ms", async () => {
    vi.useFakeTimers();
    // In Chromium, @media (max-width: 767px) { .ops .desk { display: none } } turns the
    // target from one [申请证书加注] to the other with no record at all (happy-dom has no
    // layout: here only the look is asked for).
    const r = startOn('annotation/expired-div-link.html', 'end');
    await live(r, 1000);
    const before = r.passes();
    r.loaded.window.dispatchEvent(new r.loaded.window.Event('resize'));
    await live(r, 300);
    expect(r.passes()).toBeGreaterThan(before);
  });

  test("a row's number, five elements deep in its cell (a table component's tooltip cell), is read within 300 ms", async () => {
    vi.useFakeTimers();
    const r = startOn('cert-list/list-table.html', 'end', (doc) => {
      const cell = Array.from(doc.querySelectorAll('td')).find((td) => td.textContent === '2205110000300127')!;
      cell.innerHTML = '<div class="cell"><div class="cell-tooltip"><div class="tooltip"><div class="tooltip-rel"><span class="tooltip-content">2205110000300127</span></div></div></div></div>';
    });
    expect(numbersOf(r.last())).toContain('2205110000300127');
    await live(r, 1000);
    const before = r.passes();
    // The table drawn again with another certificate in that row: the component writes the cell's text in place.
    r.loaded.document.querySelector('.tooltip-content')!.firstChild!.nodeValue = '2205110000300128';
    await live(r, 300);
    expect(r.passes()).toBeGreaterThan(before);
    expect(numbersOf(r.last())).toContain('2205110000300128');
  });

  test('a part of a confirmation hidden by the page, which joins the words around it, is read within 300 ms', async () => {
    vi.useFakeTimers();
    const r = startOn('annotation-apply/apply-submitted.html', 'end');
    const message = Array.from(r.loaded.document.querySelectorAll('p')).find((p) => p.textContent?.includes('提交成功'))!;
    message.remove();
    r.loaded.document.body.insertAdjacentHTML('beforeend', '<p>加<span id="part">·</span>注申请成功，请耐心等待</p>');
    await live(r, 1000);
    expect(r.step()).not.toBe('annotation-apply');
    const before = r.passes();
    // Read as 加注申请成功 once the part is hidden; neither the text around it nor the part holds a flow word.
    r.loaded.document.getElementById('part')!.setAttribute('style', 'display:none');
    await live(r, 300);
    expect(r.passes()).toBeGreaterThan(before);
    expect(r.step()).toBe('annotation-apply');
  });
});

// What a Relevance keeps between batches (the answer "no label just before this node")
// must go as soon as a change touches what it read: else a value would be let pass
// beside a label that came in meanwhile.
describe('what is kept between batches is dropped when a change touches it', () => {
  // The value's only ancestor below <body> holds no flow word: what is before it decides.
  const HTML = '<!DOCTYPE html><html><head></head><body><div id="label"><b>通知</b></div><div id="gap"></div><span id="value">1</span><p>页脚</p></body></html>';
  /** The page, an observer as lib/guide/watch.ts sets it, and one Relevance asked batch by batch. */
  function setUp() {
    const { window, document } = loadHtml(HTML, 'http://zs.cpta.com.cn/certMng/x.html');
    const { batch } = batchesOn(window, document);
    const value = () => document.getElementById('value')!;
    const setValue = (t: string) => () => (value().textContent = t);
    return { window, document, batch, setValue };
  }

  test("the label's own text changes", async () => {
    const { window, document, batch, setValue } = setUp();
    expect(batch(setValue('2'))).toBe(false);
    expect(batch(setValue('3'))).toBe(false);
    expect(batch(() => (document.querySelector('#label b')!.textContent = '证书编号：'))).toBe(true);
    expect(batch(setValue('4'))).toBe(true);
    await window.happyDOM.close();
  });

  test('a label comes in between', async () => {
    const { window, document, batch, setValue } = setUp();
    expect(batch(setValue('2'))).toBe(false);
    expect(batch(() => (document.getElementById('gap')!.innerHTML = '<i>管理号：</i>'))).toBe(true);
    expect(batch(setValue('3'))).toBe(true);
    await window.happyDOM.close();
  });

  test('a label comes in before the empty block that stood between', async () => {
    const { window, document, batch, setValue } = setUp();
    expect(batch(setValue('2'))).toBe(false);
    expect(batch(() => document.getElementById('gap')!.insertAdjacentHTML('beforebegin', '<i>管理号：</i>'))).toBe(true);
    expect(batch(setValue('3'))).toBe(true);
    await window.happyDOM.close();
  });

  test('the text that stood between a label and the value is taken away', async () => {
    const { window, document, batch, setValue } = setUp();
    document.getElementById('label')!.insertAdjacentHTML('beforebegin', '<div>证书编号：</div>');
    batch(() => {});
    expect(batch(setValue('2'))).toBe(false);
    batch(() => document.getElementById('label')!.remove());
    expect(batch(setValue('3'))).toBe(true);
    await window.happyDOM.close();
  });

  test('what hid the label is taken away', async () => {
    const { window, document, batch, setValue } = setUp();
    document.getElementById('label')!.insertAdjacentHTML('beforeend', '<span style="display:none">证书编号：</span>');
    batch(() => {});
    expect(batch(setValue('2'))).toBe(false);
    expect(batch(() => document.querySelector('#label span')!.removeAttribute('style'))).toBe(true);
    expect(batch(setValue('3'))).toBe(true);
    await window.happyDOM.close();
  });

  test('the label is moved out of a link', async () => {
    const { window, document, batch, setValue } = setUp();
    const label = document.getElementById('label')!;
    label.innerHTML = '<a href="#"><b>证书编号：</b></a>';
    batch(() => {});
    // A control's name is no label.
    expect(batch(setValue('2'))).toBe(false);
    expect(batch(() => label.replaceChildren(...Array.from(label.querySelector('a')!.childNodes)))).toBe(true);
    expect(batch(setValue('3'))).toBe(true);
    await window.happyDOM.close();
  });
});

// In a browser style sheets decide what is visible (lib/portal/text.ts isHidden asks
// checkVisibility): a rule written into a <style> of the page's body hides a button as
// surely as a new <style> does, and a new one already counts.
describe("a style sheet's own text is a change of what recognition reads", () => {
  test('written into an empty <style> of the body, rewritten, emptied', async () => {
    const { window, document } = loadHtml(
      '<!DOCTYPE html><html><head></head><body><style id="rules"></style><div><p>10:00:00</p></div><div><button>申请证书加注</button></div></body></html>',
      'http://zs.cpta.com.cn/certMng/x.html',
    );
    const { batch, observer } = batchesOn(window, document);
    const rules = document.getElementById('rules')!;
    // What stands beside it is no flow word: the clock's text changes and does not count.
    expect(batch(() => (document.querySelector('p')!.textContent = '10:00:01'))).toBe(false);
    expect(batch(() => rules.appendChild(document.createTextNode('button { display: none }')))).toBe(true);
    expect(batch(() => (rules.firstChild!.nodeValue = 'button { display: inline-block }'))).toBe(true);
    expect(batch(() => (rules.textContent = ''))).toBe(true);
    observer.disconnect();
    await window.happyDOM.close();
  });
});

// Random changes, from the kinds a portal page makes outside the flow and the kinds that
// touch it; after each, if no record matters, recognition must say what it said before.
type Change =
  | { kind: 'insert'; at: number; html: string; where: InsertPosition }
  | { kind: 'text'; at: number; text: string }
  | { kind: 'attribute'; at: number; name: string; value: string | null }
  | { kind: 'remove' | 'duplicate' | 'unwrap' | 'swap'; at: number };

const WORDLESS_HTML = [
  '<div>10:00:01</div>', '<span class="x">abc</span>', '<li><a href="n.html">关于2021年度考试报名安排的通知</a></li>', '<p>2026-01-01</p>',
  '<td>7</td>', '<img src="x.png">', '<a href="#">更多</a>', '<div><span>2205110000300127</span></div>', '<br>', ' 12 ', '<b>—</b>', '<tr><td>1</td></tr>',
  '<input type="button" value="关闭">', '<div style="display:none">x</div>',
];
const FLOW_HTML = [
  '<a href="#">下载</a>', '<button>申请证书加注</button>', '<span style="display:none">证书生成中</span>', '<input type="button" value="同意">',
  '<p>管理号：<b>2411010000710093</b></p>', '<div>证书状态：有效</div>', '<style>a{display:none}</style>', '<span role="button">查看</span>', '验<i>证</i>码',
  '<button>同\u200b意</button>', '<p>下\ufeff载</p>', '<p>加<span hidden>x</span>注申请成功</p>',
];
const TEXTS = ['10:00:02', '2026年12月1日', '2205110000300127', 'abc', '关于考试的通知', '', ' ', '90天', '有效', '已撤销', '下载', '加注有效期：', '１２', '更多', '㊐期', '撤\u200b销'];
const VALUES = [null, '', 'hot', 'display:none', 'true', '下载', 'x', 'color:red'];

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), html: fc.constantFrom(...WORDLESS_HTML, ...WORDLESS_HTML, ...FLOW_HTML), where: fc.constantFrom<InsertPosition>('beforebegin', 'afterbegin', 'beforeend', 'afterend') }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('attribute' as const), at: fc.nat(), name: fc.constantFrom(...ATTRIBUTES), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const, 'unwrap' as const, 'swap' as const), at: fc.nat() }),
);

function apply(doc: Document, c: Change): void {
  const body = doc.body;
  const elements = Array.from(body.querySelectorAll('*'));
  const el = elements[c.at % Math.max(1, elements.length)] ?? body;
  switch (c.kind) {
    case 'insert':
      if (el === body && (c.where === 'beforebegin' || c.where === 'afterend')) body.insertAdjacentHTML('beforeend', c.html);
      else el.insertAdjacentHTML(c.where, c.html);
      break;
    case 'text': {
      const walker = doc.createTreeWalker(body, 4 /* SHOW_TEXT */);
      const texts: Node[] = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t);
      const node = texts[c.at % Math.max(1, texts.length)];
      if (node) node.nodeValue = c.at % 2 ? c.text : (node.nodeValue ?? '') + c.text;
      break;
    }
    case 'attribute':
      if (c.value === null) el.removeAttribute(c.name);
      else el.setAttribute(c.name, c.value);
      break;
    case 'remove':
      if (el !== body) el.remove();
      break;
    case 'duplicate':
      if (el !== body) el.after(el.cloneNode(true));
      break;
    case 'unwrap':
      if (el !== body) el.replaceWith(...Array.from(el.childNodes));
      break;
    case 'swap': {
      const prev = el.previousElementSibling;
      if (prev) prev.before(el);
      break;
    }
  }
}

/** Everything but the target, which is compared by identity (insertions move its index). */
const withoutTarget = (r: Recognition) => ({ ...r, target: null });

describe('a change that does not matter never changes what recognition says', () => {
  test('random sequences of changes of every saved page: what the guide last read is what the full read says now', async () => {
    const bases = new Map<string, string>();
    for (const p of SAVED) bases.set(p.file, (await loadSettled(p.file)).document.documentElement.outerHTML);
    let skipped = 0;
    let batches = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SAVED.map((p) => p.file)), fc.array(change, { minLength: 1, maxLength: 5 }), (file, changes) => {
        const url = page(file).url;
        const { window, document } = loadHtml(bases.get(file)!, url);
        try {
          const observer = new (window as unknown as typeof globalThis).MutationObserver(() => {});
          observer.observe(document, { childList: true, subtree: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true, attributeFilter: ATTRIBUTES });
          // What the guide knows: read again only after a batch that matters, asked as the
          // agent asks (lib/guide/agent.ts), of one Relevance that keeps answers across batches.
          const relevance = createRelevance();
          let guide = recognisePage(document, new URL(url));
          for (const c of changes) {
            apply(document, c);
            const records = observer.takeRecords();
            batches++;
            relevance.see(records);
            // What it kept from earlier batches never changes an answer: one that starts afresh says the same.
            const fresh = createRelevance();
            fresh.see(records);
            const verdicts = records.map((r) => relevance.matters(r, guide.target));
            expect(verdicts, `${file}: kept answers after ${JSON.stringify(c)}`).toEqual(records.map((r) => fresh.matters(r, guide.target)));
            if (verdicts.some(Boolean)) guide = recognisePage(document, new URL(url));
            else skipped++;
            const now = referenceRecognisePage(document, new URL(url));
            expect(withoutTarget(guide), `${file}: ${JSON.stringify(c)}`).toEqual(withoutTarget(now));
            expect(guide.target === now.target, `${file}: the target after ${JSON.stringify(c)}`).toBe(true);
          }
          observer.disconnect();
        } finally {
          void window.happyDOM.close();
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261203), numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    // Not vacuous: some of the changes were let pass, and each of them was checked.
    expect(skipped).toBeGreaterThan(batches / 20);
  }, 240_000);
});

// The same promise on small pages, where random changes keep landing next to each other
// (a label, its value, what hides them): what a Relevance keeps between batches never
// changes an answer, against one that starts afresh at every batch.
describe('kept answers equal fresh ones on small pages that change in one place', () => {
  const PARTS = [
    '<div>证书编号：</div>', '<span>2205110000300127</span>', '<p>通知</p>', '<b>有效期至</b>', '<i>2026-01-01</i>', '<a href="#">证书编号：</a>',
    '<span style="display:none">管理号：</span>', '<div><span>页脚</span></div>', ' 说明 ', '<div></div>', '<em>加注有效期：</em><em>90天</em>',
  ];
  test('random small pages, random sequences of changes', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { minLength: 3, maxLength: 8 }), fc.array(change, { minLength: 2, maxLength: 12 }), (parts, changes) => {
        const { window, document } = loadHtml(`<!DOCTYPE html><html><head></head><body>${parts.join('')}</body></html>`, 'http://zs.cpta.com.cn/certMng/x.html');
        try {
          const observer = new (window as unknown as typeof globalThis).MutationObserver(() => {});
          observer.observe(document, { childList: true, subtree: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true, attributeFilter: ATTRIBUTES });
          const relevance = createRelevance();
          for (const c of changes) {
            apply(document, c);
            const records = observer.takeRecords();
            relevance.see(records);
            const fresh = createRelevance();
            fresh.see(records);
            for (const r of records) {
              compared++;
              expect(relevance.matters(r, null), `${parts.join('')}: ${JSON.stringify(c)}`).toBe(fresh.matters(r, null));
            }
          }
          observer.disconnect();
        } finally {
          void window.happyDOM.close();
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261203), numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
