/**
 * The DefaultPolicy Azure creates in every new Recovery Services vault: daily at a fixed time,
 * 30-day retention (BackupPolicies_List.json shows it). `createdAt` dates the run times the way
 * Azure does (the date part carries no meaning).
 */
export function defaultPolicyProperties(createdAt: number): Record<string, unknown> {
  const day = new Date(createdAt).toISOString().slice(0, 10);
  const runTime = `${day}T19:00:00Z`;
  return {
    backupManagementType: 'AzureIaasVM',
    policyType: 'V1',
    instantRpRetentionRangeInDays: 2,
    schedulePolicy: {
      schedulePolicyType: 'SimpleSchedulePolicy',
      scheduleRunFrequency: 'Daily',
      scheduleRunTimes: [runTime],
      scheduleWeeklyFrequency: 0,
    },
    retentionPolicy: {
      retentionPolicyType: 'LongTermRetentionPolicy',
      dailySchedule: {
        retentionTimes: [runTime],
        retentionDuration: { count: 30, durationType: 'Days' },
      },
    },
    timeZone: 'UTC',
  };
}
