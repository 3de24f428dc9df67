/**
 * The rest of protection's life at the wire: resume after a stop and a policy change are both a
 * PUT of the protected item with another policy's id, the body of Microsoft's
 * AzureIaasVm/ConfigureProtection.json (protectedItemType, sourceResourceId, policyId), which is
 * what azure-cli sends for `az backup protection resume` and `az backup item set-policy`
 * (custom.py: resume_protection -> update_policy_for_item). Each answers 202 with the item
 * operation's Azure-AsyncOperation and Location, and runs a ConfigureBackup job.
 */
import { SEED, type RunningEmulator } from '../../emulator';
import { BACKUP_API, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';
import { enableProtection, getItem, getJob, pollUntilDone } from './support/flows';
import { WEU_VAULT, itemPath } from './support/seed-paths';

const DAY = 24 * 60 * 60 * 1000;

/** A weekly policy as ProtectionPolicies_CreateOrUpdate_Simple.json shapes one. */
const WEEKLY = {
  properties: {
    backupManagementType: 'AzureIaasVM',
    timeZone: 'UTC',
    schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Weekly', scheduleRunDays: ['Sunday'], scheduleRunTimes: ['2026-01-04T22:00:00Z'] },
    retentionPolicy: {
      retentionPolicyType: 'LongTermRetentionPolicy',
      weeklySchedule: { daysOfTheWeek: ['Sunday'], retentionTimes: ['2026-01-04T22:00:00Z'], retentionDuration: { count: 12, durationType: 'Weeks' } },
    },
  },
};

describe('emulator: resume protection and change the policy (ConfigureProtection.json)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
    expect((await arm.put(`${WEU_VAULT}/backupPolicies/Weekly-Sun?${BACKUP_API}`, WEEKLY)).status).toBe(200);
  });
  afterEach(async () => {
    await emulator.close();
  });

  async function configureJobOf(accepted: { headers: Record<string, string> }): Promise<any> {
    const status = await pollUntilDone(arm, accepted.headers['azure-asyncoperation']);
    expect(status.body.status).toBe('Succeeded');
    return (await getJob(arm, WEU_VAULT, status.body.properties.jobId)).properties;
  }

  it('resumes a stopped item with another policy: 202, a ConfigureBackup job, the item Protected with that policy, its points kept', async () => {
    const stop = await arm.put(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: SEED.protectedVmId, protectionState: 'ProtectionStopped' },
    });
    await pollUntilDone(arm, stop.headers['azure-asyncoperation']);
    const stopped = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(stopped.protectionState).toBe('ProtectionStopped');
    expect(stopped.policyId).toBeUndefined();

    const resumed = await enableProtection(arm, WEU_VAULT, SEED.protectedVmId, 'Weekly-Sun');
    expect(resumed.status).toBe(202);
    expect(resumed.headers['azure-asyncoperation']).toContain('/operationsStatus/');
    expect(resumed.headers.location).toContain('/operationResults/');
    expect(await configureJobOf(resumed)).toEqual(expect.objectContaining({ operation: 'ConfigureBackup', status: 'Completed', entityFriendlyName: 'web-01' }));
    const result = await arm.get(pathOf(resumed.headers.location));
    expect(result.status).toBe(200);
    expect(result.body.properties).toEqual(expect.objectContaining({ protectionState: 'Protected', policyName: 'Weekly-Sun' }));
    expect(result.body.properties.policyId.toLowerCase()).toBe(`${WEU_VAULT}/backupPolicies/Weekly-Sun`.toLowerCase());
    expect(result.body.properties.extendedInfo.recoveryPointCount).toBe(stopped.extendedInfo.recoveryPointCount);

    // Scheduled backups follow the new policy from now on: Sundays at 22:00 UTC only.
    const resumedAt = emulator.now().getTime();
    await emulator.advance(8 * DAY);
    const backups = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'Backup'")}`);
    const started = backups.body.value
      .filter((j: any) => j.properties.entityFriendlyName === 'web-01')
      .map((j: any) => new Date(j.properties.startTime))
      .filter((d: Date) => d.getTime() > resumedAt);
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((d: Date) => d.getUTCDay() === 0 && d.getUTCHours() === 22)).toBe(true);
  });

  it('changes the policy of a protected item with the same PUT: 202, a ConfigureBackup job, the new policy on the item', async () => {
    const changed = await enableProtection(arm, WEU_VAULT, SEED.protectedVmId, 'Weekly-Sun');
    expect(changed.status).toBe(202);
    expect(await configureJobOf(changed)).toEqual(expect.objectContaining({ operation: 'ConfigureBackup', status: 'Completed' }));
    const item = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(item).toEqual(expect.objectContaining({ protectionState: 'Protected', policyName: 'Weekly-Sun' }));
  });

  it('refuses a policy the vault does not have, and changes nothing', async () => {
    const refused = await enableProtection(arm, WEU_VAULT, SEED.protectedVmId, 'Gold');
    expect(refused.status).toBe(400);
    expect((await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties.policyName).toBe('DefaultPolicy');
  });
});
