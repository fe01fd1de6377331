// The on-device database. Opened only from extension pages and the background: a
// content script's IndexedDB would belong to the portal's origin, not the extension's.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Annotation } from '../model/annotation';
import type { Certificate } from '../model/certificate';
import type { ReminderLogEntry, Settings } from '../model/settings';

export const DB_NAME = 'cpta-assistant';

export interface AssistantDB extends DBSchema {
  certificates: { key: string; value: Certificate };
  annotations: {
    key: string;
    value: Annotation;
    indexes: { byCertificate: string; byAppliedAt: number };
  };
  settings: { key: string; value: Settings };
  reminderLog: { key: string; value: ReminderLogEntry };
  /** Deleted records, remembered so that an import does not bring them back (lib/storage/backup.ts). */
  tombstones: { key: string; value: Tombstone };
}

export interface Tombstone {
  /** `certificate:<number>` or `annotation:<identity>` (lib/storage/records.ts tombstoneKey). */
  key: string;
  deletedAt: number;
}

export type Database = IDBPDatabase<AssistantDB>;
type UpgradeTx = IDBPTransaction<AssistantDB, StoreNames<AssistantDB>[], 'versionchange'>;

/**
 * Numbered migrations: migration i takes the database from version i to i + 1. Never
 * edit one that has shipped; add the next. Each is tested on data of the old shape.
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<AssistantDB>, tx: UpgradeTx) => void> = [
  // 0 -> 1: the first shape.
  (db) => {
    db.createObjectStore('certificates', { keyPath: 'number' });
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('byCertificate', 'certificateNumber');
    db.createObjectStore('settings');
    db.createObjectStore('reminderLog', { keyPath: 'id' });
  },
  // 1 -> 2: annotations indexed by application time, for the 90-day quota window.
  (_db, tx) => {
    tx.objectStore('annotations').createIndex('byAppliedAt', 'appliedAt');
  },
  // 2 -> 3: deletions remembered.
  (db) => {
    db.createObjectStore('tombstones', { keyPath: 'key' });
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function openDatabase(name = DB_NAME, version = DB_VERSION): Promise<Database> {
  return openDB<AssistantDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]!(db, tx);
    },
    blocking(_current, _next, event) {
      // Another context wants a newer schema: step aside instead of blocking it.
      (event.target as IDBDatabase).close();
    },
  });
}

/** Ask the browser not to evict our records under storage pressure. */
export async function requestPersistence(nav: Pick<Navigator, 'storage'> | undefined = globalThis.navigator): Promise<boolean> {
  try {
    return (await nav?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
