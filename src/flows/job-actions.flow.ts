/** The buttons of a job message: Refresh and Cancel; both answer with the job view in place. */
import type { RecoveryPoint } from '../domain/backup.types';
import type { JobCancelIntent, JobRefreshIntent } from './intents';
import type { FlowContext } from './flow-context';
import { failureNotice, messageResult } from './flow-results';
import { jobView, pointOfJob } from './job-view';
import type { JobContext } from './job-context';
import type { FlowResult } from './views';

async function currentView(ctx: FlowContext, vaultId: string, jobName: string, carried: JobContext | undefined): Promise<FlowResult> {
  const job = await ctx.backup.getJob(vaultId, jobName);
  const context: JobContext = { ...carried };
  if (!context.vmId) {
    // A job read from a list carries no context: the VM of that name protected by this vault, if the cache knows it.
    await ctx.inventory.ready();
    const vm = ctx.inventory
      .findByName(job.entityFriendlyName)
      .find((e) => e.protection && e.protection.vaultId.toLowerCase() === vaultId.toLowerCase());
    if (vm) Object.assign(context, { vmId: vm.vm.id, vmName: vm.vm.name, location: vm.vm.location });
  }
  let recoveryPoint: RecoveryPoint | undefined;
  if (context.vmId && (job.status === 'Completed' || job.status === 'CompletedWithWarnings')) {
    try {
      const item = await ctx.backup.findProtectedItem(context.vmId);
      if (item) recoveryPoint = pointOfJob(job, await ctx.backup.listRecoveryPoints(item));
    } catch (err) {
      ctx.logger.warn('job refresh: recovery point not read', { err });
    }
  }
  return messageResult(jobView(job, { now: ctx.now(), context, recoveryPoint, portalBaseUrl: ctx.portalBaseUrl }), 'replace');
}

export async function jobRefresh(ctx: FlowContext, intent: JobRefreshIntent): Promise<FlowResult> {
  return currentView(ctx, intent.vaultId, intent.jobName, intent.context);
}

export async function jobCancel(ctx: FlowContext, intent: JobCancelIntent): Promise<FlowResult> {
  try {
    await ctx.backup.cancelJob(intent.vaultId, intent.jobName);
  } catch (err) {
    return messageResult(failureNotice(ctx, err, 'The job was not cancelled'));
  }
  return currentView(ctx, intent.vaultId, intent.jobName, intent.context);
}
