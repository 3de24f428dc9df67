import type { DayOfWeek, MonthOfYear, PolicyDefinition, RetentionFormat, WeekOfMonth } from './backup.types';
import { fail, ok, type RuleResult } from './errors';
import { isWindowsTimeZone, zonedParts, zonedTimeToUtc } from './time-zones';

/** Azure's limits for Azure VM (Standard) policies. */
export const POLICY_LIMITS = {
  dailyDays: { min: 7, max: 9999 },
  weeklyWeeks: { min: 1, max: 5163 },
  monthlyMonths: { min: 1, max: 1188 },
  yearlyYears: { min: 1, max: 99 },
  instantRpDays: { min: 1, max: 5 },
} as const;

export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const WEEKS_OF_MONTH: readonly WeekOfMonth[] = ['First', 'Second', 'Third', 'Fourth', 'Last'];
export const MONTHS_OF_YEAR: readonly MonthOfYear[] = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The vault's DefaultPolicy as Azure creates it: daily, kept 30 days. */
export const DEFAULT_POLICY_NAME = 'DefaultPolicy';

const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_-]{2,149}$/;
const TIME = /^([01]\d|2[0-3]):(00|30)$/;

/**
 * Validates a backup policy definition against Azure's rules for Azure VM Standard policies.
 * Returns the first problem with the field at fault and what is allowed.
 */
export function validatePolicyDefinition(def: PolicyDefinition): RuleResult<PolicyDefinition> {
  if (!POLICY_NAME.test(def.name ?? '')) {
    return fail('policyName', 'POLICY_NAME_INVALID', 'Policy names are 3 to 150 characters, start with a letter, and use only letters, digits, hyphens and underscores.');
  }
  if (def.name.toLowerCase() === DEFAULT_POLICY_NAME.toLowerCase()) {
    return fail('policyName', 'POLICY_NAME_RESERVED', `"${DEFAULT_POLICY_NAME}" is the vault's built-in policy; choose another name.`);
  }
  const s = def.schedule;
  if (s.frequency !== 'Daily' && s.frequency !== 'Weekly') {
    return fail('scheduleFrequency', 'POLICY_FREQUENCY_INVALID', 'The schedule is Daily or Weekly.');
  }
  if (!TIME.test(s.time ?? '')) {
    return fail('scheduleTime', 'POLICY_TIME_INVALID', `"${s.time ?? ''}" is not allowed: backups start on the hour or half hour, as HH:00 or HH:30 (24-hour clock).`);
  }
  if (!isWindowsTimeZone(s.timeZone)) {
    return fail('timeZone', 'POLICY_TIME_ZONE_INVALID', `"${s.timeZone ?? ''}" is not a time zone Azure Backup accepts here; use a Windows time zone id such as UTC, W. Europe Standard Time or Eastern Standard Time.`);
  }
  const r = def.retention;
  if (s.frequency === 'Weekly') {
    const days = s.daysOfWeek ?? [];
    if (days.length === 0 || !days.every(isDayOfWeek)) {
      return fail('scheduleDays', 'POLICY_DAYS_REQUIRED', 'A weekly schedule needs one or more days of the week.');
    }
    if (r.daily) return fail('dailyRetention', 'POLICY_DAILY_WITH_WEEKLY', 'A weekly schedule keeps weekly points, not daily ones: remove daily retention.');
    if (!r.weekly) return fail('weeklyRetention', 'POLICY_WEEKLY_REQUIRED', 'A weekly schedule needs weekly retention (how many weeks to keep).');
    if (!sameDays(r.weekly.daysOfWeek, days)) {
      return fail('weeklyRetentionDays', 'POLICY_WEEKLY_DAYS_MISMATCH', `Weekly retention must keep the backups of the scheduled days (${days.join(', ')}).`);
    }
  } else if (!r.daily) {
    return fail('dailyRetention', 'POLICY_DAILY_REQUIRED', `A daily schedule needs daily retention: ${POLICY_LIMITS.dailyDays.min} to ${POLICY_LIMITS.dailyDays.max} days.`);
  }
  if (r.daily && !inRange(r.daily.days, POLICY_LIMITS.dailyDays)) {
    return fail('dailyRetention', 'POLICY_DAILY_RANGE', `Daily backups are kept ${POLICY_LIMITS.dailyDays.min} to ${POLICY_LIMITS.dailyDays.max} days.`);
  }
  if (r.weekly) {
    if (!inRange(r.weekly.weeks, POLICY_LIMITS.weeklyWeeks)) {
      return fail('weeklyRetention', 'POLICY_WEEKLY_RANGE', `Weekly backups are kept ${POLICY_LIMITS.weeklyWeeks.min} to ${POLICY_LIMITS.weeklyWeeks.max} weeks.`);
    }
    if (r.weekly.daysOfWeek.length === 0 || !r.weekly.daysOfWeek.every(isDayOfWeek)) {
      return fail('weeklyRetentionDays', 'POLICY_WEEKLY_DAYS_REQUIRED', 'Weekly retention needs the day(s) of the week whose backup is kept.');
    }
  }
  if (r.monthly) {
    if (!inRange(r.monthly.months, POLICY_LIMITS.monthlyMonths)) {
      return fail('monthlyRetention', 'POLICY_MONTHLY_RANGE', `Monthly backups are kept ${POLICY_LIMITS.monthlyMonths.min} to ${POLICY_LIMITS.monthlyMonths.max} months.`);
    }
    const bad = checkFormat(r.monthly.format, s.frequency, 'monthlyRetentionFormat');
    if (bad) return bad;
  }
  if (r.yearly) {
    if (!inRange(r.yearly.years, POLICY_LIMITS.yearlyYears)) {
      return fail('yearlyRetention', 'POLICY_YEARLY_RANGE', `Yearly backups are kept ${POLICY_LIMITS.yearlyYears.min} to ${POLICY_LIMITS.yearlyYears.max} years.`);
    }
    if (r.yearly.monthsOfYear.length === 0 || !r.yearly.monthsOfYear.every((m) => MONTHS_OF_YEAR.includes(m))) {
      return fail('yearlyRetentionMonths', 'POLICY_YEARLY_MONTHS_REQUIRED', 'Yearly retention needs the month(s) whose backup is kept.');
    }
    const bad = checkFormat(r.yearly.format, s.frequency, 'yearlyRetentionFormat');
    if (bad) return bad;
  }
  if (def.instantRpRetentionDays !== undefined) {
    if (s.frequency === 'Weekly' && def.instantRpRetentionDays !== 5) {
      return fail('instantRpRetentionDays', 'POLICY_INSTANT_RP_WEEKLY', 'With a weekly schedule Azure keeps instant restore snapshots for 5 days.');
    }
    if (!inRange(def.instantRpRetentionDays, POLICY_LIMITS.instantRpDays)) {
      return fail('instantRpRetentionDays', 'POLICY_INSTANT_RP_RANGE', 'Instant restore snapshots are kept 1 to 5 days.');
    }
  }
  return ok(def);
}

function checkFormat(format: RetentionFormat, frequency: 'Daily' | 'Weekly', field: string) {
  if (format.kind === 'days') {
    if (frequency === 'Weekly') {
      return fail(field, 'POLICY_FORMAT_WEEK_BASED', 'With a weekly schedule, monthly and yearly retention are week-based (e.g. the first Sunday).');
    }
    const days = format.daysOfMonth ?? [];
    if ((days.length === 0 && !format.isLast) || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 28)) {
      return fail(field, 'POLICY_FORMAT_DAYS', 'Day-based retention takes days of the month from 1 to 28, or the last day.');
    }
    return undefined;
  }
  if (format.weeksOfMonth.length === 0 || !format.weeksOfMonth.every((w) => WEEKS_OF_MONTH.includes(w))) {
    return fail(field, 'POLICY_FORMAT_WEEKS', 'Week-based retention needs the week(s) of the month: First, Second, Third, Fourth or Last.');
  }
  if (format.daysOfWeek.length === 0 || !format.daysOfWeek.every(isDayOfWeek)) {
    return fail(field, 'POLICY_FORMAT_WEEKDAYS', 'Week-based retention needs the day(s) of the week.');
  }
  return undefined;
}

function isDayOfWeek(d: string): d is DayOfWeek {
  return (DAYS_OF_WEEK as readonly string[]).includes(d);
}

function inRange(n: number, r: { min: number; max: number }): boolean {
  return Number.isInteger(n) && n >= r.min && n <= r.max;
}

function sameDays(a: DayOfWeek[], b: DayOfWeek[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((d) => y.has(d));
}

/**
 * The next time a policy's schedule fires strictly after `after`. Pure; used for
 * "first scheduled backup" and "next scheduled backup" in views.
 */
export function nextScheduledRun(schedule: PolicyDefinition['schedule'], after: Date): Date {
  const [hh, mm] = schedule.time.split(':').map(Number);
  const days = schedule.frequency === 'Weekly' ? new Set((schedule.daysOfWeek ?? []).map((d) => DAYS_OF_WEEK.indexOf(d))) : undefined;
  const start = zonedParts(after, schedule.timeZone);
  for (let i = 0; i <= 8; i++) {
    const dayUtc = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const candidate = zonedTimeToUtc(dayUtc.getUTCFullYear(), dayUtc.getUTCMonth() + 1, dayUtc.getUTCDate(), hh, mm, schedule.timeZone);
    if (candidate.getTime() <= after.getTime()) continue;
    if (days && !days.has(dayUtc.getUTCDay())) continue;
    return candidate;
  }
  throw new Error('A weekly schedule needs at least one day of the week');
}
