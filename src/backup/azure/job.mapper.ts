import type { AzureIaaSVMJob, AzureIaaSVMJobV2, JobResource } from '@azure/arm-recoveryservicesbackup';
import { DomainError } from '../../domain/errors';
import type { BackupJob, JobError, JobQuery, JobStatus } from '../../domain/backup.types';
import { describeAzureFailure } from './azure-error.mapper';
import { MAX_CLOCK_SKEW_MS } from '../../domain/clock-skew.rule';

const JOB_STATUSES: readonly JobStatus[] = ['InProgress', 'Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled', 'Cancelling'];
/** The operations Azure's job $filter knows (JobOperationType in bms.json). */
export const JOB_OPERATIONS = [
  'Register', 'UnRegister', 'ConfigureBackup', 'Backup', 'Restore', 'DisableBackup', 'DeleteBackupData',
  'CrossRegionRestore', 'Undelete', 'UpdateCustomerManagedKey',
] as const;

/** Codes for which the error mapper has a specific, actionable sentence worth giving next to a job's recommendations. */
const ACTIONABLE = new Set(['VM_AGENT_NOT_READY', 'RESTORE_POINT_RG_LOCKED', 'AZURE_AUTHORIZATION_FAILED', 'AZURE_POLICY_DISALLOWED']);

/**
 * A date as the Backup service's job $filter takes it: "yyyy-MM-dd hh:mm:ss AM" in UTC, 12-hour
 * clock, as in ListJobsWithStartTimeAndEndTimeFilters.json ("2016-01-01 00:00:00 AM"; midnight is
 * written 12:00:00 AM, the 12-hour form Azure CLI sends: its backup module formats filter dates with
 * strftime('%Y-%m-%d %I:%M:%S %p'), "yyyy-MM-dd hh:mm:ss tt").
 */
export function formatJobFilterTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const h24 = d.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(h12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h24 < 12 ? 'AM' : 'PM'}`;
}

/**
 * The $filter for BackupJobs_List, in the order of ListJobsWithAllSupportedFilters.json. A time
 * window needs both ends, so `since` is paired with `now` as endTime.
 */
export function jobFilter(query: JobQuery | undefined, now: Date): string {
  const parts: string[] = [];
  if (query?.since) {
    // The window's end is on our clock; Azure's may run ahead, and a job it started "after" our now
    // would be left out until our clock caught up.
    parts.push(`startTime eq '${formatJobFilterTime(query.since)}'`, `endTime eq '${formatJobFilterTime(new Date(now.getTime() + MAX_CLOCK_SKEW_MS))}'`);
  }
  if (query?.operation) {
    const op = JOB_OPERATIONS.find((o) => o.toLowerCase() === query.operation?.toLowerCase());
    if (!op) {
      throw new DomainError('JOB_OPERATION_INVALID', `"${query.operation.slice(0, 40)}" is not a backup job operation. Use one of: ${JOB_OPERATIONS.join(', ')}.`, 'operation');
    }
    parts.push(`operation eq '${op}'`);
  }
  parts.push(`backupManagementType eq 'AzureIaasVM'`);
  if (query?.status) {
    if (!JOB_STATUSES.includes(query.status)) {
      throw new DomainError('JOB_STATUS_INVALID', `"${String(query.status).slice(0, 40)}" is not a job status. Use one of: ${JOB_STATUSES.join(', ')}.`, 'status');
    }
    parts.push(`status eq '${query.status}'`);
  }
  return parts.join(' and ');
}

/** ISO 8601 duration ("PT12.4272909S", "P1DT2H3M") -> ms, or undefined when unreadable. */
export function parseIsoDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value === 'PT') return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => (x ? Number(x) : 0));
  return Math.round((((d * 24 + h) * 60 + min) * 60 + s) * 1000);
}

/** A job resource -> BackupJob. `now` measures jobs Azure reports no duration for. */
export function fromAzureJob(resource: JobResource, vaultId: string, now: Date): BackupJob {
  const p = (resource.properties ?? { jobType: 'AzureIaaSVMJob' }) as AzureIaaSVMJob | AzureIaaSVMJobV2;
  const startTime = toDate(p.startTime) ?? now;
  const endTime = toDate(p.endTime);
  const status = toJobStatus(p.status, endTime);
  const measured = (endTime ?? now).getTime() - startTime.getTime();
  const extended = p.extendedInfo;
  return {
    id: resource.id ?? '',
    name: resource.name ?? '',
    vaultId,
    operation: p.operation ?? 'Unknown',
    status,
    entityFriendlyName: p.entityFriendlyName ?? '',
    startTime,
    ...(endTime ? { endTime } : {}),
    durationMs: parseIsoDuration(p.duration) ?? Math.max(0, measured),
    errors: jobErrors(p.errorDetails ?? [], status, extended?.dynamicErrorMessage),
    ...(typeof extended?.progressPercentage === 'number' ? { progressPercent: extended.progressPercentage } : {}),
    ...(Array.isArray(p.actionsInfo) ? { cancellable: p.actionsInfo.includes('Cancellable') } : {}),
  };
}

/**
 * Every errorDetails entry; a failed job with none but a dynamicErrorMessage (JobDetails_Get's
 * extendedInfo, "non localized error message") gets that one, rather than no reason at all.
 */
function jobErrors(details: Parameters<typeof toJobError>[0][], status: JobStatus, dynamicMessage: string | undefined): JobError[] {
  if (details.length > 0) return details.map(toJobError);
  const message = dynamicMessage?.trim();
  return status === 'Failed' && message ? [{ code: 'Unknown', message, recommendations: [] }] : [];
}

function toJobError(e: { errorCode?: number; errorTitle?: string; errorString?: string; recommendations?: string[] }): JobError {
  // errorTitle often carries Azure's symbolic code (UserErrorGuestAgentStatusUnavailable); errorCode is numeric.
  const title = e.errorTitle?.trim();
  const code = title && /^[A-Za-z][A-Za-z0-9_.]*$/.test(title) ? title : e.errorCode !== undefined ? String(e.errorCode) : 'Unknown';
  const message = e.errorString?.trim() || title || `Azure reported error ${code}.`;
  const recommendations = [...(e.recommendations ?? [])];
  const mapped = describeAzureFailure({ code, message }, { action: 'back up the VM' });
  return { code, message, recommendations, ...(ACTIONABLE.has(mapped.code) && !recommendations.includes(mapped.message) ? { advice: mapped.message } : {}) };
}

function toJobStatus(status: string | undefined, endTime: Date | undefined): JobStatus {
  const known = JOB_STATUSES.find((s) => s.toLowerCase() === (status ?? '').toLowerCase());
  if (known) return known;
  // "Invalid" or a status newer than this code: an ended job did not succeed, a running one is running.
  return endTime ? 'Failed' : 'InProgress';
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
