// The read behind every snapshot: one read-only transaction, answered as soon as its
// requests are, without waiting for the transaction's completion event.
import { expect, test } from 'vitest';
import { readRawSnapshot } from '../../../lib/storage/raw';
import type { Database } from '../../../lib/storage/db';

test('returns the stores as soon as the requests succeed, before the transaction completes', async () => {
  const stores: Record<string, { getAll(): Promise<unknown[]>; get(key: string): Promise<unknown> }> = {};
  for (const name of ['certificates', 'annotations', 'reminderLog', 'settings']) {
    stores[name] = { getAll: async () => [`${name} row`], get: async (key) => `${name}:${key}` };
  }
  const neverCompletes = new Promise<void>(() => undefined);
  const db = { transaction: () => ({ done: neverCompletes, objectStore: (name: string) => stores[name] }) } as unknown as Database;
  const tooLate = new Promise((_, fail) => setTimeout(() => fail(new Error('waited for the transaction to complete')), 1000));
  await expect(Promise.race([readRawSnapshot(db), tooLate])).resolves.toEqual({
    certificates: ['certificates row'],
    annotations: ['annotations row'],
    settings: 'settings:settings',
    reminderLog: ['reminderLog row'],
  });
});
