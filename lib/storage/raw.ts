// Every store read in one transaction, as it is, before any check: quickSnapshot() in
// read-check.ts (without zod) or checkSnapshot() in records.ts checks what it returns
// (loadSnapshot() reads and checks).
import type { Database } from './db';

export interface RawSnapshot {
  certificates: unknown[];
  annotations: unknown[];
  settings: unknown;
  reminderLog: unknown[];
}

export async function readRawSnapshot(db: Database): Promise<RawSnapshot> {
  const tx = db.transaction(['certificates', 'annotations', 'settings', 'reminderLog'], 'readonly');
  // A failed request is reported by Promise.all below; done's own rejection is expected then.
  // Not awaited either: a read-only transaction's results are final once its requests
  // succeed, and its completion is one more message from the browser that the popup's
  // first frame would wait for.
  tx.done.catch(() => undefined);
  const [certificates, annotations, settings, reminderLog] = await Promise.all([
    tx.objectStore('certificates').getAll(),
    tx.objectStore('annotations').getAll(),
    tx.objectStore('settings').get('settings'),
    tx.objectStore('reminderLog').getAll(),
  ]);
  return { certificates, annotations, settings, reminderLog };
}
