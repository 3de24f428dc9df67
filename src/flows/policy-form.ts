/**
 * The policy form: its fields (with the person's values kept) and the parse from form values to a
 * PolicyDefinition, validated with the domain rule. Shared by the VM path, the vault path and
 * `backup policy create`.
 */
import type { DayOfWeek, MonthOfYear, PolicyDefinition, RetentionFormat, WeekOfMonth } from '../domain/backup.types';
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, POLICY_LIMITS, WEEKS_OF_MONTH, validatePolicyDefinition } from '../domain/backup-policy.rule';
import { WINDOWS_TIME_ZONES } from '../domain/time-zones';
import type { FormValues } from './intents';
import { multiple, single } from './form-values';
import { POLICY_FIELDS as F, type FieldError, type FieldView, type OptionView } from './views';

const option = (value: string, label = value, description?: string): OptionView => (description ? { value, label, description } : { value, label });

/** 00:00, 00:30, ... 23:30: backups start on the hour or half hour. */
export const TIME_OPTIONS: OptionView[] = Array.from({ length: 48 }, (_, i) => {
  const t = `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
  return option(t);
});
export const TIME_ZONE_OPTIONS: OptionView[] = Object.keys(WINDOWS_TIME_ZONES).map((z) => option(z, z, WINDOWS_TIME_ZONES[z]));
const DAY_OPTIONS = DAYS_OF_WEEK.map((d) => option(d));
const WEEK_OPTIONS = WEEKS_OF_MONTH.map((w) => option(w));
const MONTH_OPTIONS = MONTHS_OF_YEAR.map((m) => option(m));

/** What the form shows before the person changes anything. */
export const POLICY_FORM_DEFAULTS: FormValues = {
  [F.frequency]: 'Daily',
  [F.time]: '02:00',
  [F.timeZone]: 'UTC',
  [F.scheduleDays]: ['Sunday'],
  [F.dailyDays]: '30',
  [F.weeklyDays]: ['Sunday'],
  [F.monthlyWeeks]: ['First'],
  [F.monthlyWeekdays]: ['Sunday'],
  [F.yearlyMonths]: ['January'],
  [F.yearlyWeeks]: ['First'],
  [F.yearlyWeekdays]: ['Sunday'],
};

const str = (values: FormValues, id: string): string | undefined => {
  const v = single(values, id);
  return v === '' ? undefined : v;
};
const num = (values: FormValues, id: string): number | undefined => {
  const v = str(values, id);
  return v === undefined || !/^\d+$/.test(v) ? undefined : Number(v);
};
const list = (values: FormValues, id: string): string[] | undefined => (values[id] === undefined ? undefined : multiple(values, id));

/** The policy form's fields, showing `values` (the person's, or the defaults). */
export function policyFields(values: FormValues = POLICY_FORM_DEFAULTS): FieldView[] {
  const L = POLICY_LIMITS;
  return [
    { kind: 'text', id: F.name, label: 'Policy name', value: str(values, F.name), maxLength: 150, hint: '3 to 150 characters: letters, digits, hyphens and underscores, starting with a letter.' },
    { kind: 'select', id: F.frequency, label: 'Backup frequency', style: 'radio', value: str(values, F.frequency), options: [option('Daily'), option('Weekly')] },
    { kind: 'select', id: F.time, label: 'Time', value: str(values, F.time), options: TIME_OPTIONS, hint: 'Backups start on the hour or half hour.' },
    { kind: 'select', id: F.timeZone, label: 'Time zone', value: str(values, F.timeZone), options: TIME_ZONE_OPTIONS },
    { kind: 'multi-select', id: F.scheduleDays, label: 'Days (weekly schedule)', values: list(values, F.scheduleDays), options: DAY_OPTIONS, requiredWhen: 'the schedule is weekly', hint: 'Required when the schedule is weekly: the days backups run. Their weekly points are kept.' },
    { kind: 'number', id: F.dailyDays, label: 'Keep daily backups (days)', value: num(values, F.dailyDays), min: L.dailyDays.min, max: L.dailyDays.max, requiredWhen: 'the schedule is daily', hint: `Required when the schedule is daily: ${L.dailyDays.min} to ${L.dailyDays.max} days. Ignored for weekly schedules.` },
    { kind: 'number', id: F.weeklyWeeks, label: 'Keep weekly backups (weeks)', value: num(values, F.weeklyWeeks), min: L.weeklyWeeks.min, max: L.weeklyWeeks.max, requiredWhen: 'the schedule is weekly', hint: `Required when the schedule is weekly: ${L.weeklyWeeks.min} to ${L.weeklyWeeks.max} weeks. Daily schedules: empty for none.` },
    { kind: 'multi-select', id: F.weeklyDays, label: 'Weekly backup kept from', values: list(values, F.weeklyDays), options: DAY_OPTIONS, optional: true, hint: 'Daily schedules: which day\'s backup counts as the weekly one.' },
    { kind: 'number', id: F.monthlyMonths, label: 'Keep monthly backups (months)', value: num(values, F.monthlyMonths), min: L.monthlyMonths.min, max: L.monthlyMonths.max, optional: true, hint: `${L.monthlyMonths.min} to ${L.monthlyMonths.max} months; empty for none.` },
    { kind: 'multi-select', id: F.monthlyWeeks, label: 'Monthly: week of the month', values: list(values, F.monthlyWeeks), options: WEEK_OPTIONS, optional: true },
    { kind: 'multi-select', id: F.monthlyWeekdays, label: 'Monthly: day of the week', values: list(values, F.monthlyWeekdays), options: DAY_OPTIONS, optional: true },
    { kind: 'text', id: F.monthlyDaysOfMonth, label: 'Monthly: or days of the month', value: str(values, F.monthlyDaysOfMonth), optional: true, placeholder: '1, 15, Last', hint: 'Daily schedules only: days 1 to 28 or Last; replaces week and day above.' },
    { kind: 'number', id: F.yearlyYears, label: 'Keep yearly backups (years)', value: num(values, F.yearlyYears), min: L.yearlyYears.min, max: L.yearlyYears.max, optional: true, hint: `${L.yearlyYears.min} to ${L.yearlyYears.max} years; empty for none.` },
    { kind: 'multi-select', id: F.yearlyMonths, label: 'Yearly: month', values: list(values, F.yearlyMonths), options: MONTH_OPTIONS, optional: true },
    { kind: 'multi-select', id: F.yearlyWeeks, label: 'Yearly: week of the month', values: list(values, F.yearlyWeeks), options: WEEK_OPTIONS, optional: true },
    { kind: 'multi-select', id: F.yearlyWeekdays, label: 'Yearly: day of the week', values: list(values, F.yearlyWeekdays), options: DAY_OPTIONS, optional: true },
    { kind: 'text', id: F.yearlyDaysOfMonth, label: 'Yearly: or days of the month', value: str(values, F.yearlyDaysOfMonth), optional: true, placeholder: '1, Last', hint: 'Daily schedules only: days 1 to 28 or Last; replaces week and day above.' },
    { kind: 'number', id: F.instantRestoreDays, label: 'Instant restore snapshots (days)', value: num(values, F.instantRestoreDays), min: L.instantRpDays.min, max: L.instantRpDays.max, optional: true, hint: 'Daily schedules: 1 to 5 days (default 2). Weekly schedules always keep 5.' },
  ];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: FieldError };
const fieldError = (field: string, code: string, message: string): Parsed<never> => ({ ok: false, error: { field, code, message } });

function parseCount(values: FormValues, id: string, what: string, range: { min: number; max: number }): Parsed<number | undefined> {
  const raw = str(values, id);
  if (raw === undefined) return { ok: true, value: undefined };
  if (!/^\d+$/.test(raw)) return fieldError(id, 'NOT_A_NUMBER', `"${raw.slice(0, 20)}" is not a whole number: enter ${what} from ${range.min} to ${range.max}.`);
  return { ok: true, value: Number(raw) };
}

function parseDaysOfMonth(values: FormValues, id: string): Parsed<RetentionFormat | undefined> {
  const raw = str(values, id);
  if (raw === undefined) return { ok: true, value: undefined };
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  const days: number[] = [];
  let isLast = false;
  for (const p of parts) {
    if (/^last$/i.test(p)) isLast = true;
    else if (/^\d+$/.test(p)) days.push(Number(p));
    else return fieldError(id, 'POLICY_FORMAT_DAYS', `"${p.slice(0, 20)}" is not a day of the month: use numbers from 1 to 28 and Last, separated by commas.`);
  }
  return { ok: true, value: { kind: 'days', daysOfMonth: [...new Set(days)], isLast } };
}

function weekFormat(values: FormValues, weeksId: string, daysId: string): RetentionFormat {
  return { kind: 'weeks', weeksOfMonth: multiple(values, weeksId) as WeekOfMonth[], daysOfWeek: multiple(values, daysId) as DayOfWeek[] };
}

/** Where the domain rule's field names land on the form (most are the same id). */
function formField(field: string, code: string, def: PolicyDefinition): string {
  const weekly = def.schedule.frequency === 'Weekly';
  switch (field) {
    case 'weeklyRetentionDays':
      return weekly ? F.scheduleDays : F.weeklyDays;
    case 'monthlyRetentionFormat':
      if (def.retention.monthly?.format.kind === 'days') return F.monthlyDaysOfMonth;
      return code === 'POLICY_FORMAT_WEEKDAYS' ? F.monthlyWeekdays : F.monthlyWeeks;
    case 'yearlyRetentionFormat':
      if (def.retention.yearly?.format.kind === 'days') return F.yearlyDaysOfMonth;
      return code === 'POLICY_FORMAT_WEEKDAYS' ? F.yearlyWeekdays : F.yearlyWeeks;
    default:
      return field;
  }
}

/**
 * Form values to a validated PolicyDefinition, or the first field error. Fields that do not apply
 * to the chosen frequency are ignored (daily retention with a weekly schedule; weekly retention
 * days with a weekly schedule are the schedule's days).
 */
export function parsePolicyForm(values: FormValues): Parsed<PolicyDefinition> {
  const frequency = str(values, F.frequency) ?? 'Daily';
  if (frequency !== 'Daily' && frequency !== 'Weekly') return fieldError(F.frequency, 'POLICY_FREQUENCY_INVALID', 'The schedule is Daily or Weekly.');
  const weekly = frequency === 'Weekly';
  const scheduleDays = multiple(values, F.scheduleDays) as DayOfWeek[];

  const daily = parseCount(values, F.dailyDays, 'days', POLICY_LIMITS.dailyDays);
  if (!daily.ok) return daily;
  const weeks = parseCount(values, F.weeklyWeeks, 'weeks', POLICY_LIMITS.weeklyWeeks);
  if (!weeks.ok) return weeks;
  const months = parseCount(values, F.monthlyMonths, 'months', POLICY_LIMITS.monthlyMonths);
  if (!months.ok) return months;
  const years = parseCount(values, F.yearlyYears, 'years', POLICY_LIMITS.yearlyYears);
  if (!years.ok) return years;
  const instant = parseCount(values, F.instantRestoreDays, 'days', POLICY_LIMITS.instantRpDays);
  if (!instant.ok) return instant;
  const monthlyDays = parseDaysOfMonth(values, F.monthlyDaysOfMonth);
  if (!monthlyDays.ok) return monthlyDays;
  const yearlyDays = parseDaysOfMonth(values, F.yearlyDaysOfMonth);
  if (!yearlyDays.ok) return yearlyDays;

  const retention: PolicyDefinition['retention'] = {};
  if (!weekly && daily.value !== undefined) retention.daily = { days: daily.value };
  if (weeks.value !== undefined) {
    const days = weekly ? scheduleDays : (multiple(values, F.weeklyDays) as DayOfWeek[]);
    retention.weekly = { weeks: weeks.value, daysOfWeek: days.length || weekly ? days : ['Sunday'] };
  }
  if (months.value !== undefined) {
    retention.monthly = { months: months.value, format: monthlyDays.value ?? weekFormat(values, F.monthlyWeeks, F.monthlyWeekdays) };
  }
  if (years.value !== undefined) {
    retention.yearly = {
      years: years.value,
      monthsOfYear: multiple(values, F.yearlyMonths) as MonthOfYear[],
      format: yearlyDays.value ?? weekFormat(values, F.yearlyWeeks, F.yearlyWeekdays),
    };
  }
  const def: PolicyDefinition = {
    name: str(values, F.name) ?? '',
    schedule: {
      frequency,
      time: str(values, F.time) ?? '',
      timeZone: str(values, F.timeZone) ?? '',
      ...(weekly ? { daysOfWeek: scheduleDays } : {}),
    },
    retention,
    ...(instant.value !== undefined ? { instantRpRetentionDays: instant.value } : {}),
  };
  const checked = validatePolicyDefinition(def);
  if (!checked.ok) return fieldError(formField(checked.field, checked.code, def), checked.code, checked.message);
  return { ok: true, value: checked.value };
}

/** True when a policy of that name already exists (Azure compares names without case). */
export function policyNameTaken(name: string, existing: { name: string }[]): boolean {
  return existing.some((p) => p.name.toLowerCase() === name.toLowerCase());
}
