import { ARM_ERRORS, fillMessage } from '../backup/azure-error-catalog';
import { ArmHttpError, noContent, ok, queryParam, type ArmRequest } from '../http/arm-http';
import type { JobRecord, VaultRecord } from '../state/model';
import { jobToWire } from '../wire/backup.wire';
import { clauseValue, parseFilter, parseJobFilterTime } from '../wire/odata-filter';
import { pageOf } from '../wire/paging';
import { asyncHeaders, selfUrl } from './async-urls';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { notFound, param, requireVault } from './lookups';

function requireJob(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): JobRecord {
  const job = ctx.store.job(vault.id, param(req, 'jobName'));
  if (!job) throw notFound('Microsoft.RecoveryServices/vaults/backupJobs', param(req, 'jobName'));
  return job;
}

/** JobQueryObject.status in bms.json: the statuses a job filter may name. */
const JOB_FILTER_STATUSES = ['Invalid', 'InProgress', 'Completed', 'Failed', 'CompletedWithWarnings', 'Cancelled', 'Cancelling'] as const;

function badFilter(detail: string): ArmHttpError {
  return new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The $filter is not valid: ${detail}`, '$filter');
}

/**
 * Job filters (JobQueryObject): status, operation, backupManagementType, jobId, startTime and
 * endTime ('yyyy-MM-dd hh:mm:ss AM', UTC): jobs that started within [startTime, endTime].
 */
function jobPredicate(req: ArmRequest): (job: JobRecord) => boolean {
  const filter = queryParam(req, '$filter');
  const clauses = parseFilter(filter);
  if (!clauses) throw badFilter(String(filter));
  const statusText = clauseValue(clauses, 'status');
  if (statusText !== undefined && !JOB_FILTER_STATUSES.some((s) => s.toLowerCase() === statusText.toLowerCase())) {
    const spec = ARM_ERRORS.invalidJobStatusFilter;
    throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { status: statusText, allowed: JOB_FILTER_STATUSES.join(', ') }), '$filter');
  }
  const status = statusText?.toLowerCase();
  const operation = clauseValue(clauses, 'operation')?.toLowerCase();
  const type = clauseValue(clauses, 'backupManagementType')?.toLowerCase();
  const jobId = clauseValue(clauses, 'jobId')?.toLowerCase();
  const startText = clauseValue(clauses, 'startTime');
  const endText = clauseValue(clauses, 'endTime');
  const from = startText !== undefined ? parseJobFilterTime(startText) : undefined;
  const to = endText !== undefined ? parseJobFilterTime(endText) : undefined;
  if (startText !== undefined && from === undefined) throw badFilter(`startTime '${startText}' is not in the format 'yyyy-MM-dd hh:mm:ss AM'.`);
  if (endText !== undefined && to === undefined) throw badFilter(`endTime '${endText}' is not in the format 'yyyy-MM-dd hh:mm:ss AM'.`);
  if (from !== undefined && to !== undefined && from > to) throw badFilter('startTime is after endTime.');
  return (job) =>
    (status === undefined || job.status.toLowerCase() === status) &&
    (operation === undefined || job.operation.toLowerCase() === operation) &&
    (type === undefined || type === 'azureiaasvm') &&
    (jobId === undefined || job.name.toLowerCase() === jobId) &&
    (from === undefined || job.startTime >= from) &&
    (to === undefined || job.startTime <= to);
}

/** Backup jobs: list (filters, newest first, 100 a page), details, cancel. */
export const jobHandlers: HandlerTable = {
  BackupJobs_List: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const keep = jobPredicate(req);
    const jobs = ctx.store
      .jobsInVault(vault.id)
      .filter(keep)
      .sort((a, b) => b.startTime - a.startTime);
    const now = ctx.clock.now();
    return ok(pageOf(req, jobs, ctx.settings.jobPageSize, (job) => jobToWire(vault, job, { now, details: false })));
  },

  JobDetails_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    return ok(jobToWire(vault, requireJob(req, ctx, vault), { now: ctx.clock.now(), details: true }));
  },

  JobCancellations_Trigger: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const job = requireJob(req, ctx, vault);
    if (!ctx.engine.requestCancel(job)) {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The job '${job.name}' cannot be cancelled: it is ${job.status}.`);
    }
    const op = ctx.ops.create({
      kind: 'cancel-job',
      scope: `${vault.id}/backupJobs/${job.name}`,
      jobIds: [job.name],
      completeAfterMs: ctx.settings.cancelDelayMs,
      onComplete: () => ctx.engine.finishCancel(job),
    });
    // Location only (TriggerCancelJob.json).
    return { status: 202, headers: asyncHeaders(ctx, { location: selfUrl(req, `${vault.id}/backupJobs/${job.name}/operationResults/${op.id}`) }) };
  },

  JobOperationResults_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const job = requireJob(req, ctx, vault);
    const op = ctx.ops.find(param(req, 'operationId'), `${vault.id}/backupJobs/${job.name}`);
    if (!op) throw notFound('Microsoft.RecoveryServices/vaults/backupJobs/operationResults', param(req, 'operationId'));
    ctx.ops.poll(op);
    if (op.done) return noContent();
    return { status: 202, headers: asyncHeaders(ctx, { location: selfUrl(req, `${vault.id}/backupJobs/${job.name}/operationResults/${op.id}`) }) };
  },
};
