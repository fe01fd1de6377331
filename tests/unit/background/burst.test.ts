// A page (or a renderer it took over) sending forged readings as fast as it can: the
// background records a handful and shows one notification, with the real reminder sync.
import { deleteDB } from 'idb';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { registerMessageRouter } from '../../../lib/background/router';
import type { ExtensionBrowser } from '../../../lib/background/start';
import { DB_NAME, openDatabase } from '../../../lib/storage/db';
import { loadSnapshot, updateSettings } from '../../../lib/storage/records';
import { addDays, beijingDateAt } from '../../../lib/dates/beijing';
import { READINGS_PER_TAB } from '../../../lib/background/rate';

const browser = fakeBrowser as unknown as ExtensionBrowser;
const fromTab: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://zs.cpta.com.cn/certMng/main.jsp',
  tab: { id: 7 } as Browser.tabs.Tab,
  frameId: 0,
};

beforeEach(async () => {
  await deleteDB(DB_NAME);
  // Noon local time: today's 09:00 rung of a reminder is already due.
  const noon = new Date();
  noon.setHours(12, 0, 0, 0);
  vi.useFakeTimers({ now: noon.getTime(), toFake: ['Date'] });
  const db = await openDatabase();
  await updateSettings(db, { rememberPages: true });
  db.close();
  registerMessageRouter(browser);
});
afterEach(() => {
  vi.useRealTimers();
});

test('100 forged readings in a burst: at most a handful of records and one notification', async () => {
  const create = vi.spyOn(fakeBrowser.notifications, 'create');
  const tomorrow = addDays(beijingDateAt(Date.now()), 1);
  const forged = Array.from({ length: 100 }, (_, i) => ({
    type: 'portal/annotation-seen',
    reading: { certificateNumber: `FORGED-${i}`, state: 'valid', validFrom: addDays(tomorrow, -60), validUntil: tomorrow },
  }));
  await Promise.all(forged.map((m) => fakeBrowser.runtime.onMessage.trigger(m, fromTab, () => undefined)));
  const db = await openDatabase();
  const snap = await loadSnapshot(db);
  db.close();
  expect(snap.annotations.length).toBeGreaterThan(0);
  expect(snap.annotations.length).toBeLessThanOrEqual(READINGS_PER_TAB.capacity);
  expect(create).toHaveBeenCalledTimes(1);
});
