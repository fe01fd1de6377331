// How much the device keeps, so that every backup it exports imports again
// (lib/storage/backup.ts accepts exactly these sizes) and the reminder log cannot grow
// without end. Said in Settings (lib/i18n/<locale>/options.json `storageLimits`).

export const MAX_CERTIFICATES = 1000;
export const MAX_ANNOTATIONS = 20_000;
export const MAX_LOG_ENTRIES = 20_000;
/** Log entries about moments older than this are pruned: no plan looks that far back. */
export const LOG_KEEP_MS = 180 * 86_400_000;
/** "Remind me tomorrow" is at most this far after the reminder was shown (a rule of the model). */
export { MAX_SNOOZE_MS } from '../model/settings';
/** Deletions remembered (tombstones), newest kept. */
export const MAX_TOMBSTONES = 20_000;

/** Refused write: a store is full. */
export class StoreFullError extends Error {
  constructor(readonly store: 'certificates' | 'annotations', readonly limit: number) {
    super(`${store} full (${limit})`);
    this.name = 'StoreFullError';
  }
}
