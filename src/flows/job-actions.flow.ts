/**
 * The buttons of a job message: Refresh, Cancel job (asked first) and the cancel itself; each
 * answers with the job view in place.
 */
import type { BackupJob, RecoveryPoint } from '../domain/backup.types';
import type { JobCancelAskIntent, JobCancelIntent, JobRefreshIntent } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, messageResult, safeMessage } from './flow-results';
import { jobView, pointOfJob, type JobViewOptions } from './job-view';
import type { JobContext } from './job-context';
import type { FlowResult } from './views';
import { TERMINAL_JOB_STATUSES } from '../domain/backup.types';
import { NOT_CANCELLABLE, notCancelledEnded, notCancelledRefused } from './wording';

async function contextOf(ctx: FlowContext, job: BackupJob, vaultId: string, carried: JobContext | undefined): Promise<JobContext> {
  const context: JobContext = { ...carried };
  if (!context.vmId) {
    // A job read from a list carries no context: the VM of that name protected by this vault, if the cache knows it.
    await ctx.inventory.ready();
    const vm = ctx.inventory
      .findByName(job.entityFriendlyName)
      .find((e) => e.protection && e.protection.vaultId.toLowerCase() === vaultId.toLowerCase());
    if (vm) Object.assign(context, { vmId: vm.vm.id, vmName: vm.vm.name, location: vm.vm.location });
  }
  return context;
}

async function viewOf(ctx: FlowContext, job: BackupJob, context: JobContext, extra: Pick<JobViewOptions, 'askCancel' | 'notice'> = {}) {
  let recoveryPoint: RecoveryPoint | undefined;
  if (context.vmId && (job.status === 'Completed' || job.status === 'CompletedWithWarnings')) {
    try {
      const item = await ctx.backup.findProtectedItem(context.vmId);
      if (item) recoveryPoint = pointOfJob(job, await ctx.backup.listRecoveryPoints(item));
    } catch (err) {
      ctx.logger.warn('job refresh: recovery point not read', { err });
    }
  }
  return jobView(job, { now: ctx.now(), context, recoveryPoint, portalBaseUrl: ctx.portalBaseUrl, ...extra });
}

async function currentView(ctx: FlowContext, vaultId: string, jobName: string, carried: JobContext | undefined): Promise<FlowResult> {
  const job = await ctx.backup.getJob(vaultId, jobName);
  return messageResult(await viewOf(ctx, job, await contextOf(ctx, job, vaultId, carried)), 'replace');
}

export async function jobRefresh(ctx: FlowContext, intent: JobRefreshIntent): Promise<FlowResult> {
  return currentView(ctx, intent.vaultId, intent.jobName, intent.context);
}

/** The confirm step: the job as it is now, asking "Cancel the job" or "Keep it running"; an ended job says so. */
export async function jobCancelAsk(ctx: FlowContext, intent: JobCancelAskIntent): Promise<FlowResult> {
  const job = await ctx.backup.getJob(intent.vaultId, intent.jobName);
  const context = await contextOf(ctx, job, intent.vaultId, intent.context);
  if (TERMINAL_JOB_STATUSES.includes(job.status)) {
    const ended = await viewOf(ctx, job, context);
    return messageResult({ ...ended, notice: { tone: 'info', text: notCancelledEnded(ended.statusText) } }, 'replace');
  }
  if (job.cancellable === false && job.status !== 'Cancelling') {
    return messageResult(await viewOf(ctx, job, context, { notice: { tone: 'info', text: NOT_CANCELLABLE } }), 'replace');
  }
  return messageResult(await viewOf(ctx, job, context, { askCancel: job.status !== 'Cancelling' }), 'replace');
}

/**
 * Cancels, then shows the job in place ("Cancelling…") and follows it to its final state. Azure
 * only cancels a running job: an ended one, or a refusal, is said on the job message.
 */
export async function jobCancel(ctx: FlowContext, intent: JobCancelIntent): Promise<FlowResult> {
  const track = { job: { vaultId: intent.vaultId, jobName: intent.jobName } };
  try {
    // Accepted is enough: the message shows Cancelling now and the job tracker follows it to its end.
    await ctx.backup.cancelJob(intent.vaultId, intent.jobName, { wait: false });
  } catch (err) {
    let job: BackupJob;
    try {
      job = await ctx.backup.getJob(intent.vaultId, intent.jobName);
    } catch {
      return messageResult(failureNotice(ctx, err, 'The job was not cancelled'));
    }
    const context = await contextOf(ctx, job, intent.vaultId, intent.context);
    const view = await viewOf(ctx, job, context);
    const ended = TERMINAL_JOB_STATUSES.includes(job.status);
    // Only Azure's or the rules' words are shown on the job; anything else is a failure notice with a reference.
    if (!ended && safeMessage(err) === undefined) return messageResult(failureNotice(ctx, err, 'The job was not cancelled'));
    ctx.logger.warn('job cancel refused', { job: intent.jobName, status: job.status });
    const text = ended ? notCancelledEnded(view.statusText) : notCancelledRefused(safeMessage(err) ?? 'no reason given');
    return messageResult({ ...view, notice: { tone: 'error', text } }, 'replace');
  }
  const job = await ctx.backup.getJob(intent.vaultId, intent.jobName);
  const context = await contextOf(ctx, job, intent.vaultId, intent.context);
  const view = await viewOf(ctx, job, context);
  return view.final ? messageResult(view, 'replace') : { kind: 'message', view, placement: 'replace', track: { ...track, context } };
}
