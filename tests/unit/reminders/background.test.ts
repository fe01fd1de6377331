// The reminders in the (fake) browser: alarms, notifications, clicks, snooze, badge.
// The fake browser never fires an alarm or a click by itself: each test triggers them.
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Annotation } from '../../../lib/model/annotation';
import type { Certificate } from '../../../lib/model/certificate';
import type { Settings } from '../../../lib/model/settings';
import { BADGE_COLORS } from '../../../lib/background/reminders/badge';
import { BUTTON_REMIND_TOMORROW, registerReminders } from '../../../lib/background/reminders/register';
import { NEXT_ALARM, SCAN_ALARM, SCAN_PERIOD_MINUTES } from '../../../lib/background/reminders/alarms';
import { syncReminders } from '../../../lib/background/reminders/sync';
import { CLAIM_LEASE_MS } from '../../../lib/background/reminders/log';
import { localHourOnOrAfter } from '../../../lib/reminders/local-time';
import { validityEndsAt } from '../../../lib/dates/beijing';
import { DB_NAME, openDatabase } from '../../../lib/storage/db';
import { loadSnapshot, putRecords, updateSettings } from '../../../lib/storage/records';
import { bj, certificate, seenValid } from './fixtures';

const CERT = 'Z2023110000001';
const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const march15 = (number = CERT, id = `m15-${number}`) => seenValid({ id, certificateNumber: number, validFrom: '2025-12-16', validUntil: '2026-03-15', seenAt: bj('2026-01-05', 10) });

async function seed(certificates: Certificate[], annotations: Annotation[], settings: Partial<Settings> = {}) {
  const db = await openDatabase();
  await putRecords(db, certificates, annotations);
  if (Object.keys(settings).length) await updateSettings(db, settings);
  db.close();
}

async function reminderLog() {
  const db = await openDatabase();
  const snap = await loadSnapshot(db);
  db.close();
  return snap.reminderLog;
}

const shown = () => fakeBrowser.notifications.getAllCreateOptions();
const at = (t: number) => vi.setSystemTime(t);
const fireAlarm = async (name = NEXT_ALARM) => fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now(), persistAcrossSessions: true });

beforeEach(async () => {
  await deleteDB(DB_NAME);
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('alarms in step with the plan', () => {
  test('are created once and left alone by later syncs, however often they run', async () => {
    await seed([certificate()], [march15()]);
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    at(local(2026, 3, 1, 12, 5));
    await syncReminders(browser);
    await syncReminders(browser);
    expect(create).toHaveBeenCalledTimes(2);
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(local(2026, 3, 8));
    expect((await fakeBrowser.alarms.get(SCAN_ALARM))?.periodInMinutes).toBe(SCAN_PERIOD_MINUTES);
  });

  test('move when the records change, and go when nothing is left to wait for', async () => {
    await seed([certificate()], [march15()]);
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    await seed([certificate({ status: 'withdrawn' })], []);
    await syncReminders(browser);
    expect(await fakeBrowser.alarms.get(NEXT_ALARM)).toBeUndefined();
    expect(await fakeBrowser.alarms.get(SCAN_ALARM)).toBeDefined();
  });

  test('the safety scan catches up after the clock jumps forward, showing only what is still worth it', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    at(local(2026, 3, 14, 12));
    await fireAlarm(SCAN_ALARM);
    expect(Object.keys(shown())).toEqual([expect.stringContaining('|expiring:m15-Z2023110000001:1')]);
  });

  test('the holder travels: the next alarm moves to 09:00 of the new local day', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      at(Date.parse('2026-03-01T04:00:00Z'));
      await syncReminders(browser);
      expect(new Date((await fakeBrowser.alarms.get(NEXT_ALARM))!.scheduledTime).toISOString()).toBe('2026-03-08T01:00:00.000Z');
      process.env.TZ = 'America/Los_Angeles';
      await fireAlarm(SCAN_ALARM);
      expect(new Date((await fakeBrowser.alarms.get(NEXT_ALARM))!.scheduledTime).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  test('a lost alarm (browser restart, update) is created again by the start-up sync', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 1, 12));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.runtime.onStartup.trigger();
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(local(2026, 3, 8));
  });
});

describe('an alarm firing', () => {
  test('shows the right notification once, naming the certificate, with two buttons', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    expect(shown()).toEqual({});

    at(local(2026, 3, 8));
    await fireAlarm();
    const notes = Object.entries(shown());
    expect(notes).toHaveLength(1);
    const [id, options] = notes[0]!;
    expect(id).toMatch(/^cpta-reminder\|expiring\|/);
    expect(options.title).toBe('加注即将到期');
    expect(options.message).toContain('中级社会工作者（证书编号 Z2023110000001）');
    expect(options.message).toContain('2026年3月15日');
    expect(options.iconUrl).toMatch(/\/icon\/128\.png$/);
    expect(options.buttons?.map((b) => b.title)).toEqual(['打开中国人事考试网', '明天再提醒']);

    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fireAlarm();
    await fireAlarm(SCAN_ALARM);
    expect(create).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(local(2026, 3, 14));
  });

  test('alarms of other features are not ours to answer', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 8));
    await fireAlarm('someone-else');
    expect(shown()).toEqual({});
  });

  test('in English when the holder chose English', async () => {
    await seed([certificate()], [march15()], { language: 'en' });
    at(local(2026, 3, 8));
    await syncReminders(browser);
    const [options] = Object.values(shown());
    expect(options?.title).toBe('Annotation about to expire');
    expect(options?.message).toContain('中级社会工作者 (certificate Z2023110000001)');
    expect(options?.message).toContain('15 Mar 2026');
    expect(options?.buttons?.map((b) => b.title)).toEqual(['Open the CPTA website', 'Remind me tomorrow']);
  });

  test('follows the browser language when the setting is auto', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-GB');
    await seed([certificate()], [march15()]);
    at(local(2026, 3, 8));
    await syncReminders(browser);
    expect(Object.values(shown())[0]?.title).toBe('Annotation about to expire');
  });

  test('Firefox gets no buttons', async () => {
    const runtime = fakeBrowser.runtime as unknown as { getBrowserInfo?: () => Promise<{ name: string }> };
    runtime.getBrowserInfo = async () => ({ name: 'Firefox' });
    try {
      await seed([certificate()], [march15()]);
      at(local(2026, 3, 8));
      await syncReminders(browser);
      const [options] = Object.values(shown());
      expect(options?.title).toBe('加注即将到期');
      expect(options?.buttons).toBeUndefined();
    } finally {
      delete runtime.getBrowserInfo;
    }
  });

  test('several certificates due at once for one reason fold into one notification', async () => {
    const numbers = ['A1', 'A2', 'A3', 'A4', 'A5'];
    await seed(numbers.map((number) => certificate({ number })), numbers.map((n) => march15(n)));
    at(local(2026, 3, 8));
    await syncReminders(browser);
    const notes = Object.values(shown());
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('5 张证书的加注即将到期');
    expect(notes[0]!.message.split('\n')).toEqual([
      expect.stringContaining('证书编号 A1'),
      expect.stringContaining('证书编号 A2'),
      expect.stringContaining('证书编号 A3'),
      '另有 2 张证书',
    ]);
  });

  test('two syncs at the same moment still show a reminder once', async () => {
    await seed([certificate()], [march15()]);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    at(local(2026, 3, 8));
    await Promise.all([syncReminders(browser), syncReminders(browser), syncReminders(browser)]);
    expect(create).toHaveBeenCalledTimes(1);
    expect((await reminderLog()).map((e) => e.id)).toEqual(['expiring:m15-Z2023110000001:7']);
  });

  test('nothing is shown when reminders are turned off, but the badge stays', async () => {
    await seed([certificate()], [march15()], { remindersEnabled: false });
    at(local(2026, 3, 8));
    await syncReminders(browser);
    expect(shown()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });
});

describe('start-up catch-up', () => {
  test('a reminder that came due while the browser was closed is shown once at the next start', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 1, 12));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    // Closed from 1 March to the 14th at noon: both rungs passed; only the latest one is worth showing.
    at(local(2026, 3, 14, 12));
    await fakeBrowser.runtime.onStartup.trigger();
    const notes = Object.entries(shown());
    expect(notes).toHaveLength(1);
    expect(notes[0]![0]).toContain('expiring:m15-Z2023110000001:1');
    await fakeBrowser.runtime.onStartup.trigger();
    expect(Object.keys(shown())).toHaveLength(1);
  });

  test('an annotation recorded already inside a reminder window gets it at once', async () => {
    at(local(2026, 3, 13, 12));
    await syncReminders(browser);
    expect(shown()).toEqual({});
    await seed([certificate()], [march15()]);
    const result = await syncReminders(browser);
    expect(result.shown).toHaveLength(1);
    expect(Object.values(shown())[0]?.title).toBe('加注即将到期');
  });

  test('expired: the first morning after, with the quota position', async () => {
    await seed([certificate()], [march15()]);
    // An hour after the first reminder hour after the lapse, in this computer's zone.
    at(localHourOnOrAfter(validityEndsAt('2026-03-15'), 9) + 3_600_000);
    await syncReminders(browser);
    const [options] = Object.values(shown());
    expect(options?.title).toBe('加注已过期');
    expect(options?.message).toContain('已于 2026年3月15日 到期');
    // That moment is Beijing's 15th, 16th or 17th by zone: the application may have left the window.
    expect(options?.message).toMatch(/近 90 天已申请 [01] 次（最多 3 次），现在可以申请。/);
  });
});

describe('clicks', () => {
  async function showOne() {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 8));
    await syncReminders(browser);
    return Object.keys(shown())[0]!;
  }

  test('a click opens the portal in a new tab and puts the notification away', async () => {
    const id = await showOne();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(id);
    expect(create).toHaveBeenCalledWith({ url: 'http://www.cpta.com.cn/', active: true });
    expect(shown()).toEqual({});
  });

  test('a click brings an open portal tab forward instead of opening another', async () => {
    const id = await showOne();
    await fakeBrowser.tabs.create({ url: 'https://gwy.cpta.com.cn/' });
    const portal = await fakeBrowser.tabs.create({ url: 'http://zs.cpta.com.cn/certMng/loginPage.jsp?src=1' });
    await fakeBrowser.tabs.create({ url: 'https://example.org/cpta.com.cn' });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    await fakeBrowser.notifications.onButtonClicked.trigger(id, 0);
    expect(create).not.toHaveBeenCalled();
    expect(update).toHaveBeenCalledWith(portal.id, { active: true });
  });

  test('a click on someone else\'s notification is ignored', async () => {
    await showOne();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger('other-feature');
    expect(create).not.toHaveBeenCalled();
  });

  test('"remind me tomorrow" shows it again the next morning, once', async () => {
    const id = await showOne();
    at(local(2026, 3, 8, 9, 5));
    await fakeBrowser.notifications.onButtonClicked.trigger(id, BUTTON_REMIND_TOMORROW);
    expect(shown()).toEqual({});
    expect(await reminderLog()).toEqual([{ id: 'expiring:m15-Z2023110000001:7', shownAt: local(2026, 3, 8), snoozedUntil: local(2026, 3, 9) }]);
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(local(2026, 3, 9));

    at(local(2026, 3, 8, 20));
    await fireAlarm(SCAN_ALARM);
    expect(shown()).toEqual({});

    at(local(2026, 3, 9));
    await fireAlarm();
    const again = Object.entries(shown());
    expect(again).toHaveLength(1);
    expect(again[0]![0]).not.toBe(id);
    expect(again[0]![1].title).toBe('加注即将到期');
    await fireAlarm();
    expect(Object.keys(shown())).toHaveLength(1);
    expect(await reminderLog()).toEqual([{ id: 'expiring:m15-Z2023110000001:7', shownAt: local(2026, 3, 9) }]);
  });
});

describe('the toolbar badge', () => {
  test('no badge when nothing needs action', async () => {
    await seed([certificate()], [march15()]);
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('电子证书加注助手：没有需要处理的证书');
  });

  test('counts certificates needing action, coloured by the most urgent, with a tooltip saying what', async () => {
    await seed(
      [certificate({ number: 'E1' }), certificate({ number: 'X1' })],
      [march15('E1'), seenValid({ id: 'x', certificateNumber: 'X1', validFrom: '2025-12-01', validUntil: '2026-02-27', seenAt: bj('2026-01-01') })],
    );
    at(local(2026, 3, 8, 12));
    await syncReminders(browser);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb3, 0x26, 0x1e, 255]);
    expect(await fakeBrowser.action.getBadgeTextColor({})).toBe('#FFFFFF');
    expect(await fakeBrowser.action.getTitle({})).toBe('电子证书加注助手：2 张证书需要处理（1 张即将到期，1 张已过期）');
  });

  test('orange while only expiring, and it follows the clock through an alarm', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 1, 12));
    await syncReminders(browser);
    at(local(2026, 3, 8));
    await fireAlarm();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    const hex = BADGE_COLORS.expiring.slice(1);
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(255));
  });
});

describe('claimed, shown, then confirmed', () => {
  test('a notification the browser refuses is not marked shown, and comes at the next sync', async () => {
    await seed([certificate()], [march15()]);
    at(local(2026, 3, 8, 10));
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValueOnce(new Error('refused')).mockRejectedValueOnce(new Error('refused'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await syncReminders(browser)).shown).toEqual([]);
    expect(create).toHaveBeenCalled();
    expect(await reminderLog()).toEqual([]);
    at(local(2026, 3, 8, 10, 30));
    const next = await syncReminders(browser);
    expect(next.shown).toHaveLength(1);
    expect(await reminderLog()).toEqual([{ id: 'expiring:m15-Z2023110000001:7', shownAt: local(2026, 3, 8, 10, 30) }]);
    // Shown once: the sync after that shows nothing.
    expect((await syncReminders(browser)).shown).toEqual([]);
  });

  test('a snoozed reminder whose showing fails stays snoozed, to be tried again', async () => {
    await seed([certificate()], [march15()]);
    registerReminders(browser);
    at(local(2026, 3, 8, 10));
    const [id] = (await syncReminders(browser)).shown;
    await fakeBrowser.notifications.onButtonClicked.trigger(id!, BUTTON_REMIND_TOMORROW);
    await new Promise((r) => setTimeout(r, 0));
    const snoozed = await reminderLog();
    expect(snoozed[0]?.snoozedUntil).toBe(local(2026, 3, 9));
    at(local(2026, 3, 9, 9, 1));
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('refused'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await syncReminders(browser)).shown).toEqual([]);
    expect(await reminderLog()).toEqual(snoozed);
  });

  test('a sync that died between claiming and confirming holds the reminder back only for its lease', async () => {
    await seed([certificate()], [march15()]);
    const t = local(2026, 3, 8, 10);
    const db = await openDatabase();
    await db.put('reminderLog', { id: 'expiring:m15-Z2023110000001:7', shownAt: t, pendingUntil: t + CLAIM_LEASE_MS });
    db.close();
    at(t + 1_000);
    expect((await syncReminders(browser)).shown).toEqual([]);
    at(t + CLAIM_LEASE_MS + 1);
    expect((await syncReminders(browser)).shown).toHaveLength(1);
  });

  test('notifications blocked by the holder: nothing shown, nothing marked; they come once allowed', async () => {
    await seed([certificate()], [march15()]);
    at(local(2026, 3, 8, 10));
    const level = vi.fn(async () => 'denied');
    (fakeBrowser.notifications as { getPermissionLevel?: () => Promise<string> }).getPermissionLevel = level;
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    expect((await syncReminders(browser)).shown).toEqual([]);
    expect(level).toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    expect(await reminderLog()).toEqual([]);
    level.mockResolvedValue('granted');
    expect((await syncReminders(browser)).shown).toHaveLength(1);
  });
});
