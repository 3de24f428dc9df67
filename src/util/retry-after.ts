/**
 * A Retry-After header in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3), never negative; undefined when absent or unreadable, so the caller's own default
 * applies. Azure's long-running operations and the Bot Connector's 429s both send it.
 */
export function retryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
