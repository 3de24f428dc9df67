/**
 * A per-person limit on costly actions: at most `limit` in any window of `windowMs` (a sliding
 * window over the times of the actions taken). The times are kept in the store, so every replica
 * sharing it counts the same actions, and a restart forgets none.
 */
import type { StoreDb } from '../store';
import { readTakes, writeTakes } from '../store/repositories/rate-limit.repository';

export type RateLimitDecision = { ok: true } | { ok: false; retryAt: Date; limit: number; windowMs: number };

export interface RateLimiter {
  /** Counts one action for `key` now, or says when the oldest counted one leaves the window. */
  take(key: string): Promise<RateLimitDecision>;
  /**
   * Un-counts the newest action counted for `key`: a take for a request that then turned out to be
   * a duplicate of one already under way (two people pressing at once), so nothing ran for it.
   */
  giveBack(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  db: StoreDb;
  /** 0 = no limit. */
  limit: number;
  windowMs: number;
  now?: () => Date;
}

/**
 * How often one take reads again after losing a write to another one for the same person. Each
 * loss means someone else's take for that person was counted, so after about `limit` of them the
 * read refuses; this only stops a take that somehow never settles.
 */
const MAX_ATTEMPTS = 100;

/**
 * The sliding-window rule: `taken` are the recorded times, `at` the time of the new action. Allowed
 * when fewer than `limit` fall in the window; `kept` is then what to record (the new one included,
 * the ones that left the window dropped). Refused otherwise, with when enough leave for one more.
 */
export function decideTake(taken: readonly Date[], at: Date, limit: number, windowMs: number): { ok: true; kept: Date[] } | { ok: false; retryAt: Date } {
  const from = at.getTime() - windowMs;
  const inWindow = taken.filter((t) => t.getTime() > from).sort((a, b) => a.getTime() - b.getTime());
  // More than `limit` are possible only after the limit was lowered: wait until `limit - 1` remain.
  if (inWindow.length >= limit) return { ok: false, retryAt: new Date(inWindow[inWindow.length - limit].getTime() + windowMs) };
  return { ok: true, kept: [...inWindow, at].sort((a, b) => a.getTime() - b.getTime()) };
}

/**
 * Two replicas taking for the same person at the same moment: each reads the person's row and
 * writes it back only if nobody wrote in between (the row's version); the one that loses reads
 * again and decides on what the winner recorded. No transaction is held, so this behaves the same
 * on PostgreSQL and SQLite.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? (() => new Date());
  const { db, limit, windowMs } = options;
  return {
    async take(key) {
      if (limit <= 0) return { ok: true };
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const at = now();
        const recorded = await readTakes(db, key);
        const decision = decideTake(recorded.times, at, limit, windowMs);
        if (!decision.ok) return { ok: false, retryAt: decision.retryAt, limit, windowMs };
        if (await writeTakes(db, key, recorded.version, decision.kept, at)) return { ok: true };
      }
      throw new Error(`rate limit: could not record a costly action for ${key} after ${MAX_ATTEMPTS} attempts (other writes kept changing it)`);
    },
    async giveBack(key) {
      if (limit <= 0) return;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const recorded = await readTakes(db, key);
        if (recorded.times.length === 0) return;
        const kept = [...recorded.times].sort((a, b) => a.getTime() - b.getTime()).slice(0, -1);
        if (await writeTakes(db, key, recorded.version, kept, now())) return;
      }
      throw new Error(`rate limit: could not give back a costly action for ${key} after ${MAX_ATTEMPTS} attempts (other writes kept changing it)`);
    },
  };
}
