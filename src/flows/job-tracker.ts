import type { BackupService } from '../backup/backup.port';
import type { BackupJob, RecoveryPoint } from '../domain/backup.types';
import { currentRequestId, silentLogger, withRequestId, type Logger } from '../log';
import type { VmInventory } from '../inventory/inventory.types';
import type { JobTracker } from './flows.types';
import type { JobUpdate, MessageAddress, TrackedJob, TrackedJobStore } from './job-tracker.port';
import { jobView, pointOfJob } from './job-view';
import type { TrackRequest } from './views';

export interface JobTrackerOptions {
  backup: BackupService;
  store: TrackedJobStore;
  now?: () => Date;
  portalBaseUrl?: string;
  inventory?: VmInventory;
  logger?: Logger;
}

const jobKey = (t: TrackedJob): string => `${t.job.vaultId.toLowerCase()}|${t.job.jobName}`;

/** Keeps job messages up to date through the TrackedJobStore port (see JobTracker). */
export function createJobTracker(options: JobTrackerOptions): JobTracker {
  const { backup, store } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  let pass: Promise<JobUpdate[]> | undefined;

  /** The recovery point of a finished backup, when it can be read; the view does without otherwise. */
  const recoveryPointFor = async (job: BackupJob, tracked: TrackedJob): Promise<RecoveryPoint | undefined> => {
    if (job.status !== 'Completed' && job.status !== 'CompletedWithWarnings') return undefined;
    if (!tracked.context.vmId) return undefined;
    try {
      const item = await backup.findProtectedItem(tracked.context.vmId);
      if (!item) return undefined;
      return pointOfJob(job, await backup.listRecoveryPoints(item));
    } catch (err) {
      logger.warn('job tracker: could not read the recovery point of a finished job', { job: tracked.job, err });
      return undefined;
    }
  };

  const runPass = async (publish: (update: JobUpdate) => Promise<void>): Promise<JobUpdate[]> => {
    const open = await store.listOpen();
    const byJob = new Map<string, TrackedJob[]>();
    for (const t of open) byJob.set(jobKey(t), [...(byJob.get(jobKey(t)) ?? []), t]);
    const updates: JobUpdate[] = [];
    // Sequential on purpose: a pass is a handful of jobs, and Azure throttles bursts of reads.
    for (const group of byJob.values()) {
      const first = group[0];
      let job: BackupJob;
      try {
        job = await backup.getJob(first.job.vaultId, first.job.jobName);
      } catch (err) {
        logger.warn('job tracker: could not read a tracked job; will retry', { job: first.job, err });
        continue;
      }
      const point = await recoveryPointFor(job, first);
      for (const tracked of group) {
        const location = tracked.context.vmId ? options.inventory?.get(tracked.context.vmId)?.vm.location : undefined;
        const view = jobView(job, { now: now(), context: tracked.context, recoveryPoint: point, portalBaseUrl: options.portalBaseUrl, location });
        const update: JobUpdate = { tracked, view, changed: view.phase !== tracked.lastPhase };
        // Under the id of the command that started the job, so its end is found with the command.
        const published = await withRequestId(tracked.requestId, async () => {
          try {
            await publish(update);
          } catch (err) {
            logger.warn('job tracker: publishing a job update failed; will retry', { job: tracked.job, platform: tracked.platform, err });
            return false;
          }
          if (view.final) logger.info('job message shows the job ended', { job: tracked.job, platform: tracked.platform, phase: view.phase });
          return true;
        });
        if (!published) continue;
        const address: MessageAddress = { platform: tracked.platform, messageRef: tracked.messageRef };
        await store.markShown(address, view.phase, view.final);
        updates.push(update);
      }
    }
    return updates;
  };

  return {
    async track(request: TrackRequest, address: MessageAddress): Promise<void> {
      const requestId = currentRequestId();
      await store.save({ ...address, job: request.job, context: request.context, trackedAt: now().toISOString(), ...(requestId !== undefined ? { requestId } : {}) });
    },
    refreshTrackedJobs(publish) {
      if (!pass) {
        pass = runPass(publish).finally(() => {
          pass = undefined;
        });
      }
      return pass;
    },
  };
}
