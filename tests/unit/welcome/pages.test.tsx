// @vitest-environment happy-dom
// The welcome page, Settings' "About and help" and the popup's what's-new line, rendered
// with fakes for what they ask of the browser.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { deleteDB } from 'idb';
import { WelcomeApp, type WelcomeEnv } from '../../../lib/welcome/WelcomeApp';
import { OptionsApp } from '../../../lib/options/OptionsApp';
import { PopupApp } from '../../../lib/popup/PopupApp';
import { openDatabase, type Database } from '../../../lib/storage/db';
import { loadSnapshot, updateSettings } from '../../../lib/storage/records';
import type { PageEnv } from '../../../lib/ui/env';
import { CHANGES } from '../../../lib/model/whats-new';
import en from '../../../lib/i18n/en/popup.json';
import { NOW } from '../popup/fixtures';

afterEach(() => cleanup());

describe('welcome page', () => {
  const welcome = (over: Partial<WelcomeEnv> = {}): WelcomeEnv => ({
    locale: 'zh_CN',
    firefox: false,
    sendTestNotification: vi.fn(async () => ({ ok: true }) as const),
    openPortal: vi.fn(),
    openSettings: vi.fn(),
    ...over,
  });

  test('Chinese: says what it does, what it keeps and where, how to pin it; the test button asks the background and says it was sent', async () => {
    const env = welcome();
    render(<WelcomeApp env={env} />);
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('欢迎使用电子证书加注助手');
    expect(screen.getByText(/只保存在这台电脑的这个浏览器里/)).toBeTruthy();
    expect(screen.getByText(/拼图图标/, { selector: 'li:first-child' }).textContent).toMatch(/^Chrome 和 Edge/);
    fireEvent.click(screen.getByRole('button', { name: '发送测试通知' }));
    expect(env.sendTestNotification).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('测试通知已发送。如果几秒钟内没有看到，请检查下面几项。'));
  });

  test('English in Firefox: Firefox\'s way of pinning first; blocked notifications say what to check', async () => {
    render(<WelcomeApp env={welcome({ locale: 'en', firefox: true, sendTestNotification: async () => ({ ok: false, reason: 'blocked' }) })} />);
    expect(screen.getByText(/puzzle-piece/, { selector: 'li:first-child' }).textContent).toMatch(/^Firefox:/);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^The browser is blocking this extension's notifications/));
    expect(screen.getByText(/^Windows: Settings → System → Notifications/)).toBeTruthy();
    expect(screen.getByText(/^macOS: System Settings → Notifications/)).toBeTruthy();
  });

  test('a refused or lost answer says it could not be sent', async () => {
    render(<WelcomeApp env={welcome({ locale: 'en', sendTestNotification: async () => Promise.reject(new Error('no worker')) })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^The test notification could not be sent/));
  });
});

describe('pages with storage', () => {
  let db: Database;
  let name = 0;
  let env: PageEnv;
  beforeEach(async () => {
    db = await openDatabase(`welcome-test-${++name}`);
    env = { db, now: () => NOW, uiLanguage: 'en-US', dataChanged: vi.fn(), openPortal: vi.fn(), openSettings: vi.fn(), download: vi.fn() };
  });
  afterEach(async () => {
    cleanup();
    db.close();
    await deleteDB(`welcome-test-${name}`);
  });

  test('Settings show the version, open the welcome page, and copy a report with the version and the steps seen', async () => {
    const copyText = vi.fn(async () => true);
    const openWelcome = vi.fn();
    Object.assign(env, { version: '0.2.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0', stepsSeen: async () => ['cert-list'], copyText, openWelcome });
    await updateSettings(db, { rememberPages: true });
    render(<OptionsApp env={env} initial={await loadSnapshot(db)} />);
    expect(document.getElementById('about-version')!.textContent).toBe('Version 0.2.0');
    fireEvent.click(screen.getByRole('button', { name: /^Open the welcome page/ }));
    expect(openWelcome).toHaveBeenCalledTimes(1);
    const report = screen.getByLabelText('Problem report') as HTMLTextAreaElement;
    await waitFor(() => expect(report.value).toContain('Steps recognised since the browser started: cert-list'));
    expect(report.value).toContain('Version: 0.2.0\nBrowser: Chrome 156 (Linux)');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByText('Copied.')).toBeTruthy());
    expect(copyText).toHaveBeenCalledWith(report.value);
  });

  test('a refused copy says how to copy by hand', async () => {
    Object.assign(env, { version: '0.2.0', copyText: async () => false });
    render(<OptionsApp env={env} initial={await loadSnapshot(db)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByText(/^Could not copy/)).toBeTruthy());
  });

  test('the popup shows the what\'s-new line for a note with entries, until dismissed', async () => {
    const first = CHANGES[0]!;
    const dismissWhatsNew = vi.fn(async () => undefined);
    Object.assign(env, { whatsNew: async () => ({ since: '0.0.1', version: first.version }), dismissWhatsNew });
    render(<PopupApp env={env} initial={await loadSnapshot(db)} />);
    await waitFor(() => expect(screen.getByText('New')).toBeTruthy());
    for (const key of first.lines) expect(screen.getByText(en[key as keyof typeof en])).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the “New” note' }));
    expect(dismissWhatsNew).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('New')).toBeNull();
  });

  test('no line when nothing is noted, or the note covers no entry', async () => {
    Object.assign(env, { whatsNew: async () => ({ since: first(), version: `${first()}.1` }) });
    render(<PopupApp env={env} initial={await loadSnapshot(db)} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('.whats-new')).toBeNull();
    cleanup();
    Object.assign(env, { whatsNew: async () => undefined });
    render(<PopupApp env={env} initial={await loadSnapshot(db)} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('.whats-new')).toBeNull();
  });
});

function first(): string {
  return CHANGES[0]!.version;
}
