import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Annotation } from '../../../lib/model/annotation';
import { DEFAULT_SETTINGS, type ReminderLogEntry } from '../../../lib/model/settings';
import type { Database } from '../../../lib/storage/db';
import {
  InvalidRecordError,
  annotationsOf,
  clearAll,
  deleteAnnotation,
  deleteCertificate,
  getSettings,
  loadSnapshot,
  putAnnotation,
  putCertificate,
  putRecords,
  putReminderLog,
  restoreRemoved,
  updateSettings,
} from '../../../lib/storage/records';
import { annotation, certificate } from '../model/fixtures';
import { dropDb, dumpDb, freshDb } from './helpers';

let db: Database;
beforeEach(async () => {
  db = await freshDb('records');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDb(db);
});

const CERT_A = 'A-0001';
const CERT_B = 'B-0002';

async function seed() {
  const certs = [certificate(CERT_A), certificate(CERT_B)];
  const anns = [annotation(CERT_A, '2026-01-10', 90), annotation(CERT_A, '2026-04-10', 30, 'generating'), annotation(CERT_B, '2026-02-01', 60)];
  await putRecords(db, certs, anns);
  await putReminderLog(db, [{ id: 'expiring:x:7', shownAt: 1_700_000_000_000 }]);
  await updateSettings(db, { language: 'en' });
  return { certs, anns };
}

/** Runs `act`, which must throw InvalidRecordError, and proves the database did not change. */
async function refusedWithoutChange(act: () => Promise<unknown>, kind: string, mention: RegExp) {
  const before = await dumpDb(db);
  const error = await act().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidRecordError);
  expect((error as InvalidRecordError).kind).toBe(kind);
  expect((error as InvalidRecordError).problems.join('\n')).toMatch(mention);
  expect(await dumpDb(db)).toBe(before);
}

describe('validated writes', () => {
  test('valid records round-trip, trimmed by the schema', async () => {
    const { certs, anns } = await seed();
    await putCertificate(db, certificate('  C-0003  ', { holderName: ' 张三 ' }));
    const snap = await loadSnapshot(db);
    expect(snap.damaged).toBe(0);
    expect(snap.certificates.map((c) => c.number).sort()).toEqual([CERT_A, CERT_B, 'C-0003']);
    expect(snap.certificates.find((c) => c.number === 'C-0003')?.holderName).toBe('张三');
    expect(snap.annotations).toEqual(expect.arrayContaining(anns));
    expect(snap.annotations).toHaveLength(anns.length);
    expect(snap.certificates).toEqual(expect.arrayContaining(certs));
    expect(snap.settings).toEqual({ ...DEFAULT_SETTINGS, language: 'en' });
    expect(snap.reminderLog).toEqual([{ id: 'expiring:x:7', shownAt: 1_700_000_000_000 }]);
  });

  test('an invalid certificate is refused, says why, and changes nothing', async () => {
    await seed();
    await refusedWithoutChange(() => putCertificate(db, certificate(CERT_A, { status: 'lost' as never })), 'certificate', /status/);
    await refusedWithoutChange(() => putCertificate(db, certificate('   ')), 'certificate', /number/);
    await refusedWithoutChange(() => putCertificate(db, { ...certificate(CERT_A), extra: 1 } as never), 'certificate', /extra/);
  });

  test('an annotation with an impossible date, validity over 90 days or dates in the wrong order is refused', async () => {
    await seed();
    const base = annotation(CERT_A, '2026-01-10', 90);
    await refusedWithoutChange(
      () => putAnnotation(db, { ...base, validUntil: { date: '2026-02-30', source: 'portal' } }),
      'annotation',
      /validUntil\.date: not a real calendar date/,
    );
    await refusedWithoutChange(() => putAnnotation(db, { ...base, validityDays: 91 }), 'annotation', /validityDays/);
    await refusedWithoutChange(
      () => putAnnotation(db, { ...base, validFrom: { date: '2026-05-01', source: 'portal' }, validUntil: { date: '2026-04-30', source: 'portal' } }),
      'annotation',
      /validUntil is before validFrom/,
    );
  });

  test('an invalid settings patch is refused and the settings stay', async () => {
    await seed();
    await refusedWithoutChange(() => updateSettings(db, { reminderHour: 24 }), 'settings', /reminderHour/);
    expect((await getSettings(db)).language).toBe('en');
  });

  test('a reminder log batch with one bad entry writes none of it', async () => {
    await seed();
    const good: ReminderLogEntry = { id: 'ready:y', shownAt: 1 };
    await refusedWithoutChange(() => putReminderLog(db, [good, { id: '', shownAt: 2 }]), 'reminder log', /id/);
  });

  test('putRecords with one invalid record among valid ones writes nothing', async () => {
    await seed();
    const goodCert = certificate('C-0003');
    const goodAnn = annotation('C-0003', '2026-03-01', 10);
    const badAnn = { ...annotation('C-0003', '2026-03-02', 10), state: 'lost' } as unknown as Annotation;
    await refusedWithoutChange(() => putRecords(db, [goodCert], [goodAnn, badAnn]), 'annotation', /state/);
    const badCert = certificate('C-0004', { createdAt: -1 });
    await refusedWithoutChange(() => putRecords(db, [goodCert, badCert], [goodAnn]), 'certificate', /createdAt/);
  });
});

describe('validated reads', () => {
  test('a damaged record in the database is left out of the snapshot, counted, and left in place', async () => {
    const { anns } = await seed();
    // Written around the validation, as an older version or a bug might have.
    await db.put('certificates', { number: 'BROKEN', qualification: '' } as never);
    await db.put('annotations', { ...anns[0]!, id: 'broken-ann', validityDays: 500 });
    await db.put('reminderLog', { id: 'broken-log', shownAt: 'yesterday' } as never);
    const snap = await loadSnapshot(db);
    expect(snap.damaged).toBe(3);
    expect(snap.certificates.map((c) => c.number).sort()).toEqual([CERT_A, CERT_B]);
    expect(snap.annotations.map((a) => a.id)).not.toContain('broken-ann');
    expect(snap.annotations).toHaveLength(3);
    expect(snap.reminderLog.map((e) => e.id)).toEqual(['expiring:x:7']);
    expect(await db.get('certificates', 'BROKEN')).toBeDefined();
    expect(await db.get('annotations', 'broken-ann')).toBeDefined();
    expect((await annotationsOf(db, CERT_A)).map((a) => a.id).sort()).toEqual([anns[0]!.id, anns[1]!.id].sort());
  });
});

describe('settings', () => {
  test('nothing stored: the defaults', async () => {
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  test('missing and damaged fields take their default one by one; the user\u2019s good choices stay', async () => {
    await db.put('settings', { language: 'en', reminderHour: 99, quotaReminder: false, retired: true } as never, 'settings');
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, language: 'en', quotaReminder: false });
    expect((await loadSnapshot(db)).settings).toEqual({ ...DEFAULT_SETTINGS, language: 'en', quotaReminder: false });
  });

  test('an update over damaged stored settings repairs them and keeps the good fields', async () => {
    await db.put('settings', { language: 'en', expiryLadderDays: 'weekly' } as never, 'settings');
    const next = await updateSettings(db, { reminderHour: 20 });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, language: 'en', reminderHour: 20 });
    expect(await db.get('settings', 'settings')).toEqual(next);
  });
});

describe('all or nothing', () => {
  /**
   * Kills the transaction just after the second request of `method` has landed: with one
   * transaction nothing stays; with one per record the first would already be committed.
   */
  function killAfterSecond(method: 'put' | 'delete') {
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => IDBRequest>;
    const original = proto[method]!;
    let calls = 0;
    vi.spyOn(proto, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      if (++calls === 2) request.addEventListener('success', () => this.transaction.abort());
      return request;
    });
  }

  test('putRecords killed after its second write leaves the old state, not a mix', async () => {
    await seed();
    const before = await dumpDb(db);
    killAfterSecond('put');
    const newCert = certificate('C-0003');
    const changed = { ...certificate(CERT_A), qualification: '经济', updatedAt: 1_800_000_000_000 };
    const anns = [annotation('C-0003', '2026-03-01', 10), annotation('C-0003', '2026-03-05', 10)];
    await expect(putRecords(db, [newCert, changed], anns)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await dumpDb(db)).toBe(before);
  });

  test('deleteCertificate killed after its second delete leaves the certificate and every annotation', async () => {
    await seed();
    const before = await dumpDb(db);
    killAfterSecond('delete');
    await expect(deleteCertificate(db, CERT_A)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await dumpDb(db)).toBe(before);
  });
});

describe('delete and undo', () => {
  test('deleteCertificate removes it with its annotations only, and restoreRemoved brings back exactly that', async () => {
    await seed();
    const before = await dumpDb(db);
    const removed = await deleteCertificate(db, CERT_A);
    expect(removed.certificates.map((c) => c.number)).toEqual([CERT_A]);
    expect(removed.annotations).toHaveLength(2);
    const after = await loadSnapshot(db);
    expect(after.certificates.map((c) => c.number)).toEqual([CERT_B]);
    expect(after.annotations.map((a) => a.certificateNumber)).toEqual([CERT_B]);
    await restoreRemoved(db, removed);
    expect(await dumpDb(db)).toBe(before);
  });

  test('deleteAnnotation and its undo', async () => {
    const { anns } = await seed();
    const before = await dumpDb(db);
    const removed = await deleteAnnotation(db, anns[1]!.id);
    expect(removed).toEqual({ certificates: [], annotations: [anns[1]] });
    expect((await loadSnapshot(db)).annotations.map((a) => a.id)).not.toContain(anns[1]!.id);
    await restoreRemoved(db, removed);
    expect(await dumpDb(db)).toBe(before);
  });

  test('deleting what is not there removes nothing and says so', async () => {
    await seed();
    const before = await dumpDb(db);
    expect(await deleteCertificate(db, 'NOPE')).toEqual({ certificates: [], annotations: [] });
    expect(await deleteAnnotation(db, 'nope')).toEqual({ certificates: [], annotations: [] });
    expect(await dumpDb(db)).toBe(before);
  });

  test('clearAll empties every store', async () => {
    await seed();
    await clearAll(db);
    const snap = await loadSnapshot(db);
    expect(snap).toEqual({ certificates: [], annotations: [], settings: DEFAULT_SETTINGS, reminderLog: [], damaged: 0 });
    expect(await db.count('settings')).toBe(0);
  });
});
