// The popup's first read, started before the rest of its code is loaded: IndexedDB works
// while the browser parses and runs the bundle (zod, Preact, the views). Only idb and the
// schema of the database are needed here; the records are checked later, by
// checkSnapshot() in lib/storage/records.ts, exactly as loadSnapshot() does.
import { openDatabase, requestPersistence, type Database } from '../storage/db';
import type { RawSnapshot } from '../storage/records';

export interface EarlyRead {
  db: Database;
  raw: RawSnapshot;
}

/** The same stores in one transaction as loadSnapshot(). */
export async function readPopupRecords(): Promise<EarlyRead> {
  void requestPersistence();
  const db = await openDatabase();
  const tx = db.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readonly');
  // A failed request is reported by Promise.all below; done's own rejection is expected then.
  tx.done.catch(() => undefined);
  const [certificates, annotations, settings, reminderLog] = await Promise.all([
    tx.objectStore('certificates').getAll(),
    tx.objectStore('annotations').getAll(),
    tx.objectStore('settings').get('settings'),
    tx.objectStore('reminderLog').getAll(),
  ]);
  await tx.done;
  return { db, raw: { certificates, annotations, settings, reminderLog } };
}
