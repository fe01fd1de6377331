// Records for the popup and options end-to-end tests, relative to the real clock (the
// browser's), written straight into the extension's IndexedDB from one of its pages.
import type { Page } from 'playwright-core';
import { addDays, beijingDateAt, startOfBeijingDay } from '../../lib/dates/beijing';
import type { Annotation } from '../../lib/model/annotation';
import type { Certificate } from '../../lib/model/certificate';
import type { Settings } from '../../lib/model/settings';

const HOUR = 3_600_000;

export function seedRecords(now = Date.now()): { certificates: Certificate[]; annotations: Annotation[] } {
  const today = beijingDateAt(now);
  const cert = (number: string, qualification: string, level: string | undefined, extra: Partial<Certificate> = {}): Certificate => ({
    number,
    qualification,
    ...(level ? { level } : {}),
    approvalDate: '2023-06-01',
    status: 'valid',
    source: 'portal',
    createdAt: now - 40 * 24 * HOUR,
    updatedAt: now - 40 * 24 * HOUR,
    ...extra,
  });
  const ann = (id: string, number: string, appliedDaysAgo: number, extra: Partial<Annotation> = {}): Annotation => {
    const day = addDays(today, -appliedDaysAgo);
    const appliedAt = startOfBeijingDay(day) + 10 * HOUR;
    return {
      id,
      certificateNumber: number,
      appliedAt,
      appliedAtEstimated: false,
      validityDays: 90,
      scenario: '本人调用',
      state: 'valid',
      validFrom: { date: day, source: 'portal' },
      validUntil: { date: addDays(day, 89), source: 'portal' },
      source: 'portal',
      updatedAt: appliedAt + 24 * HOUR,
      ...extra,
    };
  };
  const generatingAt = now - 2 * HOUR;
  return {
    certificates: [
      cert('SW-2023-00118', '社会工作者', '中级'),
      cert('JZ-2024-00277', '一级建造师', undefined),
      cert('JJ-2022-00342', '经济专业技术资格', '中级'),
      cert('YH-2019-00455', '银行业专业人员', '初级', { approvalDate: '2019-11-02' }),
      cert('TJ-2022-00561', '统计专业技术资格', '初级', { status: 'withdrawn' }),
      cert('ZJ-2025-00613', '一级造价工程师', undefined, { approvalDate: '2025-03-15', source: 'manual' }),
    ],
    annotations: [
      ann('seed-valid', 'SW-2023-00118', 20),
      ann('seed-gen', 'JZ-2024-00277', 0, {
        appliedAt: generatingAt,
        state: 'generating',
        validFrom: { date: beijingDateAt(generatingAt), source: 'estimated' },
        validUntil: { date: addDays(beijingDateAt(generatingAt), 89), source: 'estimated' },
        updatedAt: generatingAt,
      }),
      ann('seed-exp-1', 'JJ-2022-00342', 95),
      ann('seed-exp-2', 'JJ-2022-00342', 180),
      ann('seed-withdrawn', 'TJ-2022-00561', 30),
    ],
  };
}

/**
 * A certificate whose qualification is markup, entered by hand: the popup must show it as
 * text. Kept out of seedRecords, whose records make the README's screenshots.
 */
export function markupCertificate(now = Date.now()): Certificate {
  return { number: 'XSS-0001', qualification: '<img src=x onerror=alert(1)>', approvalDate: '2023-06-01', status: 'valid', source: 'manual', createdAt: now, updatedAt: now };
}

/** Writes records (and optionally settings) into the extension's database from an extension page. */
export async function seed(page: Page, data: { certificates: Certificate[]; annotations: Annotation[]; settings?: Partial<Settings> }): Promise<void> {
  await page.evaluate(async (d) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['certificates', 'annotations', 'settings'], 'readwrite');
    for (const c of d.certificates) tx.objectStore('certificates').put(c);
    for (const a of d.annotations) tx.objectStore('annotations').put(a);
    if (d.settings) {
      const store = tx.objectStore('settings');
      const get = store.get('settings');
      get.onsuccess = () => store.put({ ...(get.result ?? {}), ...d.settings }, 'settings');
    }
    await new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, data);
}

/** Everything in the extension's database, for before/after comparisons. */
export async function dump(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('cpta-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
      });
    }
    db.close();
    return out;
  });
}
