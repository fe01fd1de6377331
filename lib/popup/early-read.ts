// The popup's first read, started before the rest of its code is loaded: IndexedDB works
// while the browser parses and runs the bundle (zod, Preact, the views). Only idb and the
// schema of the database are needed here; the records are checked later, by
// checkSnapshot() in lib/storage/records.ts, exactly as loadSnapshot() does.
import { openDatabase, requestPersistence, type Database } from '../storage/db';
import { readRawSnapshot, type RawSnapshot } from '../storage/raw';

export interface EarlyRead {
  db: Database;
  raw: RawSnapshot;
}

/** The same read as loadSnapshot(), without its checks. */
export async function readPopupRecords(): Promise<EarlyRead> {
  void requestPersistence();
  const db = await openDatabase();
  return { db, raw: await readRawSnapshot(db) };
}
