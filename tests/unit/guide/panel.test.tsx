// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { Panel, stepAnnouncement, type PanelActions } from '../../../lib/guide/Panel';
import { holderClick, holderKey, model, report, strings, CONTEXT } from './helpers';

afterEach(cleanup);

const actions = () => ({
  setCollapsed: vi.fn<PanelActions['setCollapsed']>(),
  answerConsent: vi.fn<PanelActions['answerConsent']>(),
  answerLastDay: vi.fn<PanelActions['answerLastDay']>(),
  keepLastDay: vi.fn<PanelActions['keepLastDay']>(),
  correctLastDay: vi.fn<PanelActions['correctLastDay']>(),
});

describe('the panel in Chinese (the default) and English', () => {
  test('Chinese: step n of m, the step, the next action, the outline note, a landmark with a name', () => {
    const { container, getByRole } = render(<Panel model={model()} strings={strings('zh_CN')} actions={actions()} />);
    const text = container.textContent!;
    expect(text).toContain('第 5 步，共 7 步');
    expect(text).toContain('证书列表');
    expect(text).toContain('在状态为“有效”的证书那一行，点[下载]。');
    expect(text).toContain('这个按钮已在页面上用橙色框标出');
    const region = getByRole('complementary');
    expect(container.querySelector(`#${region.getAttribute('aria-labelledby')}`)!.textContent).toBe('证书列表');
    expect(getByRole('button', { name: '收起助手' }).getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector('.root')!.getAttribute('lang')).toBe('zh-CN');
  });

  test('English: the same panel in English', () => {
    const { container, getByRole } = render(<Panel model={model({ locale: 'en' })} strings={strings('en')} actions={actions()} />);
    const text = container.textContent!;
    expect(text).toContain('Step 5 of 7');
    expect(text).toContain('Certificate list');
    expect(text).toContain('click [下载] (Download)');
    expect(text).not.toMatch(/第 \d 步/);
    expect(getByRole('button', { name: 'Minimise the assistant' })).toBeTruthy();
    expect(container.querySelector('.root')!.getAttribute('lang')).toBe('en');
  });

  test('the step change is announced with its place on the path', () => {
    expect(stepAnnouncement(model(), strings('zh_CN'))).toBe('第 5 步，共 7 步: 证书列表');
    expect(stepAnnouncement(model({ locale: 'en' }), strings('en'))).toBe('Step 5 of 7: Certificate list');
    expect(stepAnnouncement(model({ winner: report({ step: 'register', specificity: 35 }) }), strings('zh_CN'))).toBe('用户注册');
  });
});

describe('text read from the portal is text, never markup', () => {
  test('a qualification holding an <img onerror> appears literally, and no element is made of it', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const m = model({ winner: report({ step: 'cert-list', specificity: 50, hasTarget: true, lines: [{ kind: 'warning', key: 'list_withdrawn_row', params: { qualification: evil } }] }) });
    const { container } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.textContent).toContain(`“${evil}”已撤销`);
    expect(container.querySelector('img')).toBeNull();
    expect(container.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('an unknown key from the steps is shown as its name, not interpreted', () => {
    const m = model({ winner: report({ step: 'cert-list', specificity: 50, lines: [{ kind: 'hint', key: '<b>no_such_key</b>' }] }) });
    const { container } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.textContent).toContain('<b>no_such_key</b>');
    expect(container.querySelector('b')).toBeNull();
  });
});

describe('consent', () => {
  test('asked once the page shows records and the holder has not answered: what is kept, that nothing leaves', () => {
    const a = actions();
    const m = model({ context: { ...CONTEXT, rememberPages: null }, showsRecords: true });
    const { container, getByTestId } = render(<Panel model={m} strings={strings('zh_CN')} actions={a} />);
    expect(container.textContent).toContain('资格名称、级别、编号、批准日期和状态');
    expect(container.textContent).toContain('不会发送到任何地方');
    holderClick(getByTestId('consent-accept'));
    expect(a.answerConsent).toHaveBeenCalledWith(true);
    holderClick(getByTestId('consent-decline'));
    expect(a.answerConsent).toHaveBeenCalledWith(false);
  });

  test('a page script pressing the buttons (click(), a dispatched event) answers nothing', () => {
    const a = actions();
    const m = model({ context: { ...CONTEXT, rememberPages: null }, showsRecords: true });
    const { getByTestId, getByRole } = render(<Panel model={m} strings={strings('zh_CN')} actions={a} />);
    getByTestId('consent-accept').click();
    getByTestId('consent-decline').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    fireEvent.click(getByTestId('consent-accept'));
    fireEvent.keyDown(getByRole('complementary'), { key: 'Escape' });
    getByRole('button', { name: '收起助手' }).click();
    expect(a.answerConsent).not.toHaveBeenCalled();
    expect(a.setCollapsed).not.toHaveBeenCalled();
  });

  test('not asked when answered, when nothing is shown, or before the background answered', () => {
    for (const m of [
      model({ context: { ...CONTEXT, rememberPages: true }, showsRecords: true }),
      model({ context: { ...CONTEXT, rememberPages: false }, showsRecords: true }),
      model({ context: { ...CONTEXT, rememberPages: null }, showsRecords: false }),
      model({ context: null, showsRecords: true }),
    ]) {
      const { queryByTestId, unmount } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
      expect(queryByTestId('consent-accept')).toBeNull();
      unmount();
    }
  });

  test('what was saved is confirmed in words', () => {
    const { container } = render(<Panel model={model({ note: { kind: 'certificates', saved: 2 } })} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('已记住 2 张证书。');
  });
});

describe('collapsing and the keyboard', () => {
  test('the launcher says where the holder is, and opens the panel', () => {
    const a = actions();
    const { getByRole } = render(<Panel model={model({ collapsed: true })} strings={strings('zh_CN')} actions={a} />);
    const launcher = getByRole('button');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-label')).toBe('打开证书加注助手：证书列表');
    launcher.click();
    expect(a.setCollapsed).not.toHaveBeenCalled();
    holderClick(launcher);
    expect(a.setCollapsed).toHaveBeenCalledWith(false);
  });

  test('Escape inside the panel collapses it; the collapse button does too', () => {
    const a = actions();
    const { getByRole } = render(<Panel model={model()} strings={strings('zh_CN')} actions={a} />);
    holderKey(getByRole('complementary'), 'Escape');
    expect(a.setCollapsed).toHaveBeenCalledWith(true);
    holderClick(getByRole('button', { name: '收起助手' }));
    expect(a.setCollapsed).toHaveBeenCalledTimes(2);
  });

  test('a page outside the flow gets only a small launcher, no panel', () => {
    const { container, getAllByRole } = render(<Panel model={model({ winner: report() })} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.querySelector('.panel')).toBeNull();
    expect(getAllByRole('button')).toHaveLength(1);
    expect(container.textContent).toBe('证');
  });
});

describe('a target that cannot be found', () => {
  test('the panel says so and what to look for', () => {
    const m = model({ winner: report({ step: 'cert-list', specificity: 50, hasTarget: false, targetMissingKey: 'target_missing_download_valid', actionKey: 'action_cert_list' }) });
    const { container } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.textContent).toContain('在这一页上没有找到这个按钮。 没找到状态为“有效”的证书的[下载]按钮。请在列表的“操作”一栏里找。');
    expect(container.textContent).not.toContain('橙色框');
  });
});

describe('quota on the form', () => {
  test('used n of 3, said to be the cautious reading', () => {
    const m = model({
      winner: report({ step: 'annotation-apply', specificity: 70, hasTarget: true, certificateNumber: 'N1' }),
      context: { ...CONTEXT, certificateNumber: 'N1', quota: { used: 1, limit: 3, canApply: true, firstFreeDay: null, windowDays: 90 } },
    });
    const { container } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
    expect(container.textContent).toContain('近90天内，这张证书已申请加注1次，最多3次。');
    expect(container.textContent).toContain('包括已过期的');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  test('all 3 used: a clear warning with the first day a new one can be applied for', () => {
    const m = model({
      locale: 'en',
      winner: report({ step: 'annotation-apply', specificity: 70, hasTarget: true, certificateNumber: 'N1' }),
      context: { ...CONTEXT, certificateNumber: 'N1', quota: { used: 3, limit: 3, canApply: false, firstFreeDay: '2027-01-09', windowDays: 90 } },
    });
    const { container } = render(<Panel model={m} strings={strings('en')} actions={actions()} />);
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('from 9 Jan 2027 it surely will not be.');
  });
});

describe('help lines', () => {
  test('each phone number is kept on one line, as text, and the line reads the same', () => {
    const m = model({ winner: report({ step: 'cert-list', specificity: 50, lines: [{ kind: 'hint', key: 'help_call' }] }) });
    const { container } = render(<Panel model={m} strings={strings('zh_CN')} actions={actions()} />);
    expect(Array.from(container.querySelectorAll('ul.lines .tel')).map((e) => e.textContent)).toEqual(['010-87901800', '010-84237767']);
    expect(container.querySelector('ul.lines li')!.textContent).toContain('咨询电话 010-87901800 或 010-84237767（中国人事考试网公布的号码）');
  });
});
