import { SEED, type RunningEmulator } from '../../emulator';
import { responseValidatorFor } from '../../emulator/specs/schema-validator';
import { loadSpecCatalog } from '../../emulator/specs/spec-catalog';
import { BACKUP_API, COMPUTE_API, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';
import { getItem, getJob, triggerBackup } from './support/flows';
import { SUB, WEU_VAULT, itemPath } from './support/seed-paths';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-03-02T08:00:00Z');

describe('backup jobs on the emulated clock', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator({ startTime: START, backupJobDurationMs: 90_000 }));
  });

  afterEach(async () => {
    await emulator.close();
  });

  const jobsWith = async (filter: string) =>
    (await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent(filter)}`)).body.value as any[];

  it('runs "backup now" through its states: snapshot, transfer, completed, with a recovery point kept until the requested date', async () => {
    const expiry = new Date(START.getTime() + 10 * DAY);
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId, expiry);

    let job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties).toEqual(expect.objectContaining({ jobType: 'AzureIaaSVMJob', operation: 'Backup', status: 'InProgress', entityFriendlyName: 'web-01', isUserTriggered: true }));
    expect(job.properties.extendedInfo.tasksList.map((t: any) => [t.taskId, t.status])).toEqual([
      ['Take Snapshot', 'InProgress'],
      ['Transfer data to vault', 'NotStarted'],
    ]);
    expect(job.properties.actionsInfo).toEqual(['Cancellable']);

    await emulator.advance(31_000);
    job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.extendedInfo.tasksList.map((t: any) => t.status)).toEqual(['Completed', 'InProgress']);
    expect(job.properties.extendedInfo.progressPercentage).toBeGreaterThan(0);
    expect(job.properties.extendedInfo.progressPercentage).toBeLessThan(100);

    await emulator.advance(60_000);
    job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('Completed');
    expect(job.properties.endTime).toBe(new Date(START.getTime() + 90_000).toISOString());
    expect(job.properties.extendedInfo.progressPercentage).toBe(100);

    const points = (await arm.get(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value;
    expect(points).toHaveLength(6);
    const newest = points[0].properties;
    expect(newest.recoveryPointProperties.expiryTime).toBe(expiry.toISOString());
    expect(newest.recoveryPointType).toBe('FileSystemConsistent');
    const item = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(item).toEqual(expect.objectContaining({ protectionState: 'Protected', lastBackupStatus: 'Completed', lastBackupTime: newest.recoveryPointTime, lastRecoveryPoint: newest.recoveryPointTime }));
    const rp = await arm.get(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints/${points[0].name}?${BACKUP_API}`);
    expect(rp.body.name).toBe(points[0].name);
  });

  it('refuses a second backup while one runs, a past expiry, and defaults the expiry to 30 days', async () => {
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    const busy = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
    expect(busy.status).toBe(400);
    expect(busy.body.error.code).toBe('BMSUserErrorObjectLocked');
    const past = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, {
      properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);

    await emulator.advance(90_000);
    const job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('Completed');
    // "30 days from the day of the backup trigger" (Azure's REST docs).
    const newest = (await arm.get(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value[0].properties;
    expect(Date.parse(newest.recoveryPointProperties.expiryTime) - Date.parse(job.properties.startTime)).toBe(30 * DAY);
  });

  it('cancels a running job: 202 Location only, Cancelling, then Cancelled and no recovery point', async () => {
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    const cancel = await arm.post(`${WEU_VAULT}/backupJobs/${jobName}/cancel?${BACKUP_API}`);
    expect(cancel.status).toBe(202);
    expect(cancel.headers.location).toContain(`/backupJobs/${jobName}/operationResults/`);
    expect(cancel.headers['azure-asyncoperation']).toBeUndefined();
    expect((await getJob(arm, WEU_VAULT, jobName)).properties.status).toBe('Cancelling');
    expect((await arm.get(pathOf(cancel.headers.location))).status).toBe(202);
    expect((await arm.get(pathOf(cancel.headers.location))).status).toBe(204);
    expect((await getJob(arm, WEU_VAULT, jobName)).properties.status).toBe('Cancelled');
    await emulator.advance(120_000);
    expect((await getJob(arm, WEU_VAULT, jobName)).properties.status).toBe('Cancelled');
    expect((await arm.get(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value).toHaveLength(5);
    const again = await arm.post(`${WEU_VAULT}/backupJobs/${jobName}/cancel?${BACKUP_API}`);
    expect(again.status).toBe(400);
  });

  it('filters jobs by status, operation, management type and start/end time in Azure\'s format, newest first', async () => {
    await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    const all = await jobsWith("backupManagementType eq 'AzureIaasVM'");
    expect(all.map((j) => j.properties.operation)).toEqual(['Backup', 'Backup', 'Backup', 'Backup', 'Backup', 'Backup', 'ConfigureBackup']);
    expect(all.map((j) => Date.parse(j.properties.startTime))).toEqual([...all.map((j) => Date.parse(j.properties.startTime))].sort((a, b) => b - a));
    expect(await jobsWith("status eq 'InProgress' and operation eq 'Backup'")).toHaveLength(1);
    expect(await jobsWith("operation eq 'ConfigureBackup'")).toHaveLength(1);
    expect(await jobsWith("backupManagementType eq 'AzureStorage'")).toHaveLength(0);
    // Since yesterday 08:00 AM: yesterday's 19:00 backup and today's on-demand one.
    const recent = await jobsWith("startTime eq '2026-03-01 08:00:00 AM' and endTime eq '2026-03-02 11:59:59 PM'");
    expect(recent.map((j) => j.properties.startTime)).toEqual([START.toISOString(), '2026-03-01T19:00:00.000Z']);
    const malformed = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("startTime eq 'yesterday'")}`);
    expect(malformed.status).toBe(400);
  });

  it('fails a backup of a VM whose agent stops answering, as Azure does', async () => {
    emulator.injectFault({ kind: 'vm-agent-missing', vmId: SEED.protectedVmId });
    const vm = await arm.get(`/subscriptions/${SUB}/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-01?${COMPUTE_API}&$expand=instanceView`);
    expect(vm.body.properties.instanceView.vmAgent.statuses[0].displayStatus).toBe('Not Ready');

    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    await emulator.advance(31_000);
    const job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('Failed');
    expect(job.properties.errorDetails).toEqual([
      expect.objectContaining({ errorCode: expect.any(Number), errorString: 'VM Agent unable to communicate with Azure Backup', recommendations: expect.arrayContaining([expect.stringMatching(/agent/i)]) }),
    ]);
    expect(job.properties.extendedInfo.tasksList[0].status).toBe('Failed');
    expect(job.properties.actionsInfo).toEqual(['Retriable']);
    const item = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(item).toEqual(expect.objectContaining({ lastBackupStatus: 'Failed', healthStatus: 'ActionRequired', protectionState: 'Protected' }));
  });

  // AzureIaaSVMJob.errorDetails in bms.json is an array of AzureIaaSVMErrorInfo {errorCode (int32),
  // errorTitle, errorString, recommendations[]}, keyed by errorCode (x-ms-identifiers); the job around
  // it follows GetJobDetails.json (recoveryservicesbackup/2023-06-01/Common). A backup that meets two
  // causes (no VM agent, a locked AzureBackupRG group) lists both, each with its own recommendations.
  it('lists every cause of a failed backup in errorDetails, each with its recommendations', async () => {
    emulator.injectFault({ kind: 'vm-agent-missing', vmId: SEED.protectedVmId });
    emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SUB, location: 'westeurope' });
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    await emulator.advance(31_000);
    const job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('Failed');
    const details = job.properties.errorDetails as any[];
    expect(details).toEqual([
      { errorCode: expect.any(Number), errorTitle: '', errorString: 'VM Agent unable to communicate with Azure Backup', recommendations: [expect.stringMatching(/agent/i), expect.any(String)] },
      { errorCode: expect.any(Number), errorTitle: '', errorString: 'The Restore Point collection max limit has reached.', recommendations: [expect.stringMatching(/resource locks/), expect.stringMatching(/AzureBackupRG_/)] },
    ]);
    expect(new Set(details.map((d) => d.errorCode)).size).toBe(2);
    const get = loadSpecCatalog().byOperationId.get('JobDetails_Get')!;
    expect(responseValidatorFor(get.doc).validate(get.responses['200']!, job)).toEqual([]);
    expect(job.properties.extendedInfo.dynamicErrorMessage).toBe('VM Agent unable to communicate with Azure Backup');
    const listed = (await jobsWith("status eq 'Failed'")).find((j) => j.name === jobName);
    expect(listed.properties.errorDetails).toHaveLength(2);
  });

  // AzureIaaSVMJob in bms.json: status CompletedWithWarnings (JobQueryObject.status), errorDetails as
  // AzureIaaSVMErrorInfo {errorCode, errorTitle, errorString, recommendations}; the warning is the VSS
  // one of backup-azure-vms-troubleshoot.md (ExtensionFailedVssWriterInBadState).
  it('ends a backup CompletedWithWarnings when the VM\'s VSS writers are in a bad state, with the warning in errorDetails', async () => {
    emulator.injectFault({ kind: 'backup-warning', vmId: SEED.protectedVmId });
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    await emulator.advance(90_000);
    const job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('CompletedWithWarnings');
    expect(job.properties.errorDetails).toEqual([
      { errorCode: expect.any(Number), errorTitle: '', errorString: expect.stringMatching(/VSS writers were in a bad state/), recommendations: [expect.stringMatching(/vssadmin list writers/), expect.any(String)] },
    ]);
    expect(job.properties.extendedInfo).toEqual(expect.objectContaining({ progressPercentage: 100, dynamicErrorMessage: expect.stringMatching(/VSS/) }));
    expect(job.properties.extendedInfo.tasksList.map((t: any) => t.status)).toEqual(['Completed', 'Completed']);
    expect(await jobsWith("status eq 'CompletedWithWarnings'")).toEqual([expect.objectContaining({ name: jobName })]);
    const item = (await getItem(arm, WEU_VAULT, SEED.protectedVmId)).body.properties;
    expect(item).toEqual(expect.objectContaining({ lastBackupStatus: 'CompletedWithWarnings', healthStatus: 'ActionSuggested' }));
    const newest = (await arm.get(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints?${BACKUP_API}`)).body.value[0].properties;
    expect(newest.recoveryPointType).toBe('CrashConsistent');
  });

  // JobQueryObject.status (bms.json) lists the statuses a filter may name; Azure's answer to another
  // is not public, so the emulator answers 400 BMSUserErrorInvalidInput naming the allowed ones.
  it('refuses a job filter with a status Azure does not know, naming the allowed ones', async () => {
    const reply = await arm.get(`${WEU_VAULT}/backupJobs?${BACKUP_API}&$filter=${encodeURIComponent("status eq 'Done'")}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('BMSUserErrorInvalidInput');
    expect(reply.body.error.message).toBe("The $filter status 'Done' is not a job status. Allowed: Invalid, InProgress, Completed, Failed, CompletedWithWarnings, Cancelled, Cancelling.");
    expect(await jobsWith("status eq 'completed'")).toHaveLength(6);
  });

  // "Retain Backup Till": an on-demand VM backup is kept at most 99 years (Azure Backup docs); code and wording are the emulator's.
  it('refuses an on-demand expiry more than 99 years ahead, and takes one 99 years ahead', async () => {
    const tooFar = new Date(START.getTime());
    tooFar.setUTCFullYear(START.getUTCFullYear() + 100);
    const refused = await arm.post(`${itemPath(WEU_VAULT, SEED.protectedVmId)}/backup?${BACKUP_API}`, {
      properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: tooFar.toISOString() },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BMSUserErrorInvalidRetentionDuration');
    expect(refused.body.error.message).toContain('at most 99 years, until 2125-03-02T08:00:00.000Z');
    expect((await jobsWith("operation eq 'Backup' and status eq 'InProgress'"))).toHaveLength(0);
    const edge = new Date(START.getTime());
    edge.setUTCFullYear(START.getUTCFullYear() + 99);
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId, edge);
    await emulator.advance(90_000);
    expect((await getJob(arm, WEU_VAULT, jobName)).properties.status).toBe('Completed');
  });

  it('fails a backup when the AzureBackupRG group of the region is locked, and recovers once the lock is gone', async () => {
    emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SUB, location: 'westeurope' });
    const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    await emulator.advance(90_000);
    const job = await getJob(arm, WEU_VAULT, jobName);
    expect(job.properties.status).toBe('Failed');
    expect(job.properties.errorDetails[0].errorString).toBe('The Restore Point collection max limit has reached.');
    expect(job.properties.errorDetails[0].recommendations.join(' ')).toMatch(/lock/i);

    emulator.clearFaults();
    const retry = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
    await emulator.advance(90_000);
    expect((await getJob(arm, WEU_VAULT, retry.jobName)).properties.status).toBe('Completed');
  });
});

describe('recovery point filters', () => {
  it('filters recovery points by startDate and endDate', async () => {
    const { emulator, arm } = await startTestEmulator({ startTime: START });
    try {
      const base = `${itemPath(WEU_VAULT, SEED.protectedVmId)}/recoveryPoints?${BACKUP_API}`;
      const filter = encodeURIComponent("startDate eq '2026-02-27 12:00:00 AM' and endDate eq '2026-02-28 11:59:59 PM'");
      const points = (await arm.get(`${base}&$filter=${filter}`)).body.value;
      expect(points.map((p: any) => p.properties.recoveryPointTime)).toEqual(['2026-02-28T19:00:00.000Z', '2026-02-27T19:00:00.000Z']);
      expect((await arm.get(`${base}&$filter=${encodeURIComponent("startDate eq 'soon'")}`)).status).toBe(400);
    } finally {
      await emulator.close();
    }
  });
});
