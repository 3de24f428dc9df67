/** Exponential backoff with jitter: attempt 1 waits about `baseMs`, each next one twice as long, at most `maxMs`. */
export function backoffMs(attempt: number, options: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const exponential = options.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxMs, exponential);
  // ±20 %, so that channels that failed together do not retry together.
  return Math.round(capped * (0.8 + 0.4 * random()));
}
