import { isRecord } from '../http/arm-http';
import { ianaZone, localParts, zonedToUtc } from './time-zones';

export const DAYS_OF_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** When a policy's scheduled backups run, read from an AzureIaasVM policy's properties. */
export interface PolicySchedule {
  frequency: 'Daily' | 'Weekly';
  hour: number;
  minute: number;
  /** 0 = Sunday; only for Weekly. */
  weekdays: number[];
  zone: string;
}

/**
 * scheduleRunTimes carry a wall-clock time in the policy's timeZone (the 'Z' in them is not
 * meaningful), so the hour and minute are read from the string, not converted.
 */
export function policySchedule(properties: Record<string, unknown>): PolicySchedule | undefined {
  const schedule = properties.schedulePolicy;
  if (!isRecord(schedule) || schedule.schedulePolicyType !== 'SimpleSchedulePolicy') return undefined;
  const frequency = String(schedule.scheduleRunFrequency ?? '');
  if (frequency !== 'Daily' && frequency !== 'Weekly') return undefined;
  const times = Array.isArray(schedule.scheduleRunTimes) ? schedule.scheduleRunTimes : [];
  const time = typeof times[0] === 'string' ? /T(\d{2}):(\d{2})/.exec(times[0]) : null;
  if (!time) return undefined;
  const days = Array.isArray(schedule.scheduleRunDays) ? schedule.scheduleRunDays : [];
  const weekdays = days
    .map((d) => DAYS_OF_WEEK.findIndex((name) => name.toLowerCase() === String(d).toLowerCase()))
    .filter((i) => i >= 0);
  return {
    frequency,
    hour: Number(time[1]),
    minute: Number(time[2]),
    weekdays: frequency === 'Weekly' ? weekdays : [],
    zone: ianaZone(typeof properties.timeZone === 'string' ? properties.timeZone : undefined),
  };
}

/** The first scheduled run strictly after `afterMs`, or undefined if the schedule never fires. */
export function nextRunAfter(schedule: PolicySchedule, afterMs: number): number | undefined {
  if (schedule.frequency === 'Weekly' && schedule.weekdays.length === 0) return undefined;
  const today = localParts(afterMs, schedule.zone);
  for (let offset = 0; offset <= 8; offset++) {
    // Date.UTC normalises day overflow into the next month/year.
    const date = new Date(Date.UTC(today.year, today.month, today.day + offset));
    const candidate = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), schedule.hour, schedule.minute, schedule.zone);
    if (candidate <= afterMs) continue;
    if (schedule.frequency === 'Daily' || schedule.weekdays.includes(date.getUTCDay())) return candidate;
  }
  return undefined;
}
