// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { addDays, formatBeijingDate } from '../../../lib/dates/beijing';
import { quotaOn } from '../../../lib/model/quota';
import { openDatabase, type Database } from '../../../lib/storage/db';
import { loadSnapshot, putRecords, updateSettings } from '../../../lib/storage/records';
import { PopupApp } from '../../../lib/popup/PopupApp';
import type { PageEnv } from '../../../lib/ui/env';
import { ann, cert, NOW, TODAY } from './fixtures';

let db: Database;
type Fake = ReturnType<typeof fakes>;
const fakes = () => ({
  dataChanged: vi.fn<() => void>(),
  openPortal: vi.fn<() => void>(),
  openSettings: vi.fn<() => void>(),
  download: vi.fn<(fileName: string, mime: string, text: string) => void>(),
});
let env: PageEnv & Fake;
let name = 0;

beforeEach(async () => {
  db = await openDatabase(`popup-test-${++name}`);
  env = {
    db,
    now: () => NOW,
    uiLanguage: 'zh-CN',
    ...fakes(),
  };
});
afterEach(async () => {
  cleanup();
  db.close();
  await deleteDB(`popup-test-${name}`);
});

async function show(lang: 'auto' | 'zh_CN' | 'en' = 'auto') {
  if (lang !== 'auto') await updateSettings(db, { language: lang });
  const snapshot = await loadSnapshot(db);
  return render(<PopupApp env={env} initial={snapshot} />);
}

const entry = (number: string) => document.querySelector<HTMLElement>(`[data-testid=certificate][data-certificate-number="${number}"]`)!;

/** Opens a <details>, as clicking its summary does: what it holds is built then. */
async function openDetails(details: HTMLDetailsElement, built: string) {
  expect(details.querySelector(built)).toBeNull();
  details.open = true;
  fireEvent(details, new Event('toggle'));
  await waitFor(() => expect(details.querySelector(built)).not.toBeNull());
}
const openHistory = (number: string) => openDetails(entry(number).querySelector<HTMLDetailsElement>('details.history')!, 'li');

describe('popup rendering', () => {
  test('each state in plain words, with the contract attributes and the number as text', async () => {
    await putRecords(
      db,
      [cert('V-1'), cert('G-2', { qualification: '一级建造师', level: undefined }), cert('E-3'), cert('B-4', { qualification: '银行业专业人员', approvalDate: '2019-01-01' }), cert('N-5'), cert('W-6', { status: 'withdrawn' })],
      [
        ann('v', 'V-1', 10),
        ann('g', 'G-2', 0, { state: 'generating', appliedAt: NOW - 2 * 3_600_000 }),
        ann('e', 'E-3', 95),
        ann('w', 'W-6', 5),
      ],
    );
    await show();
    const cards = screen.getAllByTestId('certificate');
    expect(cards.map((c) => [c.dataset.certificateNumber, c.dataset.annotationState])).toEqual([
      ['E-3', 'expired'], ['N-5', 'none'], ['V-1', 'valid'], ['G-2', 'generating'], ['B-4', 'not-needed'], ['W-6', 'valid'],
    ]);
    for (const c of cards) expect(within(c).getByTestId('certificate-number').textContent).toBe(c.dataset.certificateNumber);
    expect(entry('V-1').textContent).toContain(`有效至 2026年5月28日（北京时间，含当天），还剩 80 天。`);
    expect(entry('V-1').querySelector('.bar-fill')).not.toBeNull();
    expect(entry('G-2').textContent).toContain('2026年3月10日 08:00 提交了加注申请');
    expect(entry('G-2').textContent).toContain('预计 2026年3月11日 08:00 前完成');
    expect(entry('E-3').textContent).toContain('自 2026年3月5日 起已过期（最后有效日 2026年3月4日）');
    expect(entry('N-5').textContent).toContain('还没有加注记录');
    expect(entry('B-4').textContent).toContain('无需加注');
    expect(entry('V-1').textContent).toContain('近 90 天已申请加注 1/3 次。');
    // Withdrawn certificates are shown apart, without quota.
    const withdrawn = document.querySelector('.withdrawn')!;
    expect(withdrawn.contains(entry('W-6'))).toBe(true);
    expect(entry('W-6').textContent).toContain('已撤销');
    expect(entry('W-6').querySelector('.quota')).toBeNull();
    expect(document.body.textContent).toContain('从严');
  });

  test('a withdrawn certificate says only that it is withdrawn, and whom to call', async () => {
    await putRecords(db, [cert('W-6', { status: 'withdrawn' })], [ann('w', 'W-6', 5)]);
    await show();
    const card = entry('W-6');
    expect(card.querySelector('.pill')).toBeNull();
    expect(card.querySelector('.bar')).toBeNull();
    expect(card.textContent).not.toMatch(/加注有效|还剩|生成/);
    expect(card.querySelector('.status')!.textContent).toBe('已撤销');
    expect(card.textContent).toContain('这张证书已被撤销');
    expect(within(card).getByTestId('help-call').textContent).toBe(
      '如有疑问，可拨打咨询电话 010-87901800 或 010-84237767。打电话时，请说明资格名称（社会工作者）和证书的管理号（或证书编号 W-6）。',
    );
    expect(within(card).queryByRole('button', { name: /添加加注记录/ })).toBeNull();
    expect(card.querySelector('.next-reminder')).toBeNull();
  });

  test('the certificate pill cannot disagree with the annotation: only a certificate that is not valid shows one', async () => {
    await putRecords(db, [cert('E-3'), cert('U-7', { status: 'unknown' })], [ann('e', 'E-3', 95)]);
    await show();
    expect(entry('E-3').querySelector('.status')).toBeNull();
    expect(entry('E-3').querySelector('.pill')!.textContent).toBe('加注已过期');
    expect(entry('U-7').querySelector('.status')!.textContent).toBe('状态未知');
  });

  test('an application past its 24 hours says to look now, and gives the help lines', async () => {
    await putRecords(db, [cert('G-2'), cert('G-3')], [
      ann('late', 'G-2', 2, { state: 'generating', appliedAt: NOW - 30 * 3_600_000 }),
      ann('soon', 'G-3', 0, { state: 'generating', appliedAt: NOW - 2 * 3_600_000 }),
    ]);
    await show('en');
    expect(entry('G-2').textContent).toContain('so it should be ready now: open the annotation page on the CPTA website');
    expect(within(entry('G-2')).getByTestId('help-call').textContent).toContain('010-87901800 or 010-84237767');
    expect(entry('G-3').textContent).toContain('should be complete by');
    expect(within(entry('G-3')).queryByTestId('help-call')).toBeNull();
  });

  test('the quota line says when 3 are used and the first day a new one can be applied for', async () => {
    const anns = [ann('1', 'Q', 80), ann('2', 'Q', 40), ann('3', 'Q', 2)];
    await putRecords(db, [cert('Q')], anns);
    await show();
    const free = formatBeijingDate(quotaOn(anns, 'Q', TODAY).firstFreeDay!, 'zh_CN');
    expect(entry('Q').querySelector('.quota')!.textContent).toBe(`近 90 天已申请加注 3/3 次。 已用满（按从严计算）：现在申请可能被拒绝，${free} 起一定可以再次申请。`);
    expect(entry('Q').querySelector('.quota-full')).not.toBeNull();
  });

  test('the next reminder comes from the reminder plan, said in Beijing time like the rest of the card', async () => {
    await putRecords(db, [cert('R')], [ann('r', 'R', 80)]); // last day TODAY + 9: the 7-day rung is ahead
    await show('en');
    const line = entry('R').querySelector('.next-reminder')!.textContent!;
    const m = /^Next reminder: (\d+) (\w{3}) 2026, (\d{2}):(\d{2}) \(Beijing time; ends soon\)$/.exec(line);
    expect(m, line).not.toBeNull();
    // Reminders ring at 09:00 of this computer's day, 7 days before the last valid day: the
    // Beijing time shown is that instant.
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m![2]!);
    const instant = Date.UTC(2026, month, Number(m![1]), Number(m![3]) - 8, Number(m![4]));
    expect([new Date(instant).getHours(), new Date(instant).getMinutes()]).toEqual([9, 0]);
    await updateSettings(db, { remindersEnabled: false });
    cleanup();
    await show('en');
    expect(entry('R').querySelector('.next-reminder')!.textContent).toBe('Reminders are turned off in settings.');
  });

  test('text from records is rendered as text, never as markup', async () => {
    await putRecords(db, [cert('X', { qualification: '<img src=x onerror=alert(1)>', level: undefined, holderName: '<b>张三</b>' })], []);
    await show();
    expect(entry('X').querySelector('h3')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(entry('X').textContent).toContain('<b>张三</b>');
    expect(document.querySelector('img, b')).toBeNull();
  });

  test('English when settings say so; Chinese when following a Chinese browser', async () => {
    await putRecords(db, [cert('L')], [ann('l', 'L', 10)]);
    await show('en');
    expect(entry('L').textContent).toContain('Valid until 28 May 2026 (Beijing time, that day included): 80 days left.');
    expect(document.documentElement.lang).toBe('en');
    cleanup();
    await updateSettings(db, { language: 'auto' });
    await show();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  test('empty: explains what the extension does and keeps, and starts the flow on the portal', async () => {
    await show();
    const empty = screen.getByTestId('empty-state');
    expect(empty.textContent).toContain('只在这台电脑的浏览器里');
    fireEvent.click(within(empty).getByRole('button', { name: '打开中国人事考试网开始' }));
    expect(env.openPortal).toHaveBeenCalledTimes(1);
  });
});

describe('notifications blocked', () => {
  test('the popup says reminders cannot appear, and says nothing when they can or are turned off', async () => {
    await putRecords(db, [cert('V-1')], [ann('v', 'V-1', 10)]);
    env.notificationsBlocked = async () => true;
    await show();
    await waitFor(() => expect(document.body.textContent).toContain('浏览器已关闭本扩展的通知，提醒无法弹出'));
    cleanup();
    env.notificationsBlocked = async () => false;
    await show();
    await new Promise((r) => setTimeout(r, 20));
    expect(document.body.textContent).not.toContain('浏览器已关闭本扩展的通知');
    cleanup();
    await updateSettings(db, { remindersEnabled: false });
    env.notificationsBlocked = async () => true;
    await show();
    await new Promise((r) => setTimeout(r, 20));
    expect(document.body.textContent).not.toContain('浏览器已关闭本扩展的通知');
  });
});

describe('popup actions', () => {
  test('adding a certificate by hand: refuses impossible input as you type, saves, re-reads and tells the background', async () => {
    await show();
    // The empty state and the footer both offer it.
    expect(screen.getAllByRole('button', { name: '手动添加证书' })).toHaveLength(2);
    fireEvent.click(screen.getAllByRole('button', { name: '手动添加证书' })[1]!);
    // The form's code (and zod's) comes with the first form, not with the list.
    const number = await screen.findByLabelText(/证书编号/);
    fireEvent.input(number, { target: { value: 'M 1' } });
    expect(screen.getByText('证书编号不含空格。')).toBeTruthy();
    expect(number.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(number, { target: { value: 'M-1' } });
    fireEvent.input(screen.getByLabelText(/批准日期/), { target: { value: '2025-02-29' } });
    expect(screen.getByText('日历上没有这一天。')).toBeTruthy();
    // Saving with a problem left is refused, and says so.
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('有些内容需要修改，请看各项下面的说明。')).toBeTruthy();
    expect(screen.getByText('必填。')).toBeTruthy(); // the qualification
    fireEvent.input(screen.getByLabelText(/批准日期/), { target: { value: '2025-02-28' } });
    fireEvent.input(screen.getByLabelText(/资格名称/), { target: { value: '注册测绘师' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(entry('M-1')).not.toBeNull());
    expect(entry('M-1').dataset.annotationState).toBe('none');
    expect(env.dataChanged).toHaveBeenCalledTimes(1);
    expect((await loadSnapshot(db)).certificates).toEqual([expect.objectContaining({ number: 'M-1', approvalDate: '2025-02-28', source: 'manual' })]);
  });

  test('adding an annotation moves the certificate to its new state', async () => {
    await putRecords(db, [cert('A-1')], []);
    await show();
    fireEvent.click(within(entry('A-1')).getByRole('button', { name: '添加加注记录 证书 A-1' }));
    fireEvent.input(await screen.findByLabelText('申请时间', { exact: false }), { target: { value: '08:30' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(entry('A-1').dataset.annotationState).toBe('generating'));
    expect(env.dataChanged).toHaveBeenCalledTimes(1);
  });

  test('editing an annotation keeps its id', async () => {
    await putRecords(db, [cert('E-1')], [ann('keep-me', 'E-1', 10)]);
    await show();
    await openHistory('E-1');
    fireEvent.click(within(entry('E-1')).getByRole('button', { name: /编辑 .* 申请的加注/ }));
    fireEvent.change(await screen.findByLabelText('中国人事考试网显示的状态'), { target: { value: 'expired' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(entry('E-1').dataset.annotationState).toBe('expired'));
    expect((await loadSnapshot(db)).annotations.map((a) => [a.id, a.state])).toEqual([['keep-me', 'expired']]);
  });

  test('delete, then undo right after: everything comes back', async () => {
    await putRecords(db, [cert('D-1'), cert('D-2')], [ann('d1', 'D-1', 10), ann('d2', 'D-1', 100)]);
    const before = await loadSnapshot(db);
    await show();
    fireEvent.click(within(entry('D-1')).getByRole('button', { name: '删除 证书 D-1' }));
    await waitFor(() => expect(entry('D-1')).toBeNull());
    expect((await loadSnapshot(db)).annotations).toEqual([]);
    expect(document.querySelector('.undo')!.textContent).toContain('已删除证书 D-1 及其加注记录。');
    const undo = await screen.findByRole('button', { name: '撤销' });
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fireEvent.click(undo);
    await waitFor(() => expect(entry('D-1')).not.toBeNull());
    const after = await loadSnapshot(db);
    expect(after.certificates).toEqual(before.certificates);
    expect([...after.annotations].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...before.annotations].sort((a, b) => a.id.localeCompare(b.id)));
    expect(env.dataChanged).toHaveBeenCalledTimes(2);
  });

  test('deleting one annotation can be undone too', async () => {
    await putRecords(db, [cert('D-1')], [ann('only', 'D-1', 10)]);
    await show();
    await openHistory('D-1');
    fireEvent.click(within(entry('D-1')).getByRole('button', { name: /删除 .* 申请的加注/ }));
    await waitFor(() => expect(entry('D-1').dataset.annotationState).toBe('none'));
    fireEvent.click(await screen.findByRole('button', { name: '撤销' }));
    await waitFor(() => expect(entry('D-1').dataset.annotationState).toBe('valid'));
  });

  test('the planner answers in words as the dates are typed', async () => {
    await putRecords(db, [cert('P-1')], []);
    await show();
    await openDetails(document.querySelector<HTMLDetailsElement>('details.planner')!, 'input');
    fireEvent.input(screen.getByLabelText('从（含）'), { target: { value: addDays(TODAY, 10) } });
    fireEvent.input(screen.getByLabelText('到（含）'), { target: { value: addDays(TODAY, 100) } });
    const answer = screen.getByTestId('plan-answer');
    expect(answer.textContent).toContain('要覆盖 2026年3月20日 至 2026年6月18日，需要申请 2 次加注');
    expect(answer.querySelectorAll('li')).toHaveLength(2);
    fireEvent.input(screen.getByLabelText('到（含）'), { target: { value: '2026-02-30' } });
    expect(screen.getByText('日历上没有这一天。')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('到（含）'), { target: { value: addDays(TODAY, 5) } });
    fireEvent.input(screen.getByLabelText('从（含）'), { target: { value: TODAY } });
    expect(answer.textContent).toContain('已经来不及');
  });

  test('the calendar export downloads an .ics built from the snapshot', async () => {
    await putRecords(db, [cert('C-1')], [ann('c1', 'C-1', 10)]);
    await show();
    fireEvent.click(screen.getByRole('button', { name: '导出到日历（.ics）' }));
    // The calendar's code comes with the first export, not with the list.
    await waitFor(() => expect(env.download).toHaveBeenCalledTimes(1));
    const [file, mime, text] = env.download.mock.calls[0]!;
    expect(file).toBe(`cpta-annotations-${TODAY}.ics`);
    expect(mime).toMatch(/^text\/calendar/);
    expect(text).toContain('UID:annotation-c1@');
  });
});
