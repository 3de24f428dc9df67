import { fail, ok, type RuleResult } from './errors';

/** Azure keeps an on-demand Azure VM backup for at most 99 years. */
export const MAX_ON_DEMAND_RETENTION_YEARS = 99;
export const DEFAULT_ON_DEMAND_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Latest allowed retain-until date (UTC date, end of that day) for a backup started at `now`. */
export function maxRetainUntil(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear() + MAX_ON_DEMAND_RETENTION_YEARS, now.getUTCMonth(), now.getUTCDate()));
  return d;
}

/** Earliest allowed retain-until day: tomorrow (a date picker gives whole days, UTC). */
export function minRetainUntil(now: Date): Date {
  return startOfUtcDay(new Date(now.getTime() + DAY_MS));
}

/** The default retain-until date offered by the date picker: 30 days ahead, as a UTC day. */
export function defaultRetainUntil(now: Date): Date {
  return startOfUtcDay(new Date(now.getTime() + DEFAULT_ON_DEMAND_RETENTION_DAYS * DAY_MS));
}

/** "YYYY-MM-DD" of a date in UTC: the value date pickers take and give. */
export function toIsoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Validates the retain-until date of a Backup now. Accepts a Date or a "YYYY-MM-DD" string
 * (the date pickers' value); a day means the end of that day in UTC (23:59:59), as the portal does.
 */
export function validateRetainUntil(value: Date | string | undefined | null, now: Date): RuleResult<Date> {
  const field = 'retainUntil';
  const allowed = `Pick a date from ${toIsoDay(minRetainUntil(now))} to ${toIsoDay(maxRetainUntil(now))} (Azure keeps on-demand backups at most ${MAX_ON_DEMAND_RETENTION_YEARS} years).`;
  if (value === undefined || value === null || value === '') {
    return fail(field, 'RETAIN_UNTIL_REQUIRED', `Choose the date until which this backup is kept. ${allowed}`);
  }
  let date: Date;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!m) return fail(field, 'RETAIN_UNTIL_FORMAT', `"${value.slice(0, 40)}" is not a date in the form YYYY-MM-DD. ${allowed}`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    date = new Date(Date.UTC(y, mo - 1, d, 23, 59, 59));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return fail(field, 'RETAIN_UNTIL_FORMAT', `${value} is not a real calendar date. ${allowed}`);
    }
  } else {
    date = value;
    if (Number.isNaN(date.getTime())) return fail(field, 'RETAIN_UNTIL_FORMAT', `That is not a valid date. ${allowed}`);
  }
  if (date.getTime() <= now.getTime() || date.getTime() < minRetainUntil(now).getTime()) {
    return fail(field, 'RETAIN_UNTIL_PAST', `The retain-until date must be in the future. ${allowed}`);
  }
  const max = maxRetainUntil(now);
  if (date.getTime() > max.getTime() + DAY_MS - 1000) {
    return fail(field, 'RETAIN_UNTIL_TOO_FAR', `${toIsoDay(date)} is too far ahead. ${allowed}`);
  }
  return ok(date);
}

function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
