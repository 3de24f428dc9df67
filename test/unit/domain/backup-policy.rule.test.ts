import type { PolicyDefinition } from '../../../src/domain/backup.types';
import { nextScheduledRun, validatePolicyDefinition } from '../../../src/domain/backup-policy.rule';

const daily: PolicyDefinition = {
  name: 'daily-prod',
  schedule: { frequency: 'Daily', time: '02:00', timeZone: 'UTC' },
  retention: { daily: { days: 30 } },
};

const weekly: PolicyDefinition = {
  name: 'weekly-archive',
  schedule: { frequency: 'Weekly', time: '22:30', timeZone: 'W. Europe Standard Time', daysOfWeek: ['Sunday'] },
  retention: {
    weekly: { weeks: 12, daysOfWeek: ['Sunday'] },
    monthly: { months: 12, format: { kind: 'weeks', weeksOfMonth: ['First'], daysOfWeek: ['Sunday'] } },
    yearly: { years: 7, monthsOfYear: ['January'], format: { kind: 'weeks', weeksOfMonth: ['First'], daysOfWeek: ['Sunday'] } },
  },
};

function failure(def: PolicyDefinition) {
  const r = validatePolicyDefinition(def);
  if (r.ok) throw new Error('expected a failure');
  return r;
}

describe('validatePolicyDefinition', () => {
  it('accepts a daily and a weekly policy with long-term retention', () => {
    expect(validatePolicyDefinition(daily).ok).toBe(true);
    expect(validatePolicyDefinition(weekly).ok).toBe(true);
    expect(
      validatePolicyDefinition({
        ...daily,
        retention: {
          daily: { days: 7 },
          weekly: { weeks: 5163, daysOfWeek: ['Monday'] },
          monthly: { months: 1188, format: { kind: 'days', daysOfMonth: [1, 15], isLast: false } },
          yearly: { years: 99, monthsOfYear: ['December'], format: { kind: 'days', daysOfMonth: [], isLast: true } },
        },
      }).ok,
    ).toBe(true);
  });

  it.each<[string, PolicyDefinition, string, string]>([
    ['bad name', { ...daily, name: '1x' }, 'policyName', 'POLICY_NAME_INVALID'],
    ['reserved name', { ...daily, name: 'defaultpolicy' }, 'policyName', 'POLICY_NAME_RESERVED'],
    ['time not on the half hour', { ...daily, schedule: { ...daily.schedule, time: '02:15' } }, 'scheduleTime', 'POLICY_TIME_INVALID'],
    ['time out of range', { ...daily, schedule: { ...daily.schedule, time: '24:00' } }, 'scheduleTime', 'POLICY_TIME_INVALID'],
    ['unknown time zone', { ...daily, schedule: { ...daily.schedule, timeZone: 'Mars/Olympus' } }, 'timeZone', 'POLICY_TIME_ZONE_INVALID'],
    ['daily retention too short', { ...daily, retention: { daily: { days: 6 } } }, 'dailyRetention', 'POLICY_DAILY_RANGE'],
    ['daily retention too long', { ...daily, retention: { daily: { days: 10000 } } }, 'dailyRetention', 'POLICY_DAILY_RANGE'],
    ['daily schedule without daily retention', { ...daily, retention: {} }, 'dailyRetention', 'POLICY_DAILY_REQUIRED'],
    ['weekly without days', { ...weekly, schedule: { ...weekly.schedule, daysOfWeek: [] } }, 'scheduleDays', 'POLICY_DAYS_REQUIRED'],
    ['weekly with daily retention', { ...weekly, retention: { ...weekly.retention, daily: { days: 30 } } }, 'dailyRetention', 'POLICY_DAILY_WITH_WEEKLY'],
    ['weekly without weekly retention', { ...weekly, retention: { monthly: weekly.retention.monthly } }, 'weeklyRetention', 'POLICY_WEEKLY_REQUIRED'],
    ['weekly retention on other days', { ...weekly, retention: { ...weekly.retention, weekly: { weeks: 4, daysOfWeek: ['Monday'] } } }, 'weeklyRetentionDays', 'POLICY_WEEKLY_DAYS_MISMATCH'],
    ['weeks out of range', { ...weekly, retention: { ...weekly.retention, weekly: { weeks: 5164, daysOfWeek: ['Sunday'] } } }, 'weeklyRetention', 'POLICY_WEEKLY_RANGE'],
    ['months out of range', { ...weekly, retention: { ...weekly.retention, monthly: { months: 0, format: { kind: 'weeks', weeksOfMonth: ['First'], daysOfWeek: ['Sunday'] } } } }, 'monthlyRetention', 'POLICY_MONTHLY_RANGE'],
    ['years out of range', { ...weekly, retention: { ...weekly.retention, yearly: { years: 100, monthsOfYear: ['May'], format: { kind: 'weeks', weeksOfMonth: ['Last'], daysOfWeek: ['Sunday'] } } } }, 'yearlyRetention', 'POLICY_YEARLY_RANGE'],
    ['yearly without months', { ...weekly, retention: { ...weekly.retention, yearly: { years: 2, monthsOfYear: [], format: { kind: 'weeks', weeksOfMonth: ['Last'], daysOfWeek: ['Sunday'] } } } }, 'yearlyRetentionMonths', 'POLICY_YEARLY_MONTHS_REQUIRED'],
    ['day-based monthly on a weekly schedule', { ...weekly, retention: { ...weekly.retention, monthly: { months: 6, format: { kind: 'days', daysOfMonth: [1] } } } }, 'monthlyRetentionFormat', 'POLICY_FORMAT_WEEK_BASED'],
    ['day of month 29', { ...daily, retention: { daily: { days: 30 }, monthly: { months: 6, format: { kind: 'days', daysOfMonth: [29] } } } }, 'monthlyRetentionFormat', 'POLICY_FORMAT_DAYS'],
    ['week-based without weeks', { ...daily, retention: { daily: { days: 30 }, monthly: { months: 6, format: { kind: 'weeks', weeksOfMonth: [], daysOfWeek: ['Sunday'] } } } }, 'monthlyRetentionFormat', 'POLICY_FORMAT_WEEKS'],
    ['instant restore out of range', { ...daily, instantRpRetentionDays: 6 }, 'instantRpRetentionDays', 'POLICY_INSTANT_RP_RANGE'],
    ['instant restore on weekly', { ...weekly, instantRpRetentionDays: 2 }, 'instantRpRetentionDays', 'POLICY_INSTANT_RP_WEEKLY'],
  ])('refuses %s', (_label, def, field, code) => {
    const r = failure(def);
    expect(r.field).toBe(field);
    expect(r.code).toBe(code);
    expect(r.message.length).toBeGreaterThan(20);
  });
});

describe('nextScheduledRun', () => {
  it('finds today when the time is still ahead, else tomorrow (UTC)', () => {
    expect(nextScheduledRun(daily.schedule, new Date('2026-11-24T01:00:00Z')).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(nextScheduledRun(daily.schedule, new Date('2026-11-24T02:00:00Z')).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });

  it('honours the time zone and the weekly days', () => {
    // 2026-11-24 is a Tuesday; next Sunday 22:30 in Berlin (CET, UTC+1) is 21:30Z on the 29th.
    expect(nextScheduledRun(weekly.schedule, new Date('2026-11-24T12:00:00Z')).toISOString()).toBe('2026-11-29T21:30:00.000Z');
  });

  it('handles summer time', () => {
    const s = { frequency: 'Daily' as const, time: '02:00', timeZone: 'Eastern Standard Time' };
    // July: EDT, UTC-4.
    expect(nextScheduledRun(s, new Date('2026-07-01T00:00:00Z')).toISOString()).toBe('2026-07-01T06:00:00.000Z');
  });
});
