import { retryAfterMs } from '../../../src/util/retry-after';

// Retry-After as RFC 9110 §10.2.3 defines it: delay-seconds or an HTTP-date. Azure's 202s send
// seconds (e.g. "Retry-After": "60" in vendor/azure-rest-examples/recordings/arm-recoveryservicesbackup/
// recording_dependence_create_test.json); a 429 may send either.
describe('retryAfterMs', () => {
  const now = new Date('2026-03-02T08:00:00Z');

  test('delay-seconds', () => {
    expect(retryAfterMs('60', now)).toBe(60_000);
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  test('an HTTP date, counted from now; one already past is no wait', () => {
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 07:59:00 GMT', now)).toBe(0);
  });

  test('absent or unreadable: undefined, so the caller waits its own default', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('  ', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  test('never negative', () => {
    expect(retryAfterMs('-5', now)).toBe(0);
  });
});
