// @vitest-environment happy-dom
// What the popup loads on first use (the forms, the writes, the calendar, zod for a record
// that fails the quick check) may fail to load, as it does when the extension was updated
// while the popup was open: the holder is told, the list stays.
import { afterEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { PopupApp } from '../../../lib/popup/PopupApp';
import { mountPopup } from '../../../lib/popup/mount';
import type { PageEnv } from '../../../lib/ui/env';
import { DB_NAME, openDatabase, type Database } from '../../../lib/storage/db';
import { ann, cert, NOW } from './fixtures';

vi.mock('../../../lib/calendar/ics', () => {
  throw new Error('chunk gone');
});
vi.mock('../../../lib/popup/form-screens', () => {
  throw new Error('chunk gone');
});
vi.mock('../../../lib/storage/records', () => {
  throw new Error('chunk gone');
});

afterEach(async () => {
  cleanup();
  document.body.innerHTML = '';
  await deleteDB(DB_NAME);
});

function show() {
  const env: PageEnv = {
    db: {} as Database,
    now: () => NOW,
    uiLanguage: 'zh-CN',
    dataChanged: vi.fn(),
    openPortal: vi.fn(),
    openSettings: vi.fn(),
    download: vi.fn(),
  };
  const initial = { certificates: [cert('F-1')], annotations: [ann('f', 'F-1', 10)], settings: DEFAULT_SETTINGS, reminderLog: [], damaged: 0 };
  render(<PopupApp env={env} initial={initial} />);
  return env;
}

const LOAD_FAILED = '没有打开：扩展自己的文件读取失败（多半是扩展刚刚更新）。请关闭这个窗口再打开。';

test('a form whose code does not load: said, and the list stays', async () => {
  show();
  fireEvent.click(screen.getByRole('button', { name: '手动添加证书' }));
  expect((await screen.findByRole('alert')).textContent).toBe(LOAD_FAILED);
  expect(document.querySelector('[data-testid=certificate][data-certificate-number="F-1"]')).not.toBeNull();
});

test('a calendar export whose code does not load: said, nothing downloaded', async () => {
  const env = show();
  fireEvent.click(screen.getByRole('button', { name: '导出到日历（.ics）' }));
  expect((await screen.findByRole('alert')).textContent).toBe(LOAD_FAILED);
  expect(env.download).not.toHaveBeenCalled();
});

test('a delete whose code does not load: said as such (not as a storage failure), and the certificate stays', async () => {
  const env = show();
  fireEvent.click(screen.getByRole('button', { name: '删除 证书 F-1' }));
  expect((await screen.findByRole('alert')).textContent).toBe(LOAD_FAILED);
  expect(document.querySelector('[data-testid=certificate][data-certificate-number="F-1"]')).not.toBeNull();
  expect(env.dataChanged).not.toHaveBeenCalled();
});

test('a stored record that needs zod, when zod does not load: the popup says so instead of staying blank', async () => {
  fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'test', version: '0.0.0' });
  const db = await openDatabase();
  await db.put('certificates', { ...cert('U-1'), qualification: ' 注册测绘师 ' });
  db.close();
  const root = document.createElement('div');
  document.body.append(root);
  await mountPopup(root);
  expect(root.querySelector('[role=alert]')?.textContent).toBe(LOAD_FAILED);
});
