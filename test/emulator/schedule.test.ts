import { SEED, type RunningEmulator } from '../../emulator';
import { nextRunAfter, policySchedule } from '../../emulator/backup/policy-schedule';
import { scheduledExpiry } from '../../emulator/backup/retention';
import { BACKUP_API, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';
import { enableProtection, getItem, getJob, pollUntilDone } from './support/flows';
import { WEU_VAULT, itemPath } from './support/seed-paths';

const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

function dailyPolicy(time: string, days: number, timeZone = 'UTC') {
  return {
    backupManagementType: 'AzureIaasVM',
    timeZone,
    schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Daily', scheduleRunTimes: [`2026-01-01T${time}:00Z`] },
    retentionPolicy: { retentionPolicyType: 'LongTermRetentionPolicy', dailySchedule: { retentionTimes: [`2026-01-01T${time}:00Z`], retentionDuration: { count: days, durationType: 'Days' } } },
  };
}

function weeklyPolicy(time: string, days: string[], weeks: number, timeZone: string) {
  return {
    backupManagementType: 'AzureIaasVM',
    timeZone,
    schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Weekly', scheduleRunDays: days, scheduleRunTimes: [`2026-01-04T${time}:00Z`] },
    retentionPolicy: {
      retentionPolicyType: 'LongTermRetentionPolicy',
      weeklySchedule: { daysOfTheWeek: days, retentionTimes: [`2026-01-04T${time}:00Z`], retentionDuration: { count: weeks, durationType: 'Weeks' } },
      monthlySchedule: {
        retentionScheduleFormatType: 'Weekly',
        retentionScheduleWeekly: { daysOfTheWeek: [days[0]], weeksOfTheMonth: ['First'] },
        retentionTimes: [`2026-01-04T${time}:00Z`],
        retentionDuration: { count: 6, durationType: 'Months' },
      },
    },
  };
}

describe('policy schedules and retention (pure)', () => {
  it('reads the wall-clock time in the policy time zone and follows daylight saving', () => {
    const schedule = policySchedule(dailyPolicy('02:00', 7, 'Pacific Standard Time'))!;
    // 2026-03-08 is the US switch to daylight time: 02:00 PST is 10:00Z before, 09:00Z after.
    expect(iso(nextRunAfter(schedule, Date.parse('2026-03-06T12:00:00Z'))!)).toBe('2026-03-07T10:00:00.000Z');
    expect(iso(nextRunAfter(schedule, Date.parse('2026-03-08T12:00:00Z'))!)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('runs weekly schedules on their days only; unknown zones run as UTC', () => {
    const schedule = policySchedule(weeklyPolicy('22:00', ['Sunday', 'Wednesday'], 4, 'W. Europe Standard Time'))!;
    expect(iso(nextRunAfter(schedule, Date.parse('2026-03-02T08:00:00Z'))!)).toBe('2026-03-04T21:00:00.000Z');
    expect(iso(nextRunAfter(schedule, Date.parse('2026-03-04T21:00:00Z'))!)).toBe('2026-03-08T21:00:00.000Z');
    const utc = policySchedule(dailyPolicy('06:30', 7, 'Middle Earth Standard Time'))!;
    expect(iso(nextRunAfter(utc, Date.parse('2026-03-02T08:00:00Z'))!)).toBe('2026-03-03T06:30:00.000Z');
  });

  it('keeps a point as long as the longest rule that applies to its day', () => {
    const policy = weeklyPolicy('22:00', ['Sunday', 'Wednesday'], 4, 'UTC');
    const wednesday = Date.parse('2026-03-11T22:00:00Z');
    expect(scheduledExpiry(policy, wednesday)).toBe(wednesday + 28 * DAY);
    // The first Sunday of March is also the monthly point: six months.
    const firstSunday = Date.parse('2026-03-01T22:00:00Z');
    expect(iso(scheduledExpiry(policy, firstSunday)!)).toBe('2026-09-01T22:00:00.000Z');
    const daily = dailyPolicy('21:00', 14);
    expect(scheduledExpiry(daily, Date.parse('2026-03-02T21:00:00Z'))).toBe(Date.parse('2026-03-16T21:00:00Z'));
  });
});

describe('scheduled backups over HTTPS', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator({ startTime: new Date('2026-03-02T08:00:00Z'), backupJobDurationMs: 90_000, configureJobDurationMs: 20_000 }));
  });

  afterEach(async () => {
    await emulator.close();
  });

  const scheduledJobs = async () =>
    ((await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'Backup'")}`)).body.value as any[]).filter(
      (j) => j.properties.entityFriendlyName === 'web-02',
    );

  it('fires the policy schedule on the emulated clock, with points expiring per retention', async () => {
    expect((await arm.put(`${WEU_VAULT}/backupPolicies/nightly?${BACKUP_API}`, { properties: dailyPolicy('21:00', 14) })).status).toBe(200);
    const accepted = await enableProtection(arm, WEU_VAULT, SEED.unprotectedVmId, 'nightly');
    await pollUntilDone(arm, accepted.headers['azure-asyncoperation']);

    await emulator.advance(Date.parse('2026-03-02T20:59:00Z') - emulator.now().getTime());
    expect(await scheduledJobs()).toEqual([]);
    await emulator.advance(2 * 60_000);
    const [job] = await scheduledJobs();
    expect(job.properties).toEqual(expect.objectContaining({ status: 'InProgress', isUserTriggered: false, startTime: '2026-03-02T21:00:00.000Z' }));

    await emulator.advance(2 * 60_000);
    const points = (await arm.get(`${itemPath(WEU_VAULT, SEED.unprotectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value;
    expect(points).toHaveLength(1);
    expect(Date.parse(points[0].properties.recoveryPointProperties.expiryTime) - Date.parse('2026-03-02T21:00:00Z')).toBe(14 * DAY);
    expect((await getItem(arm, WEU_VAULT, SEED.unprotectedVmId)).body.properties.protectionState).toBe('Protected');

    // Two more weeks: a point a day, and the oldest expire on schedule.
    await emulator.advance(15 * DAY);
    const later = (await arm.get(`${itemPath(WEU_VAULT, SEED.unprotectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value;
    expect(later).toHaveLength(14);
    expect(later[later.length - 1].properties.recoveryPointTime).toBe('2026-03-04T21:00:30.000Z');
  });

  it('follows a policy change, and stops firing once protection is stopped', async () => {
    const current = (await arm.get(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`)).body.properties;
    const moved = { ...current, schedulePolicy: { ...current.schedulePolicy, scheduleRunTimes: ['2026-01-01T09:30:00Z'] } };
    const update = await arm.put(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`, { properties: moved });
    expect(update.status).toBe(202);
    const status = await pollUntilDone(arm, update.headers['azure-asyncoperation']);
    expect(status.body.properties.jobIds).toHaveLength(1);
    expect((await getJob(arm, WEU_VAULT, status.body.properties.jobIds[0])).properties.operation).toBe('ConfigureBackup');

    await emulator.advance(2 * 60 * 60 * 1000);
    const webJobs = (await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'Backup'")}`)).body.value;
    expect(webJobs[0].properties.startTime).toBe('2026-03-02T09:30:00.000Z');

    const stop = await arm.put(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: SEED.protectedVmId, policyId: '' },
    });
    expect(stop.status).toBe(202);
    await arm.get(pathOf(stop.headers['azure-asyncoperation']));
    const before = (await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'Backup'")}`)).body.value.length;
    await emulator.advance(3 * DAY);
    const after = (await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'Backup'")}`)).body.value.length;
    expect(after).toBe(before);
  });

  it('pages the job list 100 at a time with a nextLink that keeps the filter', async () => {
    await emulator.advance(130 * DAY);
    const filter = "operation eq 'Backup' and backupManagementType eq 'AzureIaasVM'";
    const first = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent(filter)}`);
    expect(first.body.value).toHaveLength(100);
    const next = new URL(first.body.nextLink);
    expect(next.searchParams.get('$filter')).toBe(filter);
    expect(next.searchParams.get('api-version')).toBe('2023-06-01');
    expect(next.searchParams.get('$skipToken')).toBeTruthy();
    const second = await arm.get(pathOf(first.body.nextLink));
    expect(second.body.nextLink).toBeUndefined();
    // Five seeded days plus 130 scheduled days.
    expect(first.body.value.length + second.body.value.length).toBe(135);
    const names = new Set([...first.body.value, ...second.body.value].map((j: any) => j.name));
    expect(names.size).toBe(135);
  });
});
