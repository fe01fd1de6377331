// What the device keeps and what a backup carries: every export imports again, even at
// the largest stores the device allows; the reminder log is pruned; a snooze is bounded;
// annotations merge by what they are; deletions stay deleted unless the holder asks.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../../lib/storage/db';
import { BACKUP_MAX_BYTES, exportBackup, importBackup, parseBackup, describeImportResult, type ImportResult } from '../../../lib/storage/backup';
import { LOG_KEEP_MS, MAX_ANNOTATIONS, MAX_CERTIFICATES, MAX_LOG_ENTRIES, MAX_SNOOZE_MS, StoreFullError } from '../../../lib/storage/limits';
import { deleteAnnotation, deleteCertificate, loadSnapshot, pruneStored, putRecords, putReminderLog, restoreRemoved } from '../../../lib/storage/records';
import { quotaOn } from '../../../lib/model/quota';
import { addDays } from '../../../lib/dates/beijing';
import { annotation, beijingInstant, certificate } from '../model/fixtures';
import { dropDb, freshDb } from './helpers';

const NOW = beijingInstant('2026-06-01', 12);
const T0 = beijingInstant('2026-05-01', 12);

let db: Database;
beforeEach(async () => {
  db = await freshDb('limits');
});
afterEach(async () => {
  await dropDb(db);
});

function ok(r: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.problems)}`);
  return r;
}

/** Another device's export, holding these records. */
async function exportOf(fill: (other: Database) => Promise<void>): Promise<string> {
  const other = await freshDb('other-device');
  try {
    await fill(other);
    return await exportBackup(other, NOW);
  } finally {
    await dropDb(other);
  }
}

describe('every export imports again', () => {
  test('at the largest stores the device allows (1,000 certificates, 20,000 annotations, 20,000 log entries)', async () => {
    const certs = Array.from({ length: MAX_CERTIFICATES }, (_, i) => certificate(`C-${String(i).padStart(4, '0')}`, { updatedAt: T0, createdAt: T0 }));
    const anns = Array.from({ length: MAX_ANNOTATIONS }, (_, i) =>
      annotation(`C-${String(i % MAX_CERTIFICATES).padStart(4, '0')}`, addDays('2020-01-01', Math.floor(i / MAX_CERTIFICATES) * 91), 90, 'expired', { id: `ann-${i}`, updatedAt: T0 }),
    );
    await putRecords(db, certs, anns);
    await putReminderLog(db, Array.from({ length: MAX_LOG_ENTRIES }, (_, i) => ({ id: `expiring:ann-${i}:7`, shownAt: NOW - i * 1000 })));
    // The device is full: one more is refused, replacing one is not.
    await expect(putRecords(db, [certificate('C-extra')], [])).rejects.toBeInstanceOf(StoreFullError);
    await expect(putRecords(db, [], [annotation('C-0001', '2026-05-01', 90, 'valid', { id: 'ann-extra' })])).rejects.toBeInstanceOf(StoreFullError);
    await putRecords(db, [certificate('C-0001', { updatedAt: NOW, createdAt: T0 })], []);

    const text = await exportBackup(db, NOW);
    expect(text.length).toBeLessThanOrEqual(BACKUP_MAX_BYTES);
    const parsed = parseBackup(text, NOW);
    expect(parsed.ok).toBe(true);
    // And into a device that has it all already: nothing changes, nothing overflows.
    const again = ok(await importBackup(db, text, NOW));
    expect(again.annotations).toEqual({ added: 0, updated: 0, kept: MAX_ANNOTATIONS });
  }, 120_000);

  test('an import that would overfill the device changes nothing and says why', async () => {
    const text = await exportOf((other) => putRecords(other, [certificate('X-1', { updatedAt: T0, createdAt: T0 })], []));
    await putRecords(db, Array.from({ length: MAX_CERTIFICATES }, (_, i) => certificate(`C-${i}`)), []);
    const r = await importBackup(db, text, NOW);
    expect(r).toEqual({ ok: false, problems: [{ key: 'store_full', params: { limit: MAX_CERTIFICATES } }] });
    expect((await loadSnapshot(db)).certificates).toHaveLength(MAX_CERTIFICATES);
  }, 60_000);
});

describe('the reminder log is pruned', () => {
  test('entries about moments older than the keeping time go; a recent snooze stays', async () => {
    await putReminderLog(db, [
      { id: 'expired:old', shownAt: NOW - LOG_KEEP_MS - 1 },
      { id: 'expired:recent', shownAt: NOW - 86_400_000 },
      { id: 'expiring:snoozed:7', shownAt: NOW - 3_600_000, snoozedUntil: NOW + 3_600_000 },
    ]);
    expect(await pruneStored(db, NOW)).toBe(1);
    expect((await loadSnapshot(db)).reminderLog.map((e) => e.id).sort()).toEqual(['expired:recent', 'expiring:snoozed:7']);
  });
});

describe('a snooze is bounded', () => {
  test('a backup whose snoozedUntil silences a reminder for years is refused, naming the place', async () => {
    const text = await exportOf((other) => putReminderLog(other, [{ id: 'expiring:a:7', shownAt: T0 }]));
    const data = JSON.parse(text);
    data.reminderLog[0].snoozedUntil = T0 + 10 * 365 * 86_400_000;
    const r = await importBackup(db, JSON.stringify(data), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ params: { path: 'reminderLog[0].snoozedUntil' } });
    data.reminderLog[0].snoozedUntil = T0 + MAX_SNOOZE_MS;
    expect((await importBackup(db, JSON.stringify(data), NOW)).ok).toBe(true);
  });
});

describe('annotations merge by what they are', () => {
  test('the same application recorded on two devices (different ids) stays one: the quota counts it once', async () => {
    const here = annotation('A-1', '2026-04-10', 90, 'generating', { id: 'here-id', updatedAt: T0 });
    await putRecords(db, [certificate('A-1')], [here]);
    const text = await exportOf(async (other) => {
      await putRecords(other, [certificate('A-1')], [
        annotation('A-1', '2026-04-10', 90, 'valid', { id: 'there-id', updatedAt: T0 + 1000 }),
        annotation('A-1', '2026-05-02', 30, 'valid', { id: 'there-2', updatedAt: T0 }),
      ]);
      await putReminderLog(other, [{ id: 'expiring:there-id:7', shownAt: T0 }]);
    });
    const r = ok(await importBackup(db, text, NOW));
    expect(r.annotations).toEqual({ added: 1, updated: 1, kept: 0 });
    const snap = await loadSnapshot(db);
    expect(snap.annotations.map((a) => [a.id, a.state]).sort()).toEqual([
      ['here-id', 'valid'],
      ['there-2', 'valid'],
    ]);
    expect(quotaOn(snap.annotations, 'A-1', '2026-05-10').used).toBe(2);
    expect(snap.reminderLog.map((e) => e.id)).toEqual(['expiring:here-id:7']);
    // Importing the same file again: nothing new.
    expect(ok(await importBackup(db, text, NOW)).annotations.added).toBe(0);
  });
});

describe('deletions are remembered', () => {
  async function backupOfTwo() {
    return exportOf((other) =>
      putRecords(other, [certificate('A-1', { updatedAt: T0, createdAt: T0 }), certificate('B-2', { updatedAt: T0, createdAt: T0 })], [
        annotation('A-1', '2026-04-10', 90, 'valid', { id: 'ann-a', updatedAt: T0 }),
        annotation('B-2', '2026-04-11', 60, 'valid', { id: 'ann-b', updatedAt: T0 }),
      ]),
    );
  }

  test('an import does not bring back what the holder deleted here; asked to, it does', async () => {
    const text = await backupOfTwo();
    ok(await importBackup(db, text, NOW));
    await deleteCertificate(db, 'B-2', NOW);
    await deleteAnnotation(db, 'ann-a', NOW);
    const r = ok(await importBackup(db, text, NOW));
    expect(r.stillDeleted).toBe(3);
    expect(describeImportResult(r, 'zh_CN')).toContain('有 3 条记录在本机已删除，没有恢复');
    let snap = await loadSnapshot(db);
    expect(snap.certificates.map((c) => c.number)).toEqual(['A-1']);
    expect(snap.annotations).toEqual([]);

    const restored = ok(await importBackup(db, text, NOW, { restoreDeleted: true }));
    expect(restored.stillDeleted).toBe(0);
    snap = await loadSnapshot(db);
    expect(snap.certificates.map((c) => c.number).sort()).toEqual(['A-1', 'B-2']);
    expect(snap.annotations.map((a) => a.id).sort()).toEqual(['ann-a', 'ann-b']);
  });

  test('a record changed after it was deleted here comes back; an undone delete is forgotten', async () => {
    const text = await backupOfTwo();
    ok(await importBackup(db, text, NOW));
    const removed = await deleteCertificate(db, 'A-1', T0 - 1);
    expect(ok(await importBackup(db, text, NOW)).stillDeleted).toBe(0);
    await deleteCertificate(db, 'B-2', NOW);
    await restoreRemoved(db, await deleteCertificate(db, 'A-1', NOW));
    expect(removed.certificates).toHaveLength(1);
    const r = ok(await importBackup(db, text, NOW));
    expect(r.stillDeleted).toBe(2);
    expect((await loadSnapshot(db)).certificates.map((c) => c.number)).toEqual(['A-1']);
  });
});
