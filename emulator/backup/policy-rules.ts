import { isRecord } from '../http/arm-http';

const RANGES = {
  Days: [1, 9999],
  Weeks: [1, 5163],
  Months: [1, 1188],
  Years: [1, 99],
} as const;

/**
 * The Backup RP's semantic checks on an AzureIaasVM (V1, SimpleSchedulePolicy) policy, beyond
 * what the schema says. Azure reports all of them as BMSUserErrorInvalidPolicyInput; the
 * returned sentences say which rule failed. Empty when the policy is acceptable.
 */
export function policyProblems(properties: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const schedule = properties.schedulePolicy;
  const retention = properties.retentionPolicy;
  if (!isRecord(schedule) || schedule.schedulePolicyType !== 'SimpleSchedulePolicy') {
    return ['schedulePolicy must be a SimpleSchedulePolicy.'];
  }
  if (!isRecord(retention) || retention.retentionPolicyType !== 'LongTermRetentionPolicy') {
    return ['retentionPolicy must be a LongTermRetentionPolicy.'];
  }
  const frequency = schedule.scheduleRunFrequency;
  if (frequency !== 'Daily' && frequency !== 'Weekly') problems.push('scheduleRunFrequency must be Daily or Weekly.');
  const times = Array.isArray(schedule.scheduleRunTimes) ? schedule.scheduleRunTimes : [];
  const time = times.length === 1 && typeof times[0] === 'string' ? /T(\d{2}):(\d{2})/.exec(times[0]) : null;
  if (!time) problems.push('scheduleRunTimes must hold exactly one time.');
  else if (time[2] !== '00' && time[2] !== '30') problems.push('The schedule time must be on the hour or the half hour.');
  const runDays = Array.isArray(schedule.scheduleRunDays) ? schedule.scheduleRunDays.map(String) : [];
  if (frequency === 'Weekly' && runDays.length === 0) problems.push('A weekly schedule needs scheduleRunDays.');

  const daily = retention.dailySchedule;
  const weekly = retention.weeklySchedule;
  if (frequency === 'Daily' && !isRecord(daily)) problems.push('A daily schedule needs daily retention.');
  if (frequency === 'Weekly' && isRecord(daily)) problems.push('A weekly schedule cannot have daily retention.');
  if (frequency === 'Weekly' && !isRecord(weekly)) problems.push('A weekly schedule needs weekly retention.');
  checkDuration(daily, 'Days', 'dailySchedule', problems);
  checkDuration(weekly, 'Weeks', 'weeklySchedule', problems);
  checkDuration(retention.monthlySchedule, 'Months', 'monthlySchedule', problems);
  checkDuration(retention.yearlySchedule, 'Years', 'yearlySchedule', problems);
  if (isRecord(weekly)) {
    const days = Array.isArray(weekly.daysOfTheWeek) ? weekly.daysOfTheWeek.map(String) : [];
    if (days.length === 0) problems.push('weeklySchedule.daysOfTheWeek must not be empty.');
    if (frequency === 'Weekly' && days.some((d) => !runDays.includes(d))) {
      problems.push('Weekly retention days must be days on which the schedule runs.');
    }
  }
  for (const name of ['monthlySchedule', 'yearlySchedule'] as const) {
    const rule = retention[name];
    if (!isRecord(rule)) continue;
    if (rule.retentionScheduleFormatType === 'Daily' && !isRecord(rule.retentionScheduleDaily)) {
      problems.push(`${name} with the Daily format needs retentionScheduleDaily.`);
    }
    if (rule.retentionScheduleFormatType === 'Weekly' && !isRecord(rule.retentionScheduleWeekly)) {
      problems.push(`${name} with the Weekly format needs retentionScheduleWeekly.`);
    }
    if (frequency === 'Weekly' && rule.retentionScheduleFormatType === 'Daily') {
      problems.push(`${name} must use the Weekly format when the schedule is weekly.`);
    }
    if (name === 'yearlySchedule' && (!Array.isArray(rule.monthsOfYear) || rule.monthsOfYear.length === 0)) {
      problems.push('yearlySchedule.monthsOfYear must not be empty.');
    }
  }
  const instant = properties.instantRpRetentionRangeInDays;
  if (typeof instant === 'number') {
    if (frequency === 'Weekly' && instant !== 5) problems.push('instantRpRetentionRangeInDays must be 5 for a weekly schedule.');
    if (frequency === 'Daily' && (instant < 1 || instant > 5)) problems.push('instantRpRetentionRangeInDays must be between 1 and 5.');
  }
  return problems;
}

function checkDuration(rule: unknown, unit: keyof typeof RANGES, name: string, problems: string[]): void {
  if (!isRecord(rule)) return;
  const duration = rule.retentionDuration;
  if (!isRecord(duration) || typeof duration.count !== 'number') {
    problems.push(`${name}.retentionDuration.count is required.`);
    return;
  }
  if (duration.durationType !== unit) problems.push(`${name}.retentionDuration.durationType must be ${unit}.`);
  const [min, max] = RANGES[unit];
  if (duration.count < min || duration.count > max) problems.push(`${name} keeps ${min} to ${max} ${unit.toLowerCase()}.`);
}
