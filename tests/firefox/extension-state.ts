// What the extension keeps, read from one of its own pages in Firefox (same origin as the
// event page): its IndexedDB, its alarms, its notifications.
import type { Page } from 'puppeteer-core';
import { inExtension, type LaunchedFirefox } from './firefox';

export interface Stored {
  certificates: { number: string; qualification: string; status: string; approvalDate?: string; source: string }[];
  annotations: { certificateNumber: string; state: string; validityDays: number; appliedAt: number; appliedAtEstimated: boolean; validUntil: { date: string; source: string } }[];
  reminderLog: unknown[];
  settings: { rememberPages: boolean | null } | null;
}

/** The extension's database (never created by this read). */
export function stored(f: LaunchedFirefox, page: Page): Promise<Stored> {
  return inExtension(f, page, async () => {
    const empty = { certificates: [], annotations: [], reminderLog: [], settings: null };
    if (!(await indexedDB.databases()).some((d) => d.name === 'cpta-assistant')) return empty;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((ok, fail) => {
        if (!db.objectStoreNames.contains(store)) return ok([]);
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const out = { certificates: await all('certificates'), annotations: await all('annotations'), reminderLog: await all('reminderLog'), settings: (await all('settings'))[0] ?? null };
    db.close();
    return out as never;
  });
}

export interface Alarm {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

export function alarms(f: LaunchedFirefox, page: Page): Promise<Alarm[]> {
  return inExtension(f, page, async () => {
    const list = (await (globalThis as any).browser.alarms.getAll()) as Alarm[];
    return list.map((a) => ({ name: a.name, scheduledTime: a.scheduledTime, periodInMinutes: a.periodInMinutes })).sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** The extension's notifications still shown, with the options each was created with. */
export function notifications(f: LaunchedFirefox, page: Page): Promise<Record<string, Record<string, unknown>>> {
  return inExtension(f, page, () => (globalThis as any).browser.notifications.getAll() as Promise<Record<string, Record<string, unknown>>>);
}

/** Sends a message to the background as the extension's own pages do. */
export function send(f: LaunchedFirefox, page: Page, message: unknown): Promise<any> {
  return inExtension(f, page, (m) => (globalThis as any).browser.runtime.sendMessage(m), message);
}
