import { openDB } from 'idb';
import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { DB_VERSION, MIGRATIONS, openDatabase, type AssistantDB } from '../../../lib/storage/db';
import { loadSnapshot } from '../../../lib/storage/records';
import { annotation, beijingInstant, certificate } from '../model/fixtures';
import { dropDb } from './helpers';

test('a database written in the version-1 shape opens at the current version with every record and the new index', async () => {
  expect(DB_VERSION).toBe(3);
  const name = `migration-${Math.random().toString(36).slice(2)}`;

  // Version 1, as the first release created it: only the first migration ran.
  const v1 = await openDB<AssistantDB>(name, 1, {
    upgrade(db, oldVersion, _newVersion, tx) {
      expect(oldVersion).toBe(0);
      MIGRATIONS[0]!(db, tx);
    },
  });
  expect([...v1.transaction('annotations').store.indexNames]).toEqual(['byCertificate']);
  const certs = [certificate('M-1'), certificate('M-2', { approvalDate: '2020-05-01', qualification: '税务师' })];
  const anns = [
    annotation('M-1', '2026-01-05', 90),
    annotation('M-1', '2026-02-20', 30, 'expired'),
    annotation('M-2', '2026-03-01', 10, 'generating'),
  ];
  const settings = { ...DEFAULT_SETTINGS, language: 'en' as const, reminderHour: 8 };
  const log = [{ id: 'expiring:M-1:7', shownAt: 1_767_000_000_000 }];
  const tx = v1.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readwrite');
  for (const c of certs) await tx.objectStore('certificates').put(c);
  for (const a of anns) await tx.objectStore('annotations').put(a);
  await tx.objectStore('settings').put(settings, 'settings');
  for (const e of log) await tx.objectStore('reminderLog').put(e);
  await tx.done;
  v1.close();

  const db = await openDatabase(name);
  try {
    expect(db.version).toBe(DB_VERSION);
    const snap = await loadSnapshot(db);
    expect(snap.damaged).toBe(0);
    expect(snap.certificates).toEqual(expect.arrayContaining(certs));
    expect(snap.certificates).toHaveLength(certs.length);
    expect(snap.annotations).toEqual(expect.arrayContaining(anns));
    expect(snap.annotations).toHaveLength(anns.length);
    expect(snap.settings).toEqual(settings);
    expect(snap.reminderLog).toEqual(log);

    // Migration 2 -> 3: deletions are remembered, starting with none.
    expect(await db.getAll('tombstones')).toEqual([]);
    // The index added by migration 1 -> 2 covers the records written before it existed.
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(['byAppliedAt', 'byCertificate']);
    const inFebruaryOn = await db.getAllFromIndex(
      'annotations',
      'byAppliedAt',
      IDBKeyRange.lowerBound(beijingInstant('2026-02-01', 0)),
    );
    expect(inFebruaryOn.map((a) => a.id)).toEqual([anns[1]!.id, anns[2]!.id]);
    expect((await db.getAllFromIndex('annotations', 'byCertificate', 'M-1')).map((a) => a.id).sort()).toEqual(
      [anns[0]!.id, anns[1]!.id].sort(),
    );
  } finally {
    await dropDb(db);
  }
});

test('a new database gets every migration in order', async () => {
  const name = `fresh-${Math.random().toString(36).slice(2)}`;
  const db = await openDatabase(name);
  try {
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'certificates', 'reminderLog', 'settings', 'tombstones']);
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(['byAppliedAt', 'byCertificate']);
  } finally {
    await dropDb(db);
  }
});
