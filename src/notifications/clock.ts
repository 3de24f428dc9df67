/**
 * Wall-clock time and waiting, injectable so that tests of pacing, Retry-After and lease expiry
 * run on a manual clock instead of waiting. (Azure's clock is separate: job times come from it.)
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` (or at once when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
