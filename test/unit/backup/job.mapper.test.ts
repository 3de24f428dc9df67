import type { JobResource } from '@azure/arm-recoveryservicesbackup';
import { formatJobFilterTime, fromAzureJob, jobFilter, parseIsoDuration } from '../../../src/backup/azure/job.mapper';
import { DomainError } from '../../../src/domain/errors';
import { asSdk, readExample } from './vendor-examples';

const VAULT = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1';
const NOW = new Date('2024-05-01T12:00:00Z');

describe('job $filter', () => {
  it('writes times as Azure\'s examples do: yyyy-MM-dd hh:mm:ss AM/PM in UTC', () => {
    expect(formatJobFilterTime(new Date('2016-01-01T00:00:00Z'))).toBe('2016-01-01 12:00:00 AM');
    expect(formatJobFilterTime(new Date('2017-11-29T09:05:07Z'))).toBe('2017-11-29 09:05:07 AM');
    expect(formatJobFilterTime(new Date('2017-11-29T12:30:00Z'))).toBe('2017-11-29 12:30:00 PM');
    expect(formatJobFilterTime(new Date('2017-11-29T23:59:59Z'))).toBe('2017-11-29 11:59:59 PM');
  });

  it('builds every supported clause in the order of ListJobsWithAllSupportedFilters.json', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/Common/ListJobsWithAllSupportedFilters.json');
    const shape = String(example.parameters.$filter).replace(/'\d{4}-[^']+'/g, "'T'");
    const ours = jobFilter({ since: new Date('2024-04-30T08:00:00Z'), operation: 'backup', status: 'InProgress' }, NOW);
    expect(ours).toBe(
      // The window ends MAX_CLOCK_SKEW_MS (10 min) after our now: Azure's clock may run ahead of ours.
      "startTime eq '2024-04-30 08:00:00 AM' and endTime eq '2024-05-01 12:10:00 PM' and operation eq 'Backup' and backupManagementType eq 'AzureIaasVM' and status eq 'InProgress'",
    );
    expect(ours.replace(/'\d{4}-[^']+'/g, "'T'")).toBe(shape);
  });

  it('always restricts to Azure VM jobs and refuses values outside Azure\'s vocabulary', () => {
    expect(jobFilter(undefined, NOW)).toBe("backupManagementType eq 'AzureIaasVM'");
    expect(() => jobFilter({ operation: "Backup' or status eq 'x" }, NOW)).toThrow(DomainError);
    expect(() => jobFilter({ status: 'Running' as never }, NOW)).toThrow(/not a job status/);
  });
});

describe('job mapper', () => {
  it('maps the jobs of ListJobs.json, durations included', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/Common/ListJobsWithStartTimeAndEndTimeFilters.json');
    const [running, done] = (example.responses['200'].body as { value: unknown[] }).value.map((j) => fromAzureJob(asSdk<JobResource>(j), VAULT, NOW));
    expect(running).toMatchObject({ operation: 'Backup', status: 'InProgress', entityFriendlyName: 'testvm', durationMs: 12427, errors: [] });
    expect(running.endTime).toBeUndefined();
    expect(running.startTime.toISOString()).toBe('2017-08-03T05:31:07.014Z');
    expect(done).toMatchObject({ operation: 'ConfigureBackup', status: 'Completed', durationMs: 31307 });
    expect(done.endTime?.toISOString()).toBe('2017-08-03T05:31:03.755Z');
    expect(done.vaultId).toBe(VAULT);
  });

  it('maps errorDetails to JobErrors and adds the bot\'s own advice for a VM agent that does not answer', () => {
    const job = fromAzureJob(
      asSdk<JobResource>({
        id: `${VAULT}/backupJobs/j1`,
        name: 'j1',
        properties: {
          jobType: 'AzureIaaSVMJob',
          operation: 'Backup',
          status: 'Failed',
          entityFriendlyName: 'web-01',
          startTime: '2024-05-01T10:00:00Z',
          endTime: '2024-05-01T10:02:00Z',
          errorDetails: [
            { errorCode: 400001, errorTitle: '', errorString: 'VM Agent unable to communicate with Azure Backup', recommendations: ['Ensure that the VM is running.'] },
            { errorCode: 400002, errorTitle: 'UserErrorRpCollectionLimitReached', errorString: 'The Restore Point collection max limit has reached.', recommendations: [] },
          ],
        },
      }),
      VAULT,
      NOW,
    );
    expect(job.status).toBe('Failed');
    expect(job.durationMs).toBe(120_000);
    expect(job.errors[0].code).toBe('400001');
    expect(job.errors[0].message).toBe('VM Agent unable to communicate with Azure Backup');
    // Azure's recommendations stay Azure's; the bot's own sentence is kept apart.
    expect(job.errors[0].recommendations).toEqual(['Ensure that the VM is running.']);
    expect(job.errors[0].advice).toMatch(/VM agent .* not reporting/);
    expect(job.errors[1].code).toBe('UserErrorRpCollectionLimitReached');
    expect(job.errors[1].recommendations).toEqual([]);
    expect(job.errors[1].advice).toMatch(/AzureBackupRG_.*remove the lock/);
  });

  // AzureIaaSVMJob.actionsInfo (JobSupportedAction: Invalid, Cancellable, Retriable) and
  // AzureIaaSVMJobExtendedInfo.dynamicErrorMessage ("non localized error message") in bms.json.
  it('reads whether Azure can cancel the job, and a failed job\'s dynamicErrorMessage when errorDetails is empty', () => {
    const job = (properties: Record<string, unknown>) =>
      fromAzureJob(asSdk<JobResource>({ id: 'x', name: 'j', properties: { jobType: 'AzureIaaSVMJob', startTime: '2024-05-01T11:00:00Z', ...properties } }), VAULT, NOW);
    expect(job({ status: 'InProgress', actionsInfo: ['Cancellable'] }).cancellable).toBe(true);
    expect(job({ status: 'InProgress', actionsInfo: [] }).cancellable).toBe(false);
    expect(job({ status: 'InProgress' }).cancellable).toBeUndefined();
    const failed = job({ status: 'Failed', endTime: '2024-05-01T11:05:00Z', extendedInfo: { dynamicErrorMessage: 'Snapshot failed: disk busy' } });
    expect(failed.errors).toEqual([{ code: 'Unknown', message: 'Snapshot failed: disk busy', recommendations: [] }]);
    expect(job({ status: 'Completed', endTime: '2024-05-01T11:05:00Z', extendedInfo: { dynamicErrorMessage: 'x' } }).errors).toEqual([]);
  });

  it('reads progress and measures a running job without a duration against now', () => {
    const job = fromAzureJob(
      asSdk<JobResource>({ id: 'x', name: 'j2', properties: { jobType: 'AzureIaaSVMJob', status: 'InProgress', startTime: '2024-05-01T11:59:00Z', extendedInfo: { progressPercentage: 42 } } }),
      VAULT,
      NOW,
    );
    expect(job.durationMs).toBe(60_000);
    expect(job.progressPercent).toBe(42);
  });

  it('parses ISO 8601 durations', () => {
    expect(parseIsoDuration('PT9.8782791S')).toBe(9878);
    expect(parseIsoDuration('PT1H2M3S')).toBe(3_723_000);
    expect(parseIsoDuration('P1DT1M')).toBe(86_460_000);
    expect(parseIsoDuration('PT0S')).toBe(0);
    expect(parseIsoDuration('soon')).toBeUndefined();
  });
});
