// @vitest-environment happy-dom
// The guide wired together in one page (happy-dom): host contract, re-recognition, one
// panel per page, quiet failure, consent and recording, and the form's submission.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startGuide, TAKEOVER_EVENT } from '../../../lib/guide/start';
import { shadowRootOf } from '../../../lib/guide/host';
import { holderClick } from './helpers';
import type { Recognition } from '../portal/any-recognition';
import type { GuideContext } from '../../../lib/guide/protocol';
import { STRING_TABLES } from '../../../lib/guide/tables';
import type { Locale } from '../../../lib/i18n/locale';
import { addDays, beijingDateAt } from '../../../lib/dates/beijing';

type Sent = Record<string, unknown> & { type: string };

let sent: Sent[];
let context: GuideContext;
let recognitions: number;
let stops: (() => void)[];

/** A stand-in for the step modules: reads the step and what it shows from data attributes. */
function recognise(doc: Document): Recognition {
  recognitions++;
  const body = doc.body;
  const step = (body?.getAttribute('data-step') ?? 'unknown') as Recognition['step'];
  if (body?.hasAttribute('data-throw')) throw new Error('a step broke');
  const r: Recognition = { step, specificity: step === 'unknown' ? 0 : 50, target: doc.getElementById('next'), lines: [] };
  if (!r.target && step !== 'unknown') r.targetMissingKey = 'target_missing_download_valid';
  if (step === 'cert-list') {
    r.certificates = Array.from(doc.querySelectorAll('tr[data-number]')).map((tr) => ({
      number: tr.getAttribute('data-number')!,
      qualification: tr.querySelector('td')!.textContent!,
      status: 'valid' as const,
    }));
  }
  if (step === 'annotation') {
    const state = body.getAttribute('data-state') as 'none' | 'valid';
    r.annotationState = state;
    r.annotation = { state, certificateNumber: 'N1' };
    if (body.hasAttribute('data-ask')) r.annotation = { ...r.annotation, validity: 'ask', candidates: (body.getAttribute('data-ask') ?? '').split(',').filter(Boolean) };
    if (body.hasAttribute('data-names-certificate')) r.certificateNumber = 'N1';
  }
  if (step === 'annotation-apply') {
    r.chosenValidityDays = Number((doc.getElementById('days') as HTMLSelectElement | null)?.value ?? 90);
    r.certificateNumber = 'N1';
    if (doc.getElementById('done')) r.applicationSubmitted = true;
  }
  return r;
}

/** The background, as far as the guide can tell. */
function runtime(over: { dead?: boolean } = {}) {
  const listeners = new Set<(m: unknown) => void>();
  return {
    id: over.dead ? undefined : 'ext',
    /** What the background relays to this frame (runtime.onMessage). */
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.add(l), removeListener: (l: (m: unknown) => void) => listeners.delete(l) },
    deliver: (m: unknown) => listeners.forEach((l) => l(m)),
    sendMessage: vi.fn(async (m: Sent) => {
      sent.push(m);
      switch (m.type) {
        case 'guide/context':
          return context;
        case 'settings/update':
          context = { ...context, ...(m.patch as object) };
          return { ok: true };
        case 'portal/certificates-seen':
          return { ok: true, certificates: { saved: (m.certificates as unknown[]).length, added: 0 } };
        case 'portal/annotation-applied':
          return { ok: true, annotation: { change: 'created', state: 'generating' } };
        default:
          return { ok: true };
      }
    }),
  };
}

/** _locales as i18n.getMessage serves it, in one language. */
const i18n = (locale: Locale) => ({
  getMessage: (name: string) => {
    const [area, ...rest] = name.split('_');
    return STRING_TABLES[locale][area as 'guide' | 'portal']?.[rest.join('_')] ?? '';
  },
});

function start(rt = runtime(), locale: Locale = 'zh_CN') {
  // The stand-in reads data attributes, not the flow's words: every change matters to it
  // (which changes matter to the real recognition: relevance.test.ts).
  const stop = startGuide({ win: window, recognise, runtime: () => rt, i18n: i18n(locale), watch: { debounceMs: 20, maxWaitMs: 200, matters: () => true } });
  stops.push(stop);
  return { stop, rt };
}

const host = () => document.querySelector('cpta-assistant') as HTMLElement | null;
/** The panel's closed root, as only the guide's own code can reach it. */
const root = () => shadowRootOf(host());
const shadowText = () => Array.from(root()?.querySelectorAll('.root') ?? []).map((e) => e.textContent).join('');
const settle = () => new Promise((r) => setTimeout(r, 80));
const types = () => sent.map((m) => m.type);

beforeEach(() => {
  sent = [];
  recognitions = 0;
  stops = [];
  context = { rememberPages: true, panelCollapsed: false, language: 'auto' };
  document.body.removeAttribute('data-throw');
});
afterEach(() => {
  for (const stop of stops) stop();
  document.body.innerHTML = '';
  for (const a of Array.from(document.body.attributes)) document.body.removeAttribute(a.name);
});

function certList() {
  document.body.setAttribute('data-step', 'cert-list');
  document.body.innerHTML = `<table>
    <tr data-number="2205110000300127"><td>社会工作者职业资格</td><td>2205110000300127</td><td><a id="next" href="#">下载</a></td></tr>
    <tr data-number="1944030000105266"><td>税务师职业资格</td><td>1944030000105266</td><td><a id="other" href="#">下载</a></td></tr></table>`;
}

describe('the contract tests outside the project rely on', () => {
  test('one <cpta-assistant> with a closed shadow root in the top document, data-step, and the target marked', async () => {
    certList();
    start();
    await settle();
    expect(document.querySelectorAll('cpta-assistant')).toHaveLength(1);
    expect(host()!.parentElement).toBe(document.documentElement);
    // Closed: the page's scripts cannot reach the panel; only the guide's own code can.
    expect(host()!.shadowRoot).toBeNull();
    expect(root()!.mode).toBe('closed');
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    expect(host()!.hasAttribute('data-annotation-state')).toBe(false);
    expect(document.getElementById('next')!.hasAttribute('data-cpta-assistant-target')).toBe(true);
    expect(document.querySelectorAll('[data-cpta-assistant-target]')).toHaveLength(1);
    expect(shadowText()).toContain('第 5 步，共 7 步');
  });

  test('on the annotation page the state is on the host too', async () => {
    document.body.setAttribute('data-step', 'annotation');
    document.body.setAttribute('data-state', 'valid');
    document.body.innerHTML = '<button id="next">下载</button>';
    start();
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('annotation');
    expect(host()!.getAttribute('data-annotation-state')).toBe('valid');
  });
});

describe('the page changes', () => {
  test('late content is recognised; a step change moves the target and the panel', async () => {
    document.body.innerHTML = '<p>数据加载中…</p>';
    start();
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('unknown');
    expect(root()!.querySelector('.panel')).toBeNull();
    certList();
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    expect(document.getElementById('next')!.hasAttribute('data-cpta-assistant-target')).toBe(true);
    expect(root()!.querySelector('.panel')).not.toBeNull();
  });

  test('a change that does not change the recognition does not re-render the panel', async () => {
    certList();
    start();
    await settle();
    const panel = root()!.querySelector('.panel');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((r) => changes.push(...r));
    observer.observe(root()!, { subtree: true, childList: true, characterData: true, attributes: true });
    const before = recognitions;
    document.body.appendChild(document.createElement('span'));
    await settle();
    expect(recognitions).toBeGreaterThan(before);
    observer.disconnect();
    expect(changes.filter((c) => !(c.target as Element).classList?.contains('hl'))).toEqual([]);
    expect(root()!.querySelector('.panel')).toBe(panel);
  });

  test('a step that throws leaves a working guide: the page is simply not recognised', async () => {
    certList();
    document.body.setAttribute('data-throw', '');
    expect(() => start()).not.toThrow();
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('unknown');
    document.body.removeAttribute('data-throw');
    document.body.appendChild(document.createElement('i'));
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
  });
});

describe('robustness', () => {
  test('a second injection replaces the first without doubling the panel', async () => {
    certList();
    const first = start();
    await settle();
    start();
    await settle();
    expect(document.querySelectorAll('cpta-assistant')).toHaveLength(1);
    expect(document.querySelectorAll('[data-cpta-assistant-target]')).toHaveLength(1);
    // The first one no longer talks to the background.
    const firstCalls = first.rt.sendMessage.mock.calls.length;
    document.body.appendChild(document.createElement('i'));
    await settle();
    expect(first.rt.sendMessage.mock.calls.length).toBe(firstCalls);
  });

  test('the page dispatching the take-over event moves nothing: the guide stays and keeps reading the page', async () => {
    certList();
    const { rt } = start();
    await settle();
    document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    window.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    await settle();
    expect(host()).not.toBeNull();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    const calls = rt.sendMessage.mock.calls.length;
    document.body.setAttribute('data-step', 'annotation');
    document.body.setAttribute('data-state', 'valid');
    document.body.innerHTML = '<button id="next">下载</button>';
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('annotation');
    expect(rt.sendMessage.mock.calls.length).toBeGreaterThan(calls);
  });

  test('an injection whose extension died heeds the take-over event of the next one', async () => {
    certList();
    const old = runtime();
    start(old);
    await settle();
    (old as { id?: string }).id = undefined;
    // The new injection lives in another world: only the event reaches the old one.
    document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    expect(host()).toBeNull();
    expect(document.querySelectorAll('[data-cpta-assistant-target]')).toHaveLength(0);
  });

  test('"Extension context invalidated" stands the guide down quietly', async () => {
    certList();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const rt = runtime();
    rt.sendMessage.mockRejectedValue(new Error('Extension context invalidated.'));
    start(rt);
    await settle();
    expect(host()).toBeNull();
    expect(document.querySelectorAll('[data-cpta-assistant-target]')).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  test('a runtime that dies later (extension updated) takes the panel away on the next change', async () => {
    certList();
    const rt = runtime();
    start(rt);
    await settle();
    expect(host()).not.toBeNull();
    (rt as { id?: string }).id = undefined;
    document.body.appendChild(document.createElement('i'));
    await settle();
    expect(host()).toBeNull();
    expect(document.querySelectorAll('[data-cpta-assistant-target]')).toHaveLength(0);
  });

  test('a runtime already gone (no id) is the same', async () => {
    certList();
    start(runtime({ dead: true }));
    await settle();
    expect(host()).toBeNull();
  });
});

describe('frames: only reports relayed by the background count', () => {
  const frameReport = (step: string, specificity: number) => ({
    step,
    specificity,
    hasTarget: true,
    lines: [],
    readingProblems: [],
    showsRecords: false,
    certificateCount: 0,
    actionKey: 'action_cert_list',
  });

  test('a report posted by a frame the page made is ignored; the relayed one (named by frameId) is shown', async () => {
    document.body.innerHTML = '<iframe></iframe>';
    const { rt } = start();
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('unknown');
    const frame = (document.querySelector('iframe') as HTMLIFrameElement).contentWindow!;
    // What a page script can do: post the guide's own window message from its own frame.
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { ns: 'cpta-assistant/v1', type: 'report', id: 'x', report: frameReport('cert-list', 99), rect: null },
        origin: 'https://zs.cpta.com.cn',
        source: frame,
      }),
    );
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('unknown');
    // The background's relay of a frame where the guide runs.
    rt.deliver({ type: 'guide/from-frame', frameId: 4, kind: 'report', token: '0123456789abcdef', report: frameReport('cert-list', 50), rect: null });
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    // It is told to outline its target, through the background, by frameId.
    expect(sent).toContainEqual({ type: 'guide/to-frames', say: 'active', active: true, visible: true, frameId: 4 });
    // A goodbye from the frame's previous document leaves the new one's report.
    rt.deliver({ type: 'guide/from-frame', frameId: 4, kind: 'bye', token: 'fedcba9876543210' });
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    rt.deliver({ type: 'guide/from-frame', frameId: 4, kind: 'bye', token: '0123456789abcdef' });
    await settle();
    expect(host()!.getAttribute('data-step')).toBe('unknown');
  });

  test('consent given in the panel is passed to the frames through the background', async () => {
    context = { ...context, rememberPages: null };
    certList();
    const { rt } = start();
    await settle();
    rt.deliver({ type: 'guide/from-frame', frameId: 2, kind: 'report', token: '0123456789abcdef', report: { ...frameReport('unknown', 0), showsRecords: true }, rect: null });
    await settle();
    holderClick(root()!.querySelector('[data-testid="consent-accept"]')!);
    await settle();
    expect(sent).toContainEqual({ type: 'guide/to-frames', say: 'consent' });
  });
});

describe('consent and recording', () => {
  test('nothing is sent about the page without consent', async () => {
    context = { ...context, rememberPages: null };
    certList();
    start();
    await settle();
    expect(types().filter((t) => t.startsWith('portal/'))).toEqual([]);
    expect(root()!.querySelector('[data-testid="consent-accept"]')).not.toBeNull();
    // The page's own script pressing [记住] is not the holder's answer.
    (root()!.querySelector('[data-testid="consent-accept"]') as HTMLButtonElement).click();
    root()!.querySelector('[data-testid="consent-accept"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await settle();
    expect(types()).not.toContain('settings/update');
    expect(root()!.querySelector('[data-testid="consent-accept"]')).not.toBeNull();
    holderClick(document.getElementById('next')!);
    await settle();
    expect(types()).not.toContain('guide/certificate-chosen');
  });

  test('"记住": the answer is stored, the list is sent as plain readings, and the panel confirms it', async () => {
    context = { ...context, rememberPages: null };
    certList();
    start();
    await settle();
    holderClick(root()!.querySelector('[data-testid="consent-accept"]')!);
    await settle();
    expect(sent.find((m) => m.type === 'settings/update')).toEqual({ type: 'settings/update', patch: { rememberPages: true } });
    expect(sent.find((m) => m.type === 'portal/certificates-seen')).toEqual({
      type: 'portal/certificates-seen',
      certificates: [
        { number: '2205110000300127', qualification: '社会工作者职业资格', status: 'valid' },
        { number: '1944030000105266', qualification: '税务师职业资格', status: 'valid' },
      ],
    });
    expect(shadowText()).toContain('已记住 2 张证书');
    expect(root()!.querySelector('[data-testid="consent-accept"]')).toBeNull();
    // The same list again sends nothing more.
    document.body.appendChild(document.createElement('i'));
    await settle();
    expect(types().filter((t) => t === 'portal/certificates-seen')).toHaveLength(1);
  });

  test('"不用了": stored as no, nothing recorded, said in the panel', async () => {
    context = { ...context, rememberPages: null };
    certList();
    start();
    await settle();
    holderClick(root()!.querySelector('[data-testid="consent-decline"]')!);
    await settle();
    expect(sent.find((m) => m.type === 'settings/update')).toEqual({ type: 'settings/update', patch: { rememberPages: false } });
    expect(types().filter((t) => t.startsWith('portal/'))).toEqual([]);
    expect(shadowText()).toContain('不记住');
  });

  test('[下载] in a row tells the background which certificate the tab is about (the holder\'s click only)', async () => {
    certList();
    start();
    await settle();
    document.getElementById('next')!.click();
    await settle();
    expect(types()).not.toContain('guide/certificate-chosen');
    holderClick(document.getElementById('other')!);
    await settle();
    expect(sent.find((m) => m.type === 'guide/certificate-chosen')).toEqual({ type: 'guide/certificate-chosen', certificateNumber: '1944030000105266' });
  });

  test('[提交加注申请] then the page\'s confirmation: submitted with the chosen days, then applied', async () => {
    document.body.setAttribute('data-step', 'annotation-apply');
    document.body.innerHTML = '<select id="days"><option>30</option><option selected>90</option></select><button id="next">提交加注申请</button>';
    start();
    await settle();
    (document.getElementById('days') as HTMLSelectElement).value = '30';
    holderClick(document.getElementById('next')!);
    await settle();
    expect(sent.find((m) => m.type === 'guide/apply-submitted')).toEqual({ type: 'guide/apply-submitted', scenario: '本人调用', validityDays: 30, certificateNumber: 'N1' });
    expect(types()).not.toContain('portal/annotation-applied');
    const done = document.createElement('p');
    done.id = 'done';
    document.body.appendChild(done);
    await settle();
    expect(sent.filter((m) => m.type === 'portal/annotation-applied')).toEqual([
      { type: 'portal/annotation-applied', validityDays: 30, scenario: '本人调用', certificateNumber: 'N1' },
    ]);
    expect(shadowText()).toContain('已记住这次加注申请（有效期 30 天）');
  });

  test('a record just saved asks the background again, so the slots left count it', async () => {
    document.body.setAttribute('data-step', 'annotation');
    document.body.setAttribute('data-state', 'valid');
    document.body.setAttribute('data-names-certificate', '');
    const rt = runtime();
    const answer = rt.sendMessage.getMockImplementation()!;
    rt.sendMessage.mockImplementation(async (m: Sent) =>
      m.type === 'portal/annotation-seen' ? (sent.push(m), { ok: true, annotation: { change: 'created', state: 'valid' } }) : answer(m),
    );
    document.body.innerHTML = '<a id="next" href="#">下载</a>';
    start(rt);
    await settle();
    expect(shadowText()).toContain('已记住');
    // Asked when the page named the certificate, and again after the annotation was recorded.
    const lastAsk = sent.findLastIndex((m) => m.type === 'guide/context' && m.certificateNumber === 'N1');
    expect(lastAsk).toBeGreaterThan(types().indexOf('portal/annotation-seen'));
  });

  test('after a navigation, the submission kept by the background is confirmed by the generating page', async () => {
    context = { ...context, pendingApply: { at: 1, validityDays: 60, scenario: '本人调用', certificateNumber: 'N1' } };
    document.body.setAttribute('data-step', 'annotation');
    document.body.setAttribute('data-state', 'generating');
    start();
    await settle();
    const i = types().indexOf('portal/annotation-applied');
    expect(sent[i]).toEqual({ type: 'portal/annotation-applied', validityDays: 60, scenario: '本人调用', certificateNumber: 'N1' });
    // The annotation reading follows the application, never before it.
    expect(types().indexOf('portal/annotation-seen')).toBeGreaterThan(i);
  });
});

describe('collapsing', () => {
  test('collapsed to the launcher, remembered through settings; the outline is hidden, the attribute stays', async () => {
    certList();
    start();
    await settle();
    holderClick(root()!.querySelector('.icon-btn')!);
    await settle();
    expect(sent.find((m) => m.type === 'settings/update')).toEqual({ type: 'settings/update', patch: { panelCollapsed: true } });
    expect(root()!.querySelector('.panel')).toBeNull();
    const launcher = root()!.querySelector('.launcher') as HTMLButtonElement;
    expect(root()!.activeElement).toBe(launcher);
    holderClick(launcher);
    await settle();
    expect(root()!.querySelector('.panel')).not.toBeNull();
  });

  test('a stored "collapsed" opens as the launcher', async () => {
    context = { ...context, panelCollapsed: true };
    certList();
    start();
    await settle();
    expect(root()!.querySelector('.panel')).toBeNull();
    expect(root()!.querySelector('.launcher')!.getAttribute('aria-label')).toBe('打开证书加注助手：证书列表');
  });

  test('on a page outside the flow the launcher opens a panel without changing the setting', async () => {
    start();
    await settle();
    holderClick(root()!.querySelector('.launcher')!);
    await settle();
    expect(shadowText()).toContain('这个页面不属于证书下载流程');
    expect(types()).not.toContain('settings/update');
  });
});

describe('language', () => {
  test('each string is asked of _locales once, however many lines and drawings use it', async () => {
    certList();
    const names: string[] = [];
    const served = i18n('zh_CN');
    const stop = startGuide({
      win: window,
      recognise,
      runtime: () => runtime(),
      i18n: { getMessage: (name) => (names.push(name), served.getMessage(name)) },
      watch: { debounceMs: 20, maxWaitMs: 200, matters: () => true },
    });
    stops.push(stop);
    await settle();
    expect(shadowText()).toContain('第 5 步，共 7 步');
    // Drawn again (collapsed and opened): nothing asked twice.
    holderClick(root()!.querySelector('.panel button')!);
    await settle();
    holderClick(root()!.querySelector('.launcher')!);
    await settle();
    expect(names).toContain('guide_step_of');
    expect(names.length).toBe(new Set(names).size);
  });

  test('the browser\'s language from _locales when they agree', async () => {
    Object.defineProperty(window.navigator, 'language', { value: 'en-US', configurable: true });
    certList();
    start(runtime(), 'en');
    await settle();
    expect(shadowText()).toContain('Step 5 of 7');
    expect(sent.find((m) => m.type === 'guide/context')).toMatchObject({ locale: 'en', haveLocale: 'en' });
  });

  test('the chosen language from the table the background sends, when _locales speaks another', async () => {
    Object.defineProperty(window.navigator, 'language', { value: 'en-US', configurable: true });
    context = { ...context, language: 'zh_CN', strings: { locale: 'zh_CN', ...STRING_TABLES.zh_CN } };
    certList();
    start(runtime(), 'en');
    // The table comes with the context, a message later than the first drawing: waited for, not timed.
    await vi.waitFor(() => expect(shadowText()).toContain('第 5 步，共 7 步'), { timeout: 3000 });
  });
});

describe('placing the panel', () => {
  test('it leaves a target in its corner, from the sizes the browser reports, never reading its own box', async () => {
    let reportSize: ResizeObserverCallback | undefined;
    const original = Object.getOwnPropertyDescriptor(window, 'ResizeObserver');
    Object.defineProperty(window, 'ResizeObserver', {
      configurable: true,
      writable: true,
      value: class {
        constructor(callback: ResizeObserverCallback) {
          reportSize = callback;
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    });
    const hostReads = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    try {
      certList();
      const next = document.getElementById('next')!;
      // The target sits in the bottom right corner, where the panel starts.
      const box = { left: innerWidth - 90, top: innerHeight - 50, width: 60, height: 24 };
      next.getBoundingClientRect = () => ({ ...box, x: box.left, y: box.top, right: box.left + box.width, bottom: box.top + box.height, toJSON() {} }) as DOMRect;
      start();
      await settle();
      expect(host()!.style.getPropertyValue('right')).toBe('16px');
      const entry = { borderBoxSize: [{ inlineSize: 340, blockSize: 300 }], contentRect: { width: 340, height: 300 } } as unknown as ResizeObserverEntry;
      reportSize!([entry], {} as ResizeObserver);
      await settle();
      expect(host()!.style.getPropertyValue('left')).toBe('16px');
      expect(host()!.style.getPropertyValue('right')).toBe('auto');
      expect(hostReads.mock.contexts.filter((el) => el === host())).toEqual([]);
    } finally {
      hostReads.mockRestore();
      if (original) Object.defineProperty(window, 'ResizeObserver', original);
      else delete (window as { ResizeObserver?: unknown }).ResizeObserver;
    }
  });
});

describe('the task that reads the page', () => {
  test('puts the step on the host at once and leaves drawing the panel to the next frame', async () => {
    certList();
    start();
    expect(host()!.getAttribute('data-step')).toBe('cert-list');
    expect(root()!.querySelector('.panel')).toBeNull();
    await settle();
    expect(root()!.querySelector('.panel')).not.toBeNull();
  });
});

describe('the last valid day, asked of the holder', () => {
  const TODAY = beijingDateAt(Date.now());
  function unreadableValidPage(candidates: string) {
    document.body.setAttribute('data-step', 'annotation');
    document.body.setAttribute('data-state', 'valid');
    document.body.setAttribute('data-ask', candidates);
    document.body.innerHTML = '<button id="next">下载</button>';
  }
  const question = () => root()!.querySelector('[data-testid="lastday-question"]');

  test('with consent, a valid page whose validity could not be read asks for the last day, with the page\'s dates as choices', async () => {
    unreadableValidPage('2099-01-01,2000-01-01');
    context = { ...context, certificateNumber: 'N1' };
    start();
    await settle();
    expect(question()).not.toBeNull();
    // Only a day a valid annotation can end on is offered.
    expect(Array.from(question()!.querySelectorAll('[data-testid="lastday-choice"]')).map((b) => b.getAttribute('data-date'))).toEqual([]);
    const input = question()!.querySelector('input[type="date"]') as HTMLInputElement;
    expect([input.min, input.max]).toEqual([TODAY, addDays(TODAY, 89)]);
    // The reading is remembered as "ask", not dropped.
    expect(sent.find((m) => m.type === 'portal/annotation-seen')).toMatchObject({ reading: { state: 'valid', validity: 'ask', certificateNumber: 'N1' } });
  });

  test('a page script\'s click() on the answer sends nothing: only the holder answers', async () => {
    unreadableValidPage('');
    context = { ...context, certificateNumber: 'N1' };
    start();
    await settle();
    const input = question()!.querySelector('input[type="date"]') as HTMLInputElement;
    input.value = (input.getAttribute('min') ?? TODAY);
    (question()!.querySelector('[data-testid="lastday-save"]') as HTMLButtonElement).click();
    await settle();
    expect(types()).not.toContain('guide/annotation-last-day');
    expect(question()).not.toBeNull();
  });

  test('without consent there is no question (the answer could not be kept)', async () => {
    unreadableValidPage('');
    context = { ...context, rememberPages: null, certificateNumber: 'N1' };
    start();
    await settle();
    expect(question()).toBeNull();
  });
});
