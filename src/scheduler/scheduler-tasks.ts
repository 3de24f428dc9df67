import type { SchedulerConfig } from '../config/config.types';
import { DEFAULT_COVERAGE_DIGEST_CRON } from '../config/settings';

export type TaskName = 'pending-digest' | 'job-sweep' | 'coverage-digest';

/** The scheduled tasks: their names (in the database and logs), titles and schedules. */
export interface TaskSpec {
  name: TaskName;
  title: string;
  cron: string;
  /** Whether a slot missed while no replica led is run late (the digest), or simply skipped (the job sweep catches up by itself). */
  catchUp: boolean;
}

export function taskSpecs(config: SchedulerConfig): TaskSpec[] {
  return [
    { name: 'pending-digest', title: 'Initial backup pending digest', cron: config.pendingDigestCron, catchUp: true },
    { name: 'job-sweep', title: 'Finished backup jobs', cron: config.jobSweepCron, catchUp: false },
    { name: 'coverage-digest', title: 'Weekly coverage digest', cron: config.coverageDigestCron ?? DEFAULT_COVERAGE_DIGEST_CRON, catchUp: true },
  ];
}
