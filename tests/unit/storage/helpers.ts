// A fresh database per test, and a deterministic dump of everything in it, so a test can
// say "byte-for-byte as before".
import { openDatabase, type Database } from '../../../lib/storage/db';

let counter = 0;

export async function freshDb(prefix = 'test'): Promise<Database> {
  const name = `${prefix}-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
  return openDatabase(name);
}

export async function dropDb(db: Database): Promise<void> {
  const name = db.name;
  db.close();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** JSON with object keys sorted, so the same data always gives the same text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Every store's keys and raw values (damaged ones included), its indexes, and the version. */
export async function dumpDb(db: Database): Promise<string> {
  const stores = [...db.objectStoreNames].sort();
  const tx = db.transaction(stores, 'readonly');
  const out: Record<string, unknown> = { version: db.version };
  for (const name of stores) {
    const store = tx.objectStore(name);
    out[name] = {
      indexes: [...store.indexNames].sort(),
      keys: await store.getAllKeys(),
      values: await store.getAll(),
    };
  }
  await tx.done;
  return canonical(out);
}
