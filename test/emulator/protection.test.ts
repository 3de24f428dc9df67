import { SEED, type RunningEmulator } from '../../emulator';
import { BACKUP_API, VAULT_API, createResourceGroup, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';
import { enableProtection, getItem, getJob, pollUntilDone } from './support/flows';
import { EUS_VAULT, NEU_VAULT, SUB, WEU_VAULT, itemPath, policyId } from './support/seed-paths';

const DAY = 24 * 60 * 60 * 1000;

describe('protection: discovery, enable, stop, delete (pattern B 202s)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('lists protectable VMs only after refreshContainers, only in the vault region and not yet protected', async () => {
    const url = `${WEU_VAULT}/backupProtectableItems?${BACKUP_API}&$filter=${encodeURIComponent("backupManagementType eq 'AzureIaasVM'")}`;
    expect((await arm.get(url)).body.value).toEqual([]);

    const accepted = await arm.post(`${WEU_VAULT}/backupFabrics/Azure/refreshContainers?${BACKUP_API}`);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toContain('/backupFabrics/Azure/operationResults/');
    expect(accepted.headers['azure-asyncoperation']).toBeUndefined();
    const running = await arm.get(pathOf(accepted.headers.location));
    expect(running.status).toBe(202);
    expect(running.headers.location).toBeDefined();
    expect((await arm.get(pathOf(accepted.headers.location))).status).toBe(204);

    const items = (await arm.get(url)).body.value;
    const names = items.map((i: any) => i.properties.friendlyName);
    expect(names).toEqual(['web-02', 'web-03', 'web-04', 'lb-01', 'sql-01', 'sql-02', 'redis-01']);
    expect(items[0].properties).toEqual(expect.objectContaining({ protectableItemType: 'Microsoft.Compute/virtualMachines', protectionState: 'NotProtected', virtualMachineId: SEED.unprotectedVmId }));
  });

  it('enables protection: 202, item IRPending as Azure shows a fresh item, ConfigureBackup job, result 200 with the item', async () => {
    const accepted = await enableProtection(arm, WEU_VAULT, SEED.unprotectedVmId);
    expect(accepted.status).toBe(202);
    expect(accepted.headers['azure-asyncoperation']).toContain('/operationsStatus/');
    expect(accepted.headers.location).toContain('/operationResults/');

    const fresh = (await getItem(arm, WEU_VAULT, SEED.unprotectedVmId)).body.properties;
    expect(fresh).toEqual(expect.objectContaining({ protectionState: 'IRPending', lastBackupStatus: '', lastBackupTime: '2001-01-01T00:00:00Z', healthStatus: 'Passed', policyName: 'DefaultPolicy' }));
    expect(fresh.lastRecoveryPoint).toBeUndefined();

    const status1 = await arm.get(pathOf(accepted.headers['azure-asyncoperation']));
    expect(status1.body.status).toBe('InProgress');
    const jobName = status1.body.properties.jobId;
    expect((await getJob(arm, WEU_VAULT, jobName)).properties).toEqual(expect.objectContaining({ operation: 'ConfigureBackup', status: 'InProgress' }));
    const status2 = await arm.get(pathOf(accepted.headers['azure-asyncoperation']));
    expect(status2.body).toEqual(expect.objectContaining({ status: 'Succeeded', properties: { objectType: 'OperationStatusJobExtendedInfo', jobId: jobName } }));
    expect((await getJob(arm, WEU_VAULT, jobName)).properties.status).toBe('Completed');
    const result = await arm.get(pathOf(accepted.headers.location));
    expect(result.status).toBe(200);
    expect(result.body.properties.protectionState).toBe('IRPending');

    const list = await arm.get(`${WEU_VAULT}/backupProtectedItems?${BACKUP_API}&$filter=${encodeURIComponent("backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'")}`);
    expect(list.body.value.map((i: any) => i.properties.friendlyName).sort()).toEqual(['web-01', 'web-02']);
  });

  it('refuses a VM of another region, and a VM protected by another vault', async () => {
    const otherRegion = await enableProtection(arm, WEU_VAULT, SEED.otherRegionVmId);
    expect(otherRegion.status).toBe(400);
    expect(otherRegion.body.error.code).toBe('BMSUserErrorInvalidConfigureProtectionRequest');
    expect(otherRegion.body.error.message).toMatch(/northeurope/);

    await createResourceGroup(arm, SUB, 'rg-backup-2', 'westeurope');
    const second = `/subscriptions/${SUB}/resourceGroups/rg-backup-2/providers/Microsoft.RecoveryServices/vaults/rsv-second-weu`;
    expect((await arm.put(`${second}?${VAULT_API}`, { location: 'westeurope' })).status).toBe(201);
    const elsewhere = await enableProtection(arm, second, SEED.protectedVmId);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/another recovery services vault/);
  });

  it('fails enabling a VM without the agent: operation Failed with Azure\'s code, ConfigureBackup job Failed, no item', async () => {
    const accepted = await enableProtection(arm, NEU_VAULT, SEED.agentlessVmId);
    expect(accepted.status).toBe(202);
    const done = await pollUntilDone(arm, accepted.headers['azure-asyncoperation']);
    expect(done.body.status).toBe('Failed');
    expect(done.body.error.code).toBe('UserErrorGuestAgentStatusUnavailable');
    const job = await getJob(arm, NEU_VAULT, done.body.properties.jobId);
    expect(job.properties.status).toBe('Failed');
    expect(job.properties.errorDetails[0]).toEqual(expect.objectContaining({ errorString: 'VM Agent unable to communicate with Azure Backup', errorCode: expect.any(Number) }));
    expect(job.properties.errorDetails[0].recommendations.length).toBeGreaterThan(0);
    expect((await getItem(arm, NEU_VAULT, SEED.agentlessVmId)).status).toBe(404);
    const result = await arm.get(pathOf(accepted.headers.location));
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('UserErrorGuestAgentStatusUnavailable');
  });

  it('stops protection keeping the data, then refuses a backup of the stopped item', async () => {
    const stopped = await arm.put(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: SEED.protectedVmId, protectionState: 'ProtectionStopped' },
    });
    expect(stopped.status).toBe(202);
    await pollUntilDone(arm, stopped.headers['azure-asyncoperation']);
    const item = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(item.protectionState).toBe('ProtectionStopped');
    expect(item.policyId).toBeUndefined();
    expect(item.extendedInfo.recoveryPointCount).toBe(5);
    const jobs = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'DisableBackup'")}`);
    expect(jobs.body.value).toHaveLength(1);
    const backup = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
    expect(backup.status).toBe(400);
  });

  // Stop with delete when soft delete is on (the default): backup-azure-security-feature-cloud.md (data kept
  // 14 more days, "isScheduledForDeferredDelete", undelete before resuming); the undelete request is
  // azure-cli's undelete_protection (custom.py _get_disable_protection_request(item, undelete=True):
  // protectionState ProtectionStopped, policyId '', sourceResourceId, isRehydrate true); the vault
  // setting is BackupResourceVaultConfigs_Put.json (softDeleteFeatureState).
  it('soft-deletes an item stopped with delete: kept 14 days, stopped, with its data, undeletable; purged after 14 days', async () => {
    const config = await arm.get(`${WEU_VAULT}/backupconfig/vaultconfig?${BACKUP_API}`);
    expect(config.body).toEqual({
      id: `${WEU_VAULT}/backupconfig/vaultconfig`,
      name: 'vaultconfig',
      type: 'Microsoft.RecoveryServices/vaults/backupconfig',
      properties: { enhancedSecurityState: 'Enabled', softDeleteFeatureState: 'Enabled' },
    });
    const deleted = await arm.delete(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`);
    expect(deleted.status).toBe(202);
    expect((await pollUntilDone(arm, deleted.headers.location)).status).toBe(204);
    const soft = await getItem(arm, WEU_VAULT, SEED.protectedVmId);
    expect(soft.status).toBe(200);
    const now = emulator.now().getTime();
    expect(soft.body.properties).toEqual(
      expect.objectContaining({
        protectionState: 'ProtectionStopped',
        isScheduledForDeferredDelete: true,
        deferredDeleteTimeInUTC: new Date(now + 14 * DAY).toISOString(),
        deferredDeleteTimeRemaining: '14.00:00:00',
        isDeferredDeleteScheduleUpcoming: false,
      }),
    );
    expect(soft.body.properties.policyId).toBeUndefined();
    expect(soft.body.properties.extendedInfo.recoveryPointCount).toBe(5);
    const deleteJobs = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("operation eq 'DeleteBackupData'")}`);
    expect(deleteJobs.body.value.map((j: any) => j.properties.status)).toEqual(['Completed']);

    // A soft-deleted item takes nothing but undelete.
    const resume = await enableProtection(arm, WEU_VAULT, SEED.protectedVmId);
    expect(resume.status).toBe(400);
    expect(resume.body.error.code).toBe('BMSUserErrorItemSoftDeleted');
    expect((await arm.delete(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`)).body.error.code).toBe('BMSUserErrorItemSoftDeleted');

    await emulator.advance(13 * DAY + 12 * 60 * 60 * 1000);
    const late = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(late.deferredDeleteTimeRemaining).toBe('12:00:00');
    expect(late.isDeferredDeleteScheduleUpcoming).toBe(true);

    const undelete = await arm.put(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', policyId: '', protectionState: 'ProtectionStopped', sourceResourceId: SEED.protectedVmId, isRehydrate: true },
    });
    expect(undelete.status).toBe(202);
    const status = await pollUntilDone(arm, undelete.headers['azure-asyncoperation']);
    expect((await getJob(arm, WEU_VAULT, status.body.properties.jobId)).properties).toEqual(expect.objectContaining({ operation: 'Undelete', status: 'Completed' }));
    const back = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(back).toEqual(expect.objectContaining({ protectionState: 'ProtectionStopped' }));
    expect(back.isScheduledForDeferredDelete).toBeUndefined();
    expect(back.extendedInfo.recoveryPointCount).toBeGreaterThan(0);
    await emulator.advance(2 * DAY);
    expect((await getItem(arm, WEU_VAULT, SEED.protectedVmId)).status).toBe(200);
    expect((await enableProtection(arm, WEU_VAULT, SEED.protectedVmId)).status).toBe(202);

    // Deleted again and left alone: gone once the 14 days are over.
    await emulator.advance(60_000);
    await pollUntilDone(arm, (await arm.delete(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`)).headers.location);
    await emulator.advance(14 * DAY - 1000);
    expect((await getItem(arm, WEU_VAULT, SEED.protectedVmId)).status).toBe(200);
    await emulator.advance(1000);
    expect((await getItem(arm, WEU_VAULT, SEED.protectedVmId)).status).toBe(404);
    const notSoftDeleted = await arm.put(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', policyId: '', protectionState: 'ProtectionStopped', sourceResourceId: SEED.protectedVmId, isRehydrate: true },
    });
    expect(notSoftDeleted.status).toBe(404);
  });

  it('deletes a protected item with its data at once when soft delete is off: 202 on backupOperations, item gone, storage replication unlocked', async () => {
    const off = await arm.patch(`${WEU_VAULT}/backupconfig/vaultconfig?${BACKUP_API}`, { properties: { softDeleteFeatureState: 'Disabled' } });
    expect(off.status).toBe(200);
    expect(off.body.properties.softDeleteFeatureState).toBe('Disabled');
    const locked = await arm.get(`${WEU_VAULT}/backupstorageconfig/vaultstorageconfig?${BACKUP_API}`);
    expect(locked.body.properties.storageTypeState).toBe('Locked');

    const accepted = await arm.delete(`${itemPath(WEU_VAULT, SEED.protectedVmId)}?${BACKUP_API}`);
    expect(accepted.status).toBe(202);
    expect(accepted.headers['azure-asyncoperation']).toMatch(/\/vaults\/rsv-prod-weu\/backupOperations\/[0-9a-f-]+\?/);
    expect(accepted.headers.location).toMatch(/\/vaults\/rsv-prod-weu\/backupOperationResults\/[0-9a-f-]+\?/);
    expect((await arm.get(pathOf(accepted.headers.location))).status).toBe(202);
    expect((await arm.get(pathOf(accepted.headers.location))).status).toBe(204);
    expect((await getItem(arm, WEU_VAULT, SEED.protectedVmId)).status).toBe(404);

    const unlocked = await arm.get(`${WEU_VAULT}/backupstorageconfig/vaultstorageconfig?${BACKUP_API}`);
    expect(unlocked.body.properties.storageTypeState).toBe('Unlocked');
    const changed = await arm.put(`${WEU_VAULT}/backupstorageconfig/vaultstorageconfig?${BACKUP_API}`, { properties: { storageType: 'LocallyRedundant' } });
    expect(changed.status).toBe(200);
    expect(changed.body.properties.storageType).toBe('LocallyRedundant');
  });

  it('storage replication: GeoRedundant by default, changeable until something is protected, then StorageModelModifyError', async () => {
    const config = `${EUS_VAULT}/backupstorageconfig/vaultstorageconfig?${BACKUP_API}`;
    expect((await arm.get(config)).body.properties).toEqual(expect.objectContaining({ storageType: 'GeoRedundant', storageTypeState: 'Unlocked' }));
    expect((await arm.patch(config, { properties: { storageType: 'LocallyRedundant', storageTypeState: 'Unlocked' } })).status).toBe(204);
    expect((await arm.get(config)).body.properties.storageModelType).toBe('LocallyRedundant');

    const refused = await arm.put(`${WEU_VAULT}/backupstorageconfig/vaultstorageconfig?${BACKUP_API}`, { properties: { storageType: 'LocallyRedundant' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('StorageModelModifyError');
  });

  it('answers backupStatus for a protected and an unprotected VM', async () => {
    const status = (resourceId: string) => arm.post(`/Subscriptions/${SUB}/providers/Microsoft.RecoveryServices/locations/westeurope/backupStatus?${BACKUP_API}`, { resourceId, resourceType: 'VM' });
    const protectedVm = await status(SEED.protectedVmId);
    expect(protectedVm.body).toEqual(expect.objectContaining({ protectionStatus: 'Protected', vaultId: WEU_VAULT, fabricName: 'Azure', policyName: 'DefaultPolicy' }));
    expect((await status(SEED.unprotectedVmId)).body.protectionStatus).toBe('NotProtected');
  });

  it('creates, updates and deletes policies; refuses deleting one in use', async () => {
    const weekly = {
      properties: {
        backupManagementType: 'AzureIaasVM',
        timeZone: 'W. Europe Standard Time',
        schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Weekly', scheduleRunDays: ['Sunday'], scheduleRunTimes: ['2026-01-04T22:30:00Z'] },
        retentionPolicy: {
          retentionPolicyType: 'LongTermRetentionPolicy',
          weeklySchedule: { daysOfTheWeek: ['Sunday'], retentionTimes: ['2026-01-04T22:30:00Z'], retentionDuration: { count: 12, durationType: 'Weeks' } },
          yearlySchedule: {
            retentionScheduleFormatType: 'Weekly',
            monthsOfYear: ['January'],
            retentionScheduleWeekly: { daysOfTheWeek: ['Sunday'], weeksOfTheMonth: ['First'] },
            retentionTimes: ['2026-01-04T22:30:00Z'],
            retentionDuration: { count: 7, durationType: 'Years' },
          },
        },
      },
    };
    const created = await arm.put(`${WEU_VAULT}/backupPolicies/weekly-long?${BACKUP_API}`, weekly);
    expect(created.status).toBe(200);
    expect(created.body.properties).toEqual(expect.objectContaining({ protectedItemsCount: 0, instantRpRetentionRangeInDays: 5, timeZone: 'W. Europe Standard Time' }));
    expect((await arm.get(`${WEU_VAULT}/backupPolicies/WEEKLY-LONG?${BACKUP_API}`)).body.name).toBe('weekly-long');

    const inUse = await arm.delete(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`);
    expect(inUse.status).toBe(400);
    expect((await arm.delete(`${WEU_VAULT}/backupPolicies/weekly-long?${BACKUP_API}`)).status).toBe(200);
    expect((await arm.get(`${WEU_VAULT}/backupPolicies/weekly-long?${BACKUP_API}`)).status).toBe(404);
    expect((await arm.get(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`)).body.properties.protectedItemsCount).toBe(1);
    expect(policyId(WEU_VAULT)).toContain('/backupPolicies/DefaultPolicy');
  });
});
