// @vitest-environment happy-dom
// The page report's place in the guide: offered in the panel on recognised pages and on
// unknown pages inside the flow (never outside it), opened only by the holder's own click,
// shown in full with copy / save / close that answer only trusted clicks, and frames
// asked for their own reports, whose answers are taken only from the frames asked.
import { shadowRootOf } from '../../../lib/guide/host';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { startGuide } from '../../../lib/guide/start';
import { ReportOffer } from '../../../lib/guide/ReportOffer';
import type { PageReportApi } from '../../../lib/guide/page-report';
import { createPageReportApi, fileNameFor } from '../../../lib/report/lazy';
import { UNKNOWN_REPORT } from '../../../lib/guide/report';
import type { Recognition } from '../portal/any-recognition';
import { STRING_TABLES } from '../../../lib/guide/tables';
import { strings } from './helpers';

type Sent = Record<string, unknown> & { type: string };
let sent: Sent[];
let lastFlowStep: string | null;
let stops: (() => void)[];

const recognise = (doc: Document): Recognition => {
  const step = (doc.body?.getAttribute('data-step') ?? 'unknown') as Recognition['step'];
  return { step, specificity: step === 'unknown' ? 0 : 50, target: null, lines: [], ...(step === 'unknown' ? {} : { actionKey: 'action_cert_list' }) };
};

const runtime = () => ({
  id: 'ext',
  sendMessage: vi.fn(async (m: Sent) => {
    sent.push(m);
    if (m.type === 'guide/context') return { rememberPages: false, panelCollapsed: false, language: 'auto' };
    if (m.type === 'guide/step-seen') return { lastFlowStep };
    return { ok: true };
  }),
});
const i18n = {
  getMessage: (name: string) => {
    const [area, ...rest] = name.split('_');
    return STRING_TABLES.zh_CN[area as 'guide' | 'portal']?.[rest.join('_')] ?? '';
  },
};

function start(pageReport = vi.fn(async (): Promise<PageReportApi | undefined> => undefined)) {
  stops.push(startGuide({ win: window, recognise, runtime, i18n, watch: { debounceMs: 20, maxWaitMs: 200 }, pageReport }));
  return pageReport;
}
const shadow = () => shadowRootOf(document.querySelector('cpta-assistant'))!;
const settle = () => new Promise((r) => setTimeout(r, 80));
/** A click as the holder's own (the launcher answers only trusted input). */
const holderClick = (el: Element) => {
  const e = new MouseEvent('click', { bubbles: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
};

beforeEach(() => {
  sent = [];
  lastFlowStep = null;
  stops = [];
});
afterEach(() => {
  for (const stop of stops) stop();
  document.body.innerHTML = '';
  document.body.removeAttribute('data-step');
});

describe('where the report is offered', () => {
  test('on a recognised page, in the open panel; the step is told to the background', async () => {
    document.body.setAttribute('data-step', 'cert-list');
    start();
    await settle();
    expect(shadow().querySelector('[data-testid="page-report"]')?.textContent).toBe('这一页看起来不对？生成页面报告');
    expect(sent.filter((m) => m.type === 'guide/step-seen')).toEqual([{ type: 'guide/step-seen', step: 'cert-list' }]);
  });

  test('on an unknown page inside the flow, with why; not on one outside it', async () => {
    lastFlowStep = 'annotation';
    start();
    await settle();
    holderClick(shadow().querySelector('.launcher')!);
    await settle();
    expect(shadow().querySelector('.report-offer h3')?.textContent).toBe('助手认不出这一页');
    expect(shadow().querySelector('[data-testid="page-report"]')?.textContent).toBe('生成页面报告');
    for (const stop of stops.splice(0)) stop();

    lastFlowStep = null;
    start();
    await settle();
    holderClick(shadow().querySelector('.launcher')!);
    await settle();
    expect(shadow().querySelector('.panel')).not.toBeNull();
    expect(shadow().querySelector('[data-testid="page-report"]')).toBeNull();
  });

  test('a page script\'s click() on the offer loads and opens nothing', async () => {
    document.body.setAttribute('data-step', 'cert-list');
    const load = start();
    await settle();
    (shadow().querySelector('[data-testid="page-report"]') as HTMLButtonElement).click();
    await settle();
    expect(load).not.toHaveBeenCalled();
  });

  test('the offer answers only a trusted click', () => {
    const onOpen = vi.fn();
    const el = document.createElement('div');
    render(<ReportOffer s={strings('zh_CN')} unknownPage={false} onOpen={onOpen} />, el);
    const button = el.querySelector('button')!;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onOpen).not.toHaveBeenCalled();
    // A trusted event cannot be made in a test page: one that says so stands in for it.
    const trusted = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    button.dispatchEvent(trusted);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});

describe('the report shown', () => {
  const trustedClick = (el: Element) => {
    const e = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(e, 'isTrusted', { value: true });
    el.dispatchEvent(e);
  };

  async function openOn(html: string) {
    document.body.innerHTML = html;
    const root = document.createElement('div').attachShadow({ mode: 'open' });
    const onClose = vi.fn();
    const api = createPageReportApi({ version: '9.9.9', userAgent: 'Mozilla/5.0 Chrome/156.0.0.0 Safari/537.36', now: () => new Date(2026, 11, 3, 9, 5) });
    const t = (key: string, params?: Record<string, string>) => strings('zh_CN').t(key as never, params);
    await api.open({ root, win: window, report: { ...UNKNOWN_REPORT, readingProblems: [{ kind: 'warning', key: 'problem_validity_unreadable' }] }, lastFlowStep: 'annotation', t, onClose });
    return { root, onClose };
  }

  test('in full, before anything else: the whole JSON in a read-only box, with its header', async () => {
    const { root } = await openOn('<table><tr><th>姓名</th><td>张伟</td><th>管理号</th><td>2205110000300127</td></tr></table>');
    const box = root.querySelector('textarea')!;
    expect(box.hasAttribute('readonly')).toBe(true);
    const report = JSON.parse(box.value);
    expect(report.header).toEqual({ extension: '9.9.9', browser: 'Chrome 156', step: 'unknown', lastFlowStep: 'annotation', unreadable: ['problem_validity_unreadable'] });
    expect(box.value).toContain('<td>某某</td>');
    expect(box.value).not.toContain('张伟');
    expect(box.value).not.toContain('2205110000300127');
    expect(root.querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
  });

  test('save, copy and close answer only trusted clicks; save makes a file of exactly the text', async () => {
    const { root, onClose } = await openOn('<p>证书生成中</p>');
    const created: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:x'));
    const save = root.querySelector('[data-testid="page-report-save"]')!;
    const close = root.querySelector('[data-testid="page-report-close"]')!;
    (save as HTMLButtonElement).click();
    (close as HTMLButtonElement).click();
    expect(created).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
    trustedClick(save);
    expect(created).toHaveLength(1);
    expect(await created[0]!.text()).toBe(root.querySelector('textarea')!.value);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('已保存为文件：cpta-page-report-unknown-20261203-0905.json');
    trustedClick(close);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.report-dialog')).toBeNull();
    createObjectURL.mockRestore();
  });

  test('the file is named by the step and the local time', () => {
    expect(fileNameFor('annotation', new Date(2026, 0, 2, 3, 4))).toBe('cpta-page-report-annotation-20260102-0304.json');
  });
});

