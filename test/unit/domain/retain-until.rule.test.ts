import {
  defaultRetainUntil,
  maxRetainUntil,
  toIsoDay,
  validateRetainUntil,
} from '../../../src/domain/retain-until.rule';

const now = new Date('2026-11-24T10:00:00Z');

describe('retain-until rule', () => {
  it('defaults to 30 days ahead', () => {
    expect(toIsoDay(defaultRetainUntil(now))).toBe('2026-12-24');
  });

  it('accepts the default and keeps the end of the chosen day in UTC', () => {
    const r = validateRetainUntil(toIsoDay(defaultRetainUntil(now)), now);
    expect(r).toEqual({ ok: true, value: new Date('2026-12-24T23:59:59Z') });
  });

  it('accepts tomorrow and the last allowed day (99 years)', () => {
    expect(validateRetainUntil('2026-11-25', now).ok).toBe(true);
    expect(toIsoDay(maxRetainUntil(now))).toBe('2125-11-24');
    expect(validateRetainUntil('2125-11-24', now).ok).toBe(true);
  });

  it.each([
    [undefined, 'RETAIN_UNTIL_REQUIRED'],
    ['', 'RETAIN_UNTIL_REQUIRED'],
    ['24/12/2026', 'RETAIN_UNTIL_FORMAT'],
    ['2026-02-30', 'RETAIN_UNTIL_FORMAT'],
    ['2026-11-24', 'RETAIN_UNTIL_PAST'],
    ['2020-01-01', 'RETAIN_UNTIL_PAST'],
    ['2125-11-25', 'RETAIN_UNTIL_TOO_FAR'],
  ])('refuses %j with %s and says what is allowed', (value, code) => {
    const r = validateRetainUntil(value as string | undefined, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.field).toBe('retainUntil');
    expect(r.message).toContain('2026-11-25 to 2125-11-24');
  });

  it('takes Date values too', () => {
    expect(validateRetainUntil(new Date('2027-01-01T00:00:00Z'), now).ok).toBe(true);
    expect(validateRetainUntil(new Date('2026-11-24T09:00:00Z'), now).ok).toBe(false);
    expect(validateRetainUntil(new Date('nope'), now).ok).toBe(false);
  });
});
