// Per-tab rate limits, kept in the worker's memory: a page (or a renderer it took over)
// can send a reading a millisecond, and each could write a record and fire a
// notification. Forgetting the counts when the worker sleeps only lets a few more
// through, never fewer than a holder needs: a holder opens a page every few seconds.

export interface RateLimiter {
  /** True when `key` may act at `now` (and counts it). */
  take(key: number | string, now: number): boolean;
}

/** A token bucket per key: `capacity` at once, one more every `refillMs`. */
export function tokenBucket(capacity: number, refillMs: number, maxKeys = 200): RateLimiter {
  const buckets = new Map<number | string, { tokens: number; at: number }>();
  return {
    take(key, now) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: capacity, at: now };
        buckets.set(key, bucket);
      }
      const refilled = Math.floor(Math.max(0, now - bucket.at) / refillMs);
      if (refilled > 0) {
        bucket.tokens = Math.min(capacity, bucket.tokens + refilled);
        bucket.at = bucket.tokens === capacity ? now : bucket.at + refilled * refillMs;
      }
      if (bucket.tokens <= 0) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

/** Readings a tab may send: five at once, then one every two seconds. */
export const READINGS_PER_TAB = { capacity: 5, refillMs: 2_000 };
/** Reminder syncs a tab's readings may cause (each can show notifications): one a minute. */
export const SYNCS_PER_TAB = { capacity: 1, refillMs: 60_000 };
