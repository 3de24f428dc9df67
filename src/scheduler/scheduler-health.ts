import type { SchedulerConfig } from '../config/config.types';
import type { StoreDb } from '../store';
import { systemClock, type Clock } from '../notifications/clock';
import type { SchedulerHealth } from '../notifications/scheduler-health.types';
import { listWaitingChannels } from '../store/repositories/channel-waits.repository';
import { getLease } from '../store/repositories/leases.repository';
import { outboxStats } from '../store/repositories/outbox.repository';
import { listTaskRuns } from '../store/repositories/task-runs.repository';
import { nextRun } from './cron-schedule';
import { SCHEDULER_LEASE } from './leader-lease';
import { taskSpecs } from './scheduler-tasks';

const DAY_MS = 24 * 3600_000;

/**
 * Reads the scheduler's state for `backup health`: the leader, each task's last and next run and
 * last error, and the outbox backlog. Only the database is read, so any replica can answer,
 * whether or not it leads.
 */
export function createSchedulerHealth(options: { db: StoreDb; config: SchedulerConfig; clock?: Clock }): () => Promise<SchedulerHealth> {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  return async () => {
    const now = clock.now();
    const [lease, runs, stats, waiting] = await Promise.all([getLease(db, SCHEDULER_LEASE), listTaskRuns(db), outboxStats(db, new Date(now.getTime() - DAY_MS)), listWaitingChannels(db)]);
    return {
      now,
      ...(lease && lease.expiresAt.getTime() > now.getTime() ? { leader: { holder: lease.holder, since: lease.acquiredAt, expiresAt: lease.expiresAt } } : {}),
      tasks: taskSpecs(options.config).map((spec) => {
        const run = runs.find((r) => r.task === spec.name);
        return {
          name: spec.name,
          title: spec.title,
          schedule: spec.cron,
          ...(run?.lastStartedAt && run.lastStatus
            ? {
                lastRun: {
                  slot: run.lastSlot,
                  startedAt: run.lastStartedAt,
                  finishedAt: run.lastFinishedAt,
                  status: run.lastStatus,
                  durationMs: run.lastDurationMs,
                  holder: run.lastHolder,
                },
              }
            : {}),
          nextRun: nextRun(spec.cron),
          ...(run?.lastError ? { lastError: run.lastError } : {}),
          failedRunsInARow: run?.errorsInARow ?? 0,
          ...(run?.lastOkAt ? { lastSuccessAt: run.lastOkAt } : {}),
        };
      }),
      outbox: {
        pending: stats.pending,
        inDoubt: stats.inDoubt,
        oldestPendingAt: stats.oldestPendingAt,
        sentLastDay: stats.sentSince,
        failedLastDay: stats.failedSince,
        lastError: stats.lastError,
      },
      waitingChannels: waiting,
    };
  };
}
