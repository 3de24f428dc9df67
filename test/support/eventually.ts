/**
 * Waits on a condition, not on a clock: the one poll loop of the test suites.
 *
 * `check` runs until it returns a value other than undefined, null or false (that value is
 * returned), or until it throws nothing more than a failed expectation for the last time. The
 * wait is bounded only by the test's own jest timeout unless `timeoutMs` says otherwise, so a busy
 * machine makes a test slower, never red; the message says what was awaited.
 */
export interface EventuallyOptions {
  /** What is awaited, for the failure message. */
  what?: string;
  /** Pause between two checks (default 20 ms). */
  intervalMs?: number;
  /** Give up after this long (default: never; jest's timeout ends the test). */
  timeoutMs?: number;
}

export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, undefined | null | false>> {
  const { what = 'the condition', intervalMs = 20, timeoutMs } = options;
  const giveUpAt = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
      lastError = undefined;
    } catch (error) {
      // A failed expect() inside check: try again; the last failure is reported if time runs out.
      lastError = error;
    }
    if (Date.now() >= giveUpAt) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Waited ${timeoutMs} ms for ${what}, in vain${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
