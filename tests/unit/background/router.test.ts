import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';

vi.mock('../../../lib/background/reminders/sync', () => ({ syncReminders: vi.fn(async () => undefined) }));

import { registerMessageRouter } from '../../../lib/background/router';
import { syncReminders } from '../../../lib/background/reminders/sync';
import { DB_NAME, openDatabase } from '../../../lib/storage/db';
import { loadSnapshot, updateSettings } from '../../../lib/storage/records';
import type { ExtensionBrowser } from '../../../lib/background/start';
import type { GuideContext } from '../../../lib/guide/protocol';
import { startOfBeijingDay } from '../../../lib/dates/beijing';
import { EXTENSION_ONLY, PORTAL_MAY } from '../../../lib/background/sender';

const browser = fakeBrowser as unknown as ExtensionBrowser;
const TAB = 7;
const PORTAL_URL = 'https://zs.cpta.com.cn/certMng/main.jsp';
const fromTab = (tabId = TAB, frameId = 0): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: PORTAL_URL, tab: { id: tabId } as Browser.tabs.Tab, frameId });
/** The extension's own options page (opened in a tab, as the options page is). */
const fromOptions: Browser.runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html'), tab: { id: 99 } as Browser.tabs.Tab, frameId: 0 };
const foreign: Browser.runtime.MessageSender = { id: 'some-other-extension', tab: { id: TAB } as Browser.tabs.Tab };

async function send(message: unknown, sender = fromTab()): Promise<any> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return answers[0];
}

async function snapshot() {
  const db = await openDatabase();
  try {
    return await loadSnapshot(db);
  } finally {
    db.close();
  }
}

async function consent(value: boolean | null) {
  const db = await openDatabase();
  await updateSettings(db, { rememberPages: value });
  db.close();
}

const LIST = {
  type: 'portal/certificates-seen',
  certificates: [
    { number: '2205110000300127', qualification: '社会工作者职业资格', level: '中级', approvalDate: '2022-11-30', status: 'valid' },
    { number: '1911010000201543', qualification: '一级建造师执业资格', approvalDate: '2020-01-15', status: 'withdrawn' },
  ],
};

beforeEach(async () => {
  await new Promise<void>((ok, fail) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = () => ok();
    r.onerror = () => fail(r.error);
  });
  vi.mocked(syncReminders).mockClear();
  vi.useRealTimers();
  registerMessageRouter(browser);
});

describe('without consent nothing is recorded', () => {
  test.each([null, false])('rememberPages = %s: the list, the annotation and the submission are refused', async (value) => {
    await consent(value);
    expect(await send(LIST)).toEqual({ ok: false, reason: 'no-consent' });
    expect(await send({ type: 'portal/annotation-seen', reading: { certificateNumber: '2205110000300127', state: 'generating' } })).toEqual({ ok: false, reason: 'no-consent' });
    expect(await send({ type: 'portal/annotation-applied', certificateNumber: '2205110000300127', validityDays: 90, scenario: '本人调用' })).toEqual({ ok: false, reason: 'no-consent' });
    expect(await send({ type: 'guide/certificate-chosen', certificateNumber: '2205110000300127' })).toEqual({ ok: false, reason: 'no-consent' });
    const s = await snapshot();
    expect(s.certificates).toEqual([]);
    expect(s.annotations).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(syncReminders).not.toHaveBeenCalled();
  });
});

describe('bad messages and foreign senders are ignored', () => {
  test('a message that fails the schema gets no answer and writes nothing', async () => {
    await consent(true);
    expect(await send({ type: 'portal/certificates-seen', certificates: [{ number: '', qualification: 'x', status: 'valid' }] })).toBeUndefined();
    expect(await send({ type: 'portal/certificates-seen', certificates: [{ number: '1', qualification: 'x', status: 'valid', approvalDate: '2022-02-30' }] })).toBeUndefined();
    expect(await send({ type: 'portal/annotation-applied', certificateNumber: '1', validityDays: 120, scenario: '本人调用' })).toBeUndefined();
    expect(await send({ type: 'nonsense' })).toBeUndefined();
    expect(await send('portal/certificates-seen')).toBeUndefined();
    expect((await snapshot()).certificates).toEqual([]);
  });

  test('another extension\'s message is dropped even when it is well formed', async () => {
    await consent(true);
    expect(await send(LIST, foreign)).toBeUndefined();
    expect(await send({ type: 'settings/update', patch: { rememberPages: false } }, foreign)).toBeUndefined();
    const s = await snapshot();
    expect(s.certificates).toEqual([]);
    expect(s.settings.rememberPages).toBe(true);
  });
});

describe('with consent', () => {
  beforeEach(() => consent(true));

  test('the list is stored once; seen again it is merged, not doubled, and createdAt stays', async () => {
    expect(await send(LIST)).toEqual({ ok: true, certificates: { saved: 2, added: 2 } });
    expect(syncReminders).toHaveBeenCalledTimes(1);
    const first = await snapshot();
    expect(first.certificates.map((c) => c.number).sort()).toEqual(['1911010000201543', '2205110000300127']);
    const createdAt = first.certificates.find((c) => c.number === '2205110000300127')!.createdAt;

    // The same page again: nothing changes, no reminder sync.
    expect(await send(LIST)).toEqual({ ok: true, certificates: { saved: 2, added: 0 } });
    expect(syncReminders).toHaveBeenCalledTimes(1);

    // Later (past the tab's one sync a minute) the certificate is withdrawn on the portal.
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    const changed = { ...LIST, certificates: [{ ...LIST.certificates[0], status: 'withdrawn' }] };
    expect(await send(changed)).toEqual({ ok: true, certificates: { saved: 1, added: 0 } });
    const after = await snapshot();
    expect(after.certificates).toHaveLength(2);
    const cert = after.certificates.find((c) => c.number === '2205110000300127')!;
    expect(cert).toMatchObject({ status: 'withdrawn', createdAt, source: 'portal', level: '中级' });
    expect(cert.updatedAt).toBeGreaterThan(createdAt);
    expect(syncReminders).toHaveBeenCalledTimes(2);
  });

  test('a portal page without the certificate number uses the one the tab came from', async () => {
    expect(await send({ type: 'portal/annotation-seen', reading: { state: 'generating' } })).toEqual({ ok: false, reason: 'no-certificate' });
    await send({ type: 'guide/certificate-chosen', certificateNumber: '2205110000300127' });
    const answer = await send({ type: 'portal/annotation-seen', reading: { state: 'generating' } });
    expect(answer).toMatchObject({ ok: true, annotation: { change: 'created', state: 'generating' } });
    // Another tab knows nothing of it.
    expect(await send({ type: 'portal/annotation-seen', reading: { state: 'generating' } }, fromTab(8))).toEqual({ ok: false, reason: 'no-certificate' });
    // Reloading the generating page adds nothing.
    await send({ type: 'portal/annotation-seen', reading: { state: 'generating' } });
    expect((await snapshot()).annotations).toHaveLength(1);
  });

  test('submission, confirmation, then the valid page: one record, estimates replaced by the portal\'s dates', async () => {
    const click = startOfBeijingDay('2026-03-10') + 9 * 3_600_000;
    vi.useFakeTimers({ now: click, toFake: ['Date'] });
    await send({ type: 'guide/certificate-chosen', certificateNumber: '2205110000300127' });
    await send({ type: 'guide/apply-submitted', validityDays: 60, scenario: '本人调用' });
    const ctx: GuideContext = await send({ type: 'guide/context' });
    expect(ctx.pendingApply).toMatchObject({ at: click, validityDays: 60, certificateNumber: '2205110000300127' });

    vi.setSystemTime(click + 20_000);
    const applied = await send({ type: 'portal/annotation-applied', validityDays: 60, scenario: '本人调用' });
    expect(applied).toMatchObject({ ok: true, annotation: { change: 'created', state: 'generating', validUntil: '2026-05-08' } });
    // The page then shows the generating state: the same record.
    await send({ type: 'portal/annotation-seen', reading: { certificateNumber: '2205110000300127', state: 'generating' } });
    let s = await snapshot();
    expect(s.annotations).toHaveLength(1);
    expect(s.annotations[0]).toMatchObject({ appliedAt: click, appliedAtEstimated: false, validityDays: 60, state: 'generating' });
    const after: GuideContext = await send({ type: 'guide/context' });
    expect(after.pendingApply).toBeUndefined();
    expect(after.readyBy).toBe(click + 24 * 3_600_000);
    // What the panel needs to warn against applying again, and to promise a reminder only when one is planned.
    expect(after.current).toEqual({ state: 'generating' });
    expect(after.remindersEnabled).toBe(true);

    // The next day it is valid, with the portal's dates.
    vi.setSystemTime(click + 86_400_000);
    await send({ type: 'portal/annotation-seen', reading: { certificateNumber: '2205110000300127', state: 'valid', validFrom: '2026-03-11', validUntil: '2026-05-09' } });
    expect((await send({ type: 'guide/context' })).current).toEqual({ state: 'valid', validUntil: '2026-05-09' });
    await send({ type: 'settings/update', patch: { remindersEnabled: false } }, fromOptions);
    expect((await send({ type: 'guide/context' })).remindersEnabled).toBe(false);
    s = await snapshot();
    expect(s.annotations).toHaveLength(1);
    expect(s.annotations[0]).toMatchObject({
      state: 'valid',
      validFrom: { date: '2026-03-11', source: 'portal' },
      validUntil: { date: '2026-05-09', source: 'portal' },
    });
  });

  test('guide/context gives consent, panel state and the certificate\'s quota', async () => {
    await send({ type: 'settings/update', patch: { panelCollapsed: true, language: 'en' } }, fromOptions);
    for (const [i, d] of ['2026-01-10', '2026-02-01', '2026-03-01'].entries()) {
      vi.useFakeTimers({ now: startOfBeijingDay(d) + 3_600_000 * (10 + i), toFake: ['Date'] });
      await send({ type: 'portal/annotation-applied', certificateNumber: 'C-1', validityDays: 10, scenario: '本人调用' });
      await send({ type: 'portal/annotation-seen', reading: { certificateNumber: 'C-1', state: 'expired' } });
    }
    vi.setSystemTime(startOfBeijingDay('2026-03-10'));
    const ctx: GuideContext = await send({ type: 'guide/context', certificateNumber: 'C-1' });
    expect(ctx).toMatchObject({
      rememberPages: true,
      panelCollapsed: true,
      language: 'en',
      certificateNumber: 'C-1',
      quota: { used: 3, limit: 3, canApply: false, firstFreeDay: '2026-04-11', windowDays: 90 },
    });
  });

  test('guide/context sends a string table only when _locales cannot give the wanted language', async () => {
    expect((await send({ type: 'guide/context', locale: 'zh_CN', haveLocale: 'zh_CN' })).strings).toBeUndefined();
    const zh: GuideContext = await send({ type: 'guide/context', locale: 'zh_CN', haveLocale: 'en' });
    expect(zh.strings?.locale).toBe('zh_CN');
    expect(zh.strings?.guide.consent_accept).toBe('记住');
    expect(zh.strings?.portal.step_cert_list).toBe('证书列表');
    // A language chosen in settings wins over the page's.
    await send({ type: 'settings/update', patch: { language: 'en' } }, fromOptions);
    const en: GuideContext = await send({ type: 'guide/context', locale: 'zh_CN', haveLocale: 'zh_CN' });
    expect(en.strings?.locale).toBe('en');
    expect(en.strings?.guide.consent_accept).toBe('Remember');
    expect((await send({ type: 'guide/context', locale: 'zh_CN', haveLocale: 'en' })).strings).toBeUndefined();
  });

  test('settings/update stores the patch and re-plans reminders', async () => {
    expect(await send({ type: 'settings/update', patch: { panelCollapsed: true } }, fromOptions)).toMatchObject({ ok: true, settings: { panelCollapsed: true } });
    expect((await snapshot()).settings.panelCollapsed).toBe(true);
    expect(syncReminders).toHaveBeenCalledTimes(1);
    expect(await send({ type: 'data/changed' }, fromOptions)).toEqual({ ok: true });
    expect(syncReminders).toHaveBeenCalledTimes(2);
  });

  test('a closed tab forgets its certificate and pending submission', async () => {
    await send({ type: 'guide/certificate-chosen', certificateNumber: '2205110000300127' });
    expect(await fakeBrowser.storage.session.get(null)).not.toEqual({});
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('a valid annotation whose last day the page did not show (issue: reading the annotation truthfully)', () => {
  const NUMBER = '2205110000300127';
  const SETTINGS = { remindersEnabled: true, expiryLadderDays: [7, 1], reminderHour: 9, quotaReminder: true };

  test('is remembered valid with its last day unknown, no reminder built on it; the holder\'s answer gives it reminders like any other', async () => {
    await consent(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(startOfBeijingDay('2026-12-03') + 10 * 3_600_000);
    const seen = await send({ type: 'portal/annotation-seen', reading: { certificateNumber: NUMBER, state: 'valid', validity: 'ask' } });
    expect(seen).toEqual({ ok: true, annotation: { change: 'created', state: 'valid', validUntil: '2027-03-02', lastDay: 'unknown' } });
    let s = await snapshot();
    expect(s.annotations).toHaveLength(1);
    expect(s.annotations[0]!.validUntil.source).toBe('unknown');
    const { planReminders } = await import('../../../lib/reminders/plan');
    const plan = (snap: typeof s) => planReminders({ ...snap, settings: SETTINGS, reminderLog: [], now: Date.now() });
    expect(plan(s).filter((r) => r.kind === 'expiring' || r.kind === 'expired')).toEqual([]);

    const context: GuideContext = await send({ type: 'guide/context', certificateNumber: NUMBER });
    expect(context.annotation).toEqual({ state: 'valid', validUntil: '2027-03-02', lastDay: 'unknown' });

    // The holder gives the last day in the panel.
    const answer = await send({ type: 'guide/annotation-last-day', certificateNumber: NUMBER, validUntil: '2027-01-20' });
    expect(answer).toEqual({ ok: true, annotation: { change: 'updated', state: 'valid', validUntil: '2027-01-20', lastDay: 'portal' } });
    expect(syncReminders).toHaveBeenCalled();
    s = await snapshot();
    expect(s.annotations).toHaveLength(1);
    const reminders = plan(s);
    expect(reminders.filter((r) => r.kind === 'expiring').map((r) => r.daysBefore)).toEqual([7, 1]);
    expect(reminders.find((r) => r.kind === 'expired')?.validUntil).toBe('2027-01-20');

    // A day a valid annotation cannot end on is refused and changes nothing.
    expect(await send({ type: 'guide/annotation-last-day', certificateNumber: NUMBER, validUntil: '2026-12-01' })).toEqual({ ok: false, reason: 'bad-date' });
    expect((await snapshot()).annotations[0]!.validUntil.date).toBe('2027-01-20');
  });

  test('without consent the answer is refused and nothing is stored', async () => {
    await consent(null);
    expect(await send({ type: 'guide/annotation-last-day', certificateNumber: NUMBER, validUntil: '2027-01-20' })).toEqual({ ok: false, reason: 'no-consent' });
    expect((await snapshot()).annotations).toEqual([]);
  });
});

describe('who may ask what', () => {
  test('a portal content script may not change reminders, the language, or say data changed', async () => {
    await consent(true);
    expect(await send({ type: 'settings/update', patch: { remindersEnabled: false } })).toBeUndefined();
    expect(await send({ type: 'settings/update', patch: { panelCollapsed: true, language: 'en' } })).toBeUndefined();
    expect(await send({ type: 'data/changed' })).toBeUndefined();
    const s = await snapshot();
    expect(s.settings.remindersEnabled).toBe(true);
    expect(s.settings.language).toBe('auto');
    expect(s.settings.panelCollapsed).toBe(false);
    expect(syncReminders).not.toHaveBeenCalled();
    // Its own page may.
    expect(await send({ type: 'settings/update', patch: { remindersEnabled: false } }, fromOptions)).toMatchObject({ ok: true });
    expect((await snapshot()).settings.remindersEnabled).toBe(false);
  });

  test('the panel may fold itself, and answer the consent question only while it is open', async () => {
    expect(await send({ type: 'settings/update', patch: { panelCollapsed: true } })).toEqual({ ok: true });
    expect((await snapshot()).settings.panelCollapsed).toBe(true);
    expect(await send({ type: 'settings/update', patch: { rememberPages: false } })).toEqual({ ok: true });
    expect((await snapshot()).settings.rememberPages).toBe(false);
    // Answered: only Settings changes it now.
    expect(await send({ type: 'settings/update', patch: { rememberPages: true } })).toEqual({ ok: false, reason: 'not-allowed' });
    expect((await snapshot()).settings.rememberPages).toBe(false);
    expect(await send({ type: 'settings/update', patch: { rememberPages: true } }, fromOptions)).toMatchObject({ ok: true });
    expect((await snapshot()).settings.rememberPages).toBe(true);
  });

  test('a sender without a page address, or a portal address outside a tab, is no one', async () => {
    await consent(true);
    expect(await send(LIST, { id: fakeBrowser.runtime.id, tab: { id: TAB } as Browser.tabs.Tab, frameId: 0 })).toBeUndefined();
    expect(await send(LIST, { id: fakeBrowser.runtime.id, url: PORTAL_URL })).toBeUndefined();
    expect((await snapshot()).certificates).toEqual([]);
  });

  test('before consent guide/context says nothing about stored records, whatever number is asked', async () => {
    await consent(true);
    await send({ type: 'portal/annotation-applied', certificateNumber: 'C-1', validityDays: 10, scenario: '本人调用' });
    await send({ type: 'guide/certificate-chosen', certificateNumber: 'C-1' });
    await send({ type: 'guide/apply-submitted', certificateNumber: 'C-1', validityDays: 10 });
    expect(await send({ type: 'guide/context', certificateNumber: 'C-1' })).toMatchObject({ certificateNumber: 'C-1', quota: { used: 1 } });
    for (const value of [null, false]) {
      await consent(value);
      const ctx: GuideContext = await send({ type: 'guide/context', certificateNumber: 'C-1' });
      expect(ctx).toEqual({ rememberPages: value, panelCollapsed: false, language: 'auto' });
    }
  });

  test('a burst of 100 forged readings from one tab: a handful recorded, one reminder sync; another tab is not held back', async () => {
    await consent(true);
    const burst = Array.from({ length: 100 }, (_, i) =>
      send({ type: 'portal/annotation-applied', certificateNumber: `F-${i}`, validityDays: 1, scenario: '本人调用' }),
    );
    await Promise.all(burst);
    const s = await snapshot();
    expect(s.annotations.length).toBeGreaterThan(0);
    expect(s.annotations.length).toBeLessThanOrEqual(5);
    expect(syncReminders).toHaveBeenCalledTimes(1);
    // The held-back sync comes a minute later, by alarm.
    expect(await fakeBrowser.alarms.get('reminders:soon')).toBeDefined();
    expect(await send({ type: 'portal/annotation-applied', certificateNumber: 'G-1', validityDays: 1, scenario: '本人调用' }, fromTab(8))).toMatchObject({ ok: true });
    expect(syncReminders).toHaveBeenCalledTimes(2);
  });
});

describe('frames are named by the browser, and only the top frame hears them', () => {
  test('a frame\'s report goes to frame 0 with the sender\'s frameId; the top frame speaks to one frame or all', async () => {
    const sendMessage = vi.fn(async () => undefined);
    fakeBrowser.tabs.sendMessage = sendMessage as never;
    const report = { step: 'annotation', specificity: 60, hasTarget: true, lines: [], readingProblems: [], showsRecords: true, certificateCount: 0 };
    expect(await send({ type: 'guide/frame-report', token: 'abcdef0123456789', report, rect: null }, fromTab(TAB, 3))).toEqual({ ok: true });
    expect(sendMessage).toHaveBeenLastCalledWith(TAB, { type: 'guide/from-frame', kind: 'report', frameId: 3, token: 'abcdef0123456789', report, rect: null }, { frameId: 0 });
    await send({ type: 'guide/frame-bye', token: 'abcdef0123456789' }, fromTab(TAB, 3));
    expect(sendMessage).toHaveBeenLastCalledWith(TAB, { type: 'guide/from-frame', kind: 'bye', frameId: 3, token: 'abcdef0123456789' }, { frameId: 0 });
    await send({ type: 'guide/to-frames', frameId: 3, say: 'active', active: true, visible: true });
    expect(sendMessage).toHaveBeenLastCalledWith(TAB, { type: 'guide/to-frame', say: 'active', active: true, visible: true }, { frameId: 3 });
    await send({ type: 'guide/to-frames', say: 'hello' });
    expect(sendMessage).toHaveBeenLastCalledWith(TAB, { type: 'guide/to-frame', say: 'hello' });
    sendMessage.mockClear();
    // The top frame cannot pose as a frame, nor a frame as the top.
    expect(await send({ type: 'guide/frame-report', token: 'abcdef0123456789', report, rect: null }, fromTab(TAB, 0))).toEqual({ ok: false });
    expect(await send({ type: 'guide/to-frames', say: 'consent' }, fromTab(TAB, 2))).toEqual({ ok: false });
    expect(sendMessage).not.toHaveBeenCalled();
  });
});

describe('the welcome page\'s test notification', () => {
  const TEST = { type: 'reminders/test-notification' };
  const welcome: Browser.runtime.MessageSender = { ...fromOptions, url: fakeBrowser.runtime.getURL('/welcome.html' as '/options.html') };

  test('an extension page gets one, in the holder\'s language; a portal page gets nothing, whatever it sends', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue(undefined as never);
    expect(await send(TEST, fromTab())).toBeUndefined();
    expect(create).not.toHaveBeenCalled();
    const db = await openDatabase();
    await updateSettings(db, { language: 'en' });
    db.close();
    expect(await send(TEST, welcome)).toEqual({ ok: true });
    expect(create).toHaveBeenCalledTimes(1);
    const [id, options] = create.mock.calls[0] as unknown as [string, Browser.notifications.NotificationCreateOptions];
    expect(id).toMatch(/^cpta-test\|\d+$/);
    expect(options.title).toBe('Test notification · CPTA e-Certificate Assistant');
    create.mockRestore();
  });

  test('blocked by the browser: says so and shows nothing; refused: says it failed', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('refused'));
    (fakeBrowser.notifications as { getPermissionLevel?: () => Promise<string> }).getPermissionLevel = async () => 'denied';
    expect(await send(TEST, welcome)).toEqual({ ok: false, reason: 'blocked' });
    expect(create).not.toHaveBeenCalled();
    (fakeBrowser.notifications as { getPermissionLevel?: () => Promise<string> }).getPermissionLevel = async () => 'granted';
    expect(await send(TEST, welcome)).toEqual({ ok: false, reason: 'failed' });
    delete (fakeBrowser.notifications as { getPermissionLevel?: unknown }).getPermissionLevel;
    create.mockRestore();
  });

  test('no message a portal page may send is also marked for extension pages only', () => {
    for (const type of EXTENSION_ONLY) expect(PORTAL_MAY, type).not.toHaveProperty(type);
  });
});
