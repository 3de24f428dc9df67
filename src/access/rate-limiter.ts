/**
 * A per-person limit on costly actions: at most `limit` in any window of `windowMs` (a sliding
 * window over the times of the actions taken). Kept in memory: with several replicas each counts
 * its own share, so the effective limit is at most `limit` times the replicas.
 */
export interface RateLimiter {
  /** Counts one action for `key` now, or says when the oldest counted one leaves the window. */
  take(key: string): { ok: true } | { ok: false; retryAt: Date; limit: number; windowMs: number };
}

export interface RateLimiterOptions {
  /** 0 = no limit. */
  limit: number;
  windowMs: number;
  now?: () => Date;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? (() => new Date());
  const taken = new Map<string, number[]>();
  let sweeps = 0;
  return {
    take(key) {
      if (options.limit <= 0) return { ok: true };
      const t = now().getTime();
      const from = t - options.windowMs;
      const times = (taken.get(key) ?? []).filter((x) => x > from);
      if (times.length >= options.limit) {
        taken.set(key, times);
        return { ok: false, retryAt: new Date(times[0] + options.windowMs), limit: options.limit, windowMs: options.windowMs };
      }
      times.push(t);
      taken.set(key, times);
      // Forget people whose actions all left the window, now and then, so the map stays small.
      if (++sweeps % 500 === 0) for (const [k, v] of taken) if (v.every((x) => x <= from)) taken.delete(k);
      return { ok: true };
    },
  };
}
