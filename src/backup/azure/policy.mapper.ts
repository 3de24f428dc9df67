import type {
  AzureIaaSVMProtectionPolicy,
  DailyRetentionFormat,
  LongTermRetentionPolicy,
  ProtectionPolicyResource,
  RetentionDuration,
  SimpleSchedulePolicy,
  SimpleSchedulePolicyV2,
  WeeklyRetentionFormat,
} from '@azure/arm-recoveryservicesbackup';
import type {
  BackupPolicy,
  DayOfWeek,
  MonthOfYear,
  PolicyDefinition,
  RetentionFormat,
  WeekOfMonth,
} from '../../domain/backup.types';

/**
 * Azure keeps only the time of day of scheduleRunTimes/retentionTimes (read in the policy's
 * timeZone); the date part is a fixed reference so the mapping stays pure and repeatable.
 */
const REFERENCE_DAY = { year: 2024, month: 0, day: 1 };

/** "HH:mm" -> the Date Azure wants in scheduleRunTimes / retentionTimes. */
export function timeOfDayToAzure(time: string): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new Error(`Not an HH:mm time: ${time}`);
  return new Date(Date.UTC(REFERENCE_DAY.year, REFERENCE_DAY.month, REFERENCE_DAY.day, Number(m[1]), Number(m[2])));
}

/** The time of day of an Azure run time, "HH:mm". */
export function timeOfDayFromAzure(value: Date | string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** PolicyDefinition -> AzureIaaSVMProtectionPolicy (Standard policy: SimpleSchedulePolicy + LongTermRetentionPolicy). */
export function toAzurePolicy(def: PolicyDefinition): AzureIaaSVMProtectionPolicy {
  const times = [timeOfDayToAzure(def.schedule.time)];
  const schedulePolicy: SimpleSchedulePolicy = {
    schedulePolicyType: 'SimpleSchedulePolicy',
    scheduleRunFrequency: def.schedule.frequency,
    scheduleRunTimes: times,
    ...(def.schedule.frequency === 'Weekly' ? { scheduleRunDays: [...(def.schedule.daysOfWeek ?? [])] } : {}),
  };
  const r = def.retention;
  const retentionPolicy: LongTermRetentionPolicy = { retentionPolicyType: 'LongTermRetentionPolicy' };
  if (r.daily) {
    retentionPolicy.dailySchedule = { retentionTimes: times, retentionDuration: duration(r.daily.days, 'Days') };
  }
  if (r.weekly) {
    retentionPolicy.weeklySchedule = {
      daysOfTheWeek: [...r.weekly.daysOfWeek],
      retentionTimes: times,
      retentionDuration: duration(r.weekly.weeks, 'Weeks'),
    };
  }
  if (r.monthly) {
    retentionPolicy.monthlySchedule = {
      ...formatToAzure(r.monthly.format),
      retentionTimes: times,
      retentionDuration: duration(r.monthly.months, 'Months'),
    };
  }
  if (r.yearly) {
    retentionPolicy.yearlySchedule = {
      ...formatToAzure(r.yearly.format),
      monthsOfYear: [...r.yearly.monthsOfYear],
      retentionTimes: times,
      retentionDuration: duration(r.yearly.years, 'Years'),
    };
  }
  return {
    backupManagementType: 'AzureIaasVM',
    timeZone: def.schedule.timeZone,
    schedulePolicy,
    retentionPolicy,
    ...(def.instantRpRetentionDays !== undefined ? { instantRpRetentionRangeInDays: def.instantRpRetentionDays } : {}),
  };
}

/**
 * An Azure policy resource -> BackupPolicy, or undefined when it is not an Azure VM policy with a
 * daily or weekly schedule (hourly Enhanced policies, SQL/file share policies): the bot lists only
 * what it can show and edit faithfully.
 */
export function fromAzurePolicy(resource: ProtectionPolicyResource, vaultId: string): BackupPolicy | undefined {
  const p = resource.properties;
  if (!p || p.backupManagementType !== 'AzureIaasVM' || !resource.name || !resource.id) return undefined;
  const policy = p as AzureIaaSVMProtectionPolicy;
  const schedule = readSchedule(policy.schedulePolicy);
  if (!schedule) return undefined;
  const retention = policy.retentionPolicy;
  if (!retention || retention.retentionPolicyType !== 'LongTermRetentionPolicy') return undefined;
  const lt = retention as LongTermRetentionPolicy;
  const def: PolicyDefinition = {
    name: resource.name,
    schedule: {
      frequency: schedule.frequency,
      time: schedule.time,
      timeZone: policy.timeZone ?? 'UTC',
      ...(schedule.frequency === 'Weekly' ? { daysOfWeek: schedule.days } : {}),
    },
    retention: {},
    ...(policy.instantRpRetentionRangeInDays !== undefined ? { instantRpRetentionDays: policy.instantRpRetentionRangeInDays } : {}),
  };
  if (lt.dailySchedule?.retentionDuration?.count !== undefined) {
    def.retention.daily = { days: lt.dailySchedule.retentionDuration.count };
  }
  if (lt.weeklySchedule?.retentionDuration?.count !== undefined) {
    def.retention.weekly = { weeks: lt.weeklySchedule.retentionDuration.count, daysOfWeek: days(lt.weeklySchedule.daysOfTheWeek) };
  }
  if (lt.monthlySchedule?.retentionDuration?.count !== undefined) {
    const format = formatFromAzure(lt.monthlySchedule.retentionScheduleFormatType, lt.monthlySchedule.retentionScheduleDaily, lt.monthlySchedule.retentionScheduleWeekly);
    if (format) def.retention.monthly = { months: lt.monthlySchedule.retentionDuration.count, format };
  }
  if (lt.yearlySchedule?.retentionDuration?.count !== undefined) {
    const format = formatFromAzure(lt.yearlySchedule.retentionScheduleFormatType, lt.yearlySchedule.retentionScheduleDaily, lt.yearlySchedule.retentionScheduleWeekly);
    if (format) {
      def.retention.yearly = {
        years: lt.yearlySchedule.retentionDuration.count,
        monthsOfYear: (lt.yearlySchedule.monthsOfYear ?? []).filter((m): m is MonthOfYear => m !== 'Invalid'),
        format,
      };
    }
  }
  return { ...def, id: resource.id, vaultId, protectedItemsCount: p.protectedItemsCount ?? 0 };
}

function readSchedule(
  s: AzureIaaSVMProtectionPolicy['schedulePolicy'],
): { frequency: 'Daily' | 'Weekly'; time: string; days: DayOfWeek[] } | undefined {
  if (!s) return undefined;
  if (s.schedulePolicyType === 'SimpleSchedulePolicy') {
    const simple = s as SimpleSchedulePolicy;
    const time = simple.scheduleRunTimes?.[0];
    if ((simple.scheduleRunFrequency !== 'Daily' && simple.scheduleRunFrequency !== 'Weekly') || !time) return undefined;
    return { frequency: simple.scheduleRunFrequency, time: timeOfDayFromAzure(time), days: days(simple.scheduleRunDays) };
  }
  if (s.schedulePolicyType === 'SimpleSchedulePolicyV2') {
    const v2 = s as SimpleSchedulePolicyV2;
    if (v2.scheduleRunFrequency === 'Daily' && v2.dailySchedule?.scheduleRunTimes?.[0]) {
      return { frequency: 'Daily', time: timeOfDayFromAzure(v2.dailySchedule.scheduleRunTimes[0]), days: [] };
    }
    if (v2.scheduleRunFrequency === 'Weekly' && v2.weeklySchedule?.scheduleRunTimes?.[0]) {
      return { frequency: 'Weekly', time: timeOfDayFromAzure(v2.weeklySchedule.scheduleRunTimes[0]), days: days(v2.weeklySchedule.scheduleRunDays) };
    }
  }
  return undefined;
}

function duration(count: number, durationType: 'Days' | 'Weeks' | 'Months' | 'Years'): RetentionDuration {
  return { count, durationType };
}

/** Monthly/yearly format: "Daily" = days of the month (the last day is {date: 0, isLast: true}), "Weekly" = weeks of the month. */
function formatToAzure(format: RetentionFormat): {
  retentionScheduleFormatType: 'Daily' | 'Weekly';
  retentionScheduleDaily?: DailyRetentionFormat;
  retentionScheduleWeekly?: WeeklyRetentionFormat;
} {
  if (format.kind === 'days') {
    const daysOfTheMonth = format.daysOfMonth.map((date) => ({ date, isLast: false }));
    if (format.isLast) daysOfTheMonth.push({ date: 0, isLast: true });
    return { retentionScheduleFormatType: 'Daily', retentionScheduleDaily: { daysOfTheMonth } };
  }
  return {
    retentionScheduleFormatType: 'Weekly',
    retentionScheduleWeekly: { daysOfTheWeek: [...format.daysOfWeek], weeksOfTheMonth: [...format.weeksOfMonth] },
  };
}

function formatFromAzure(
  type: string | undefined,
  daily: DailyRetentionFormat | undefined,
  weekly: WeeklyRetentionFormat | undefined,
): RetentionFormat | undefined {
  if (type === 'Daily' && daily) {
    const all = daily.daysOfTheMonth ?? [];
    const isLast = all.some((d) => d.isLast === true);
    const daysOfMonth = all.filter((d) => d.isLast !== true && typeof d.date === 'number').map((d) => d.date as number);
    return isLast ? { kind: 'days', daysOfMonth, isLast } : { kind: 'days', daysOfMonth };
  }
  if (type === 'Weekly' && weekly) {
    return {
      kind: 'weeks',
      weeksOfMonth: (weekly.weeksOfTheMonth ?? []).filter((w): w is WeekOfMonth => w !== 'Invalid'),
      daysOfWeek: days(weekly.daysOfTheWeek),
    };
  }
  return undefined;
}

function days(list: readonly string[] | undefined): DayOfWeek[] {
  return (list ?? []) as DayOfWeek[];
}
