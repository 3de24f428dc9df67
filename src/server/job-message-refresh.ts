import type { Flows } from '../flows/flows.types';
import type { JobUpdate } from '../flows/job-tracker.port';
import type { Logger } from '../log';

/** Publishes a job's new view on the platform that posted its message. */
export type JobUpdatePublisher = (update: JobUpdate) => Promise<void>;

/**
 * Keeps job messages up to date: every `intervalMs`, one pass of the flows' job tracker, each
 * update routed to the publisher of its platform. A message whose platform is not mounted in this
 * process stays open (another replica, or a later start with that platform on, publishes it).
 */
export function startJobMessageRefresh(options: {
  flows: Flows;
  publishers: Readonly<Record<string, JobUpdatePublisher>>;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  const { flows, publishers, logger } = options;
  let pass: Promise<unknown> = Promise.resolve();
  const publish: JobUpdatePublisher = async (update) => {
    const publisher = publishers[update.tracked.platform];
    if (!publisher) throw new Error(`no ${update.tracked.platform} adapter in this process`);
    await publisher(update);
  };
  const tick = (): void => {
    pass = flows.jobs.refreshTrackedJobs(publish).catch((error: unknown) => {
      logger.warn('job messages: refresh pass failed', { error: error instanceof Error ? error.message : String(error) });
    });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
