import type { ProtectionPolicyResource } from '@azure/arm-recoveryservicesbackup';
import { fromAzurePolicy, timeOfDayFromAzure, timeOfDayToAzure, toAzurePolicy } from '../../../src/backup/azure/policy.mapper';
import type { PolicyDefinition } from '../../../src/domain/backup.types';
import { asSdk, readExample } from './vendor-examples';

const VAULT = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1';

/** Replaces every ISO date-time by its UTC time of day: Azure keeps only the time of a run time. */
function timesOfDay(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return timeOfDayFromAzure(value);
  if (value instanceof Date) return timeOfDayFromAzure(value);
  if (Array.isArray(value)) return value.map(timesOfDay);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, timesOfDay(v)]));
  return value;
}

const weeklyComplex: PolicyDefinition = {
  name: 'testPolicy1',
  schedule: { frequency: 'Weekly', time: '10:00', timeZone: 'Pacific Standard Time', daysOfWeek: ['Monday', 'Wednesday', 'Thursday'] },
  retention: {
    weekly: { weeks: 1, daysOfWeek: ['Monday', 'Wednesday', 'Thursday'] },
    monthly: { months: 2, format: { kind: 'weeks', weeksOfMonth: ['First', 'Third'], daysOfWeek: ['Wednesday', 'Thursday'] } },
    yearly: { years: 4, monthsOfYear: ['February', 'November'], format: { kind: 'weeks', weeksOfMonth: ['Fourth'], daysOfWeek: ['Monday', 'Thursday'] } },
  },
};

describe('policy mapper', () => {
  it('writes a weekly policy with monthly and yearly retention exactly as ProtectionPolicies_CreateOrUpdate_Complex.json', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json');
    const expected = (example.parameters.parameters as { properties: unknown }).properties;
    const written = JSON.parse(JSON.stringify(toAzurePolicy(weeklyComplex)));
    expect(timesOfDay(written)).toEqual(timesOfDay(expected));
  });

  it('reads the example policy back to the same definition', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/ProtectionPolicies_CreateOrUpdate_Complex.json');
    const policy = fromAzurePolicy(asSdk<ProtectionPolicyResource>(example.responses['200'].body), VAULT);
    expect(policy).toEqual({ ...weeklyComplex, id: expect.stringContaining('/backupPolicies/testPolicy1'), vaultId: VAULT, protectedItemsCount: 0 });
  });

  it('reads a daily policy (ProtectionPolicies_Get.json)', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/ProtectionPolicies_Get.json');
    const policy = fromAzurePolicy(asSdk<ProtectionPolicyResource>(example.responses['200'].body), VAULT);
    expect(policy?.schedule).toEqual({ frequency: 'Daily', time: '02:00', timeZone: 'Pacific Standard Time' });
    expect(policy?.retention).toEqual({ daily: { days: 1 } });
  });

  it('reads an Enhanced (V2) daily policy', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/V2Policy/v2-Get-Policy.json');
    const policy = fromAzurePolicy(asSdk<ProtectionPolicyResource>(example.responses['200'].body), VAULT);
    expect(policy?.schedule.frequency).toBe('Daily');
    expect(policy?.schedule.time).toBe('10:00');
    expect(policy?.instantRpRetentionDays).toBe(30);
  });

  it('round-trips day-based monthly and yearly retention, the last day of the month included', () => {
    const def: PolicyDefinition = {
      name: 'daily-days',
      schedule: { frequency: 'Daily', time: '23:30', timeZone: 'UTC' },
      retention: {
        daily: { days: 30 },
        weekly: { weeks: 12, daysOfWeek: ['Sunday'] },
        monthly: { months: 60, format: { kind: 'days', daysOfMonth: [1, 15], isLast: true } },
        yearly: { years: 10, monthsOfYear: ['January'], format: { kind: 'days', daysOfMonth: [1] } },
      },
      instantRpRetentionDays: 2,
    };
    const azure = toAzurePolicy(def);
    const monthly = (azure.retentionPolicy as { monthlySchedule?: { retentionScheduleDaily?: unknown } }).monthlySchedule;
    expect(monthly?.retentionScheduleDaily).toEqual({ daysOfTheMonth: [{ date: 1, isLast: false }, { date: 15, isLast: false }, { date: 0, isLast: true }] });
    const back = fromAzurePolicy({ id: `${VAULT}/backupPolicies/daily-days`, name: 'daily-days', properties: azure }, VAULT);
    expect(back).toEqual({ ...def, id: `${VAULT}/backupPolicies/daily-days`, vaultId: VAULT, protectedItemsCount: 0 });
  });

  it('keeps only the time of day of run times', () => {
    expect(timeOfDayToAzure('07:30').toISOString()).toMatch(/T07:30:00.000Z$/);
    expect(timeOfDayFromAzure('2018-01-24T10:00:00Z')).toBe('10:00');
    expect(() => timeOfDayToAzure('7:30pm')).toThrow();
  });

  it('skips policies it cannot show faithfully (other workloads, hourly)', () => {
    expect(fromAzurePolicy({ id: `${VAULT}/backupPolicies/sql`, name: 'sql', properties: { backupManagementType: 'AzureWorkload' } }, VAULT)).toBeUndefined();
    const hourly = asSdk<ProtectionPolicyResource>({
      id: `${VAULT}/backupPolicies/h`,
      name: 'h',
      properties: {
        backupManagementType: 'AzureIaasVM',
        schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicyV2', scheduleRunFrequency: 'Hourly', hourlySchedule: { interval: 4 } },
        retentionPolicy: { retentionPolicyType: 'LongTermRetentionPolicy', dailySchedule: { retentionDuration: { count: 7, durationType: 'Days' } } },
      },
    });
    expect(fromAzurePolicy(hourly, VAULT)).toBeUndefined();
  });
});
