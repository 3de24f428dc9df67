import { isRecord } from '../http/arm-http';
import { DAYS_OF_WEEK } from './policy-schedule';
import { ianaZone, localParts, type LocalParts } from './time-zones';

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKS = ['First', 'Second', 'Third', 'Fourth'];

/**
 * When a scheduled recovery point taken at `atMs` expires under the policy's retention: the
 * longest of the daily, weekly, monthly and yearly rules that apply to that day (a point that is
 * also the weekly/monthly/yearly point is kept as long as the longest of them). Undefined when
 * the policy keeps nothing for that day.
 */
export function scheduledExpiry(properties: Record<string, unknown>, atMs: number): number | undefined {
  const retention = properties.retentionPolicy;
  if (!isRecord(retention)) return undefined;
  if (retention.retentionPolicyType === 'SimpleRetentionPolicy') {
    return addDuration(atMs, retention.retentionDuration);
  }
  const local = localParts(atMs, ianaZone(typeof properties.timeZone === 'string' ? properties.timeZone : undefined));
  const candidates: number[] = [];
  const daily = retention.dailySchedule;
  if (isRecord(daily)) pushDefined(candidates, addDuration(atMs, daily.retentionDuration));
  const weekly = retention.weeklySchedule;
  if (isRecord(weekly) && includesDay(weekly.daysOfTheWeek, local.weekday)) {
    pushDefined(candidates, addDuration(atMs, weekly.retentionDuration));
  }
  const monthly = retention.monthlySchedule;
  if (isRecord(monthly) && matchesFormat(monthly, local)) pushDefined(candidates, addDuration(atMs, monthly.retentionDuration));
  const yearly = retention.yearlySchedule;
  if (isRecord(yearly) && Array.isArray(yearly.monthsOfYear) && yearly.monthsOfYear.includes(MONTHS[local.month]) && matchesFormat(yearly, local)) {
    pushDefined(candidates, addDuration(atMs, yearly.retentionDuration));
  }
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}

function matchesFormat(schedule: Record<string, unknown>, local: LocalParts): boolean {
  if (schedule.retentionScheduleFormatType === 'Daily') {
    const format = schedule.retentionScheduleDaily;
    const days = isRecord(format) && Array.isArray(format.daysOfTheMonth) ? format.daysOfTheMonth : [];
    const lastDay = new Date(Date.UTC(local.year, local.month + 1, 0)).getUTCDate();
    return days.some((d) => isRecord(d) && ((d.isLast === true && local.day === lastDay) || d.date === local.day));
  }
  if (schedule.retentionScheduleFormatType === 'Weekly') {
    const format = schedule.retentionScheduleWeekly;
    if (!isRecord(format) || !includesDay(format.daysOfTheWeek, local.weekday)) return false;
    const weeks = Array.isArray(format.weeksOfTheMonth) ? format.weeksOfTheMonth.map(String) : [];
    const weekIndex = Math.floor((local.day - 1) / 7);
    const daysInMonth = new Date(Date.UTC(local.year, local.month + 1, 0)).getUTCDate();
    const isLastWeek = local.day + 7 > daysInMonth;
    return weeks.includes(WEEKS[weekIndex]) || (isLastWeek && weeks.includes('Last'));
  }
  return false;
}

function includesDay(days: unknown, weekday: number): boolean {
  return Array.isArray(days) && days.some((d) => String(d).toLowerCase() === DAYS_OF_WEEK[weekday].toLowerCase());
}

function addDuration(atMs: number, duration: unknown): number | undefined {
  if (!isRecord(duration) || typeof duration.count !== 'number') return undefined;
  const count = duration.count;
  const at = new Date(atMs);
  switch (duration.durationType) {
    case 'Days':
      return atMs + count * DAY_MS;
    case 'Weeks':
      return atMs + count * 7 * DAY_MS;
    case 'Months':
      return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + count, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
    case 'Years':
      return Date.UTC(at.getUTCFullYear() + count, at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
    default:
      return undefined;
  }
}

function pushDefined(list: number[], value: number | undefined): void {
  if (value !== undefined) list.push(value);
}
