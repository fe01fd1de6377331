import { describe, expect, test, vi } from 'vitest';
import { openDatabase, requestPersistence } from '../../../lib/storage/db';
import { dropDb } from './helpers';

describe('requestPersistence: ask the browser not to evict the records', () => {
  test('calls navigator.storage.persist() and reports what the browser granted', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistence({ storage: { persist } as unknown as StorageManager })).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await requestPersistence({ storage: { persist: async () => false } as unknown as StorageManager })).toBe(false);
  });

  test('never throws: no storage API, or a browser that refuses', async () => {
    expect(await requestPersistence(undefined)).toBe(false);
    expect(await requestPersistence({} as Pick<Navigator, 'storage'>)).toBe(false);
    const refusing = { storage: { persist: async () => Promise.reject(new DOMException('no', 'NotAllowedError')) } as unknown as StorageManager };
    expect(await requestPersistence(refusing)).toBe(false);
  });
});

test('a second context asking for a newer schema is not blocked: the open connection steps aside', async () => {
  const name = `blocking-${Math.random().toString(36).slice(2)}`;
  const older = await openDatabase(name);
  const newer = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, older.version + 1);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('blocked'));
  });
  expect(newer.version).toBe(older.version + 1);
  newer.close();
  await dropDb(older);
});
