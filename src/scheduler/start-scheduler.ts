import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createChannelAccess } from '../access/conversation-scope';
import type { BackupService } from '../backup/backup.port';
import type { AccessConfig, SchedulerConfig } from '../config/config.types';
import { silentLogger, type Logger } from '../log';
import { systemClock, type Clock } from '../notifications/clock';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../notifications/dispatcher';
import type { Notifier } from '../notifications/notifier.port';
import { createSubscriptionStore } from '../notifications/subscription-store';
import type { StoreDb } from '../store';
import type { StoreDialect } from '../store/store.types';
import { pruneOutbox } from '../store/repositories/outbox.repository';
import { pruneThreads } from '../store/repositories/threads.repository';
import { dayOf } from '../notifications/day-threads';
import { claimTaskSlot, finishTaskRun, getTaskRun } from '../store/repositories/task-runs.repository';
import { latestRunBetween, scheduleCron, type CronHandle } from './cron-schedule';
import { runJobCompletionsSweep } from './job-completions.sweep';
import { LeaderLease } from './leader-lease';
import { runPendingDigestSweep } from './pending-digest.sweep';
import { runCoverageDigestSweep } from './coverage-digest.sweep';
import { DEFAULT_EXCLUDE_TAG } from '../domain/exclude-tag.rule';
import { taskSpecs, type TaskName, type TaskSpec } from './scheduler-tasks';
import { describeError, VaultDirectory, type SweepContext, type SweepResult } from './sweep-context';

/** What the scheduler needs; the server composition builds it. */
export interface SchedulerDeps {
  /** The store (SQLite or PostgreSQL), migrated. */
  db: StoreDb;
  /** config.store.kind: which SQL the outbox claims use. */
  dialect: StoreDialect;
  backup: BackupService;
  /** config.scheduler: PENDING_DIGEST_CRON and JOB_SWEEP_CRON. */
  config: SchedulerConfig;
  /** config.access: what a channel nobody bound may be told about (its bindings decide otherwise). */
  access: Pick<AccessConfig, 'defaultChannelScope'>;
  /** One per chat platform that is on (notifications for others wait in the outbox). */
  notifiers: Notifier[];
  logger?: Logger;
  /** Azure's clock (the embedded emulator's, or the system clock): job times are compared with it. Default: the system clock. */
  azureNow?: () => Date;
  /** The wall clock of leases, claims and pacing. Default: the system clock. */
  clock?: Clock;
  /** This replica's name in leases and claims; default host:pid:random. Unique among replicas. */
  holderId?: string;
  /** Azure portal base URL for the links in job notifications. */
  portalBaseUrl?: string;
  /** Told of each notification this replica ends (the /metrics counters). */
  onNotificationOutcome?: DispatcherOptions['onOutcome'];
  /** Called after each job sweep by the leader, e.g. flows.jobs.refreshTrackedJobs with the adapters' publishers. */
  refreshTrackedJobs?: () => Promise<unknown>;
  tuning?: Partial<SchedulerTuning>;
}

/** Timings, all with defaults for production. */
export interface SchedulerTuning {
  /** The leader's lease lasts this long without renewal: a dead leader is replaced within it. */
  leaseTtlMs: number;
  /** How often every replica renews or tries to take the lease (well under leaseTtlMs). */
  leaseCheckMs: number;
  /** Claims on outbox channels and notifications (must exceed a notifier's request timeout). */
  claimTtlMs: number;
  dispatchConcurrency: number;
  dispatchPollMs: number;
  vaultCacheMs: number;
  /** A run that started this long ago and never finished (its replica died) may run again. */
  staleRunMs: number;
  jobFirstLookbackMs: number;
  jobMaxAgeMs: number;
  sentRetentionMs: number;
  failedRetentionMs: number;
  pruneEveryMs: number;
}

const DAY_MS = 24 * 3600_000;
export const DEFAULT_TUNING: SchedulerTuning = {
  leaseTtlMs: 30_000,
  leaseCheckMs: 10_000,
  claimTtlMs: 60_000,
  dispatchConcurrency: 8,
  dispatchPollMs: 1_000,
  vaultCacheMs: 5 * 60_000,
  staleRunMs: 15 * 60_000,
  jobFirstLookbackMs: 7 * DAY_MS,
  jobMaxAgeMs: 7 * DAY_MS,
  sentRetentionMs: 8 * DAY_MS,
  failedRetentionMs: 30 * DAY_MS,
  pruneEveryMs: 3600_000,
};

export type TaskOutcome =
  | { ran: false; reason: 'not-leader' | 'already-run' | 'busy' | 'stopped' }
  | { ran: true; result?: SweepResult; error?: string };

/** The scheduler of one replica. */
export interface Scheduler {
  readonly holder: string;
  readonly lease: LeaderLease;
  readonly dispatcher: Dispatcher;
  /**
   * Runs a task for the scheduled instant `slot` (default now) if this replica leads and no
   * replica ran that slot yet. The cron ticks call it; tests call it to drive sweeps by hand.
   */
  runTask(name: TaskName, slot?: Date): Promise<TaskOutcome>;
  /** Runs what a dead leader (or a stopped bot) missed: the latest digest slot not run yet, a run whose replica died. */
  catchUp(): Promise<void>;
  /** Starts the cron tasks, the lease loop and the outbox dispatcher. */
  start(): void;
  /** Stops ticking, finishes what runs, gives the lease up. Idempotent. */
  stop(): Promise<void>;
}

export function defaultHolderId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const tuning: SchedulerTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const logger = (deps.logger ?? silentLogger).child({ component: 'scheduler' });
  const clock = deps.clock ?? systemClock;
  const azureNow = deps.azureNow ?? (() => new Date());
  const holder = deps.holderId ?? defaultHolderId();
  const { db } = deps;
  const specs = new Map<TaskName, TaskSpec>(taskSpecs(deps.config).map((s) => [s.name, s]));
  const lease = new LeaderLease({ db, holder, ttlMs: tuning.leaseTtlMs, clock, logger });
  const dispatcher = createDispatcher({
    db,
    dialect: deps.dialect,
    notifiers: deps.notifiers,
    holder,
    clock,
    logger: logger.child({ part: 'outbox' }),
    claimTtlMs: tuning.claimTtlMs,
    concurrency: tuning.dispatchConcurrency,
    pollIntervalMs: tuning.dispatchPollMs,
    ...(deps.onNotificationOutcome ? { onOutcome: deps.onNotificationOutcome } : {}),
  });
  const ctx: SweepContext = {
    db,
    backup: deps.backup,
    subscriptions: createSubscriptionStore(db),
    access: createChannelAccess(db, deps.access),
    vaults: new VaultDirectory(deps.backup, clock, tuning.vaultCacheMs),
    azureNow,
    clock,
    logger,
    portalBaseUrl: deps.portalBaseUrl,
    // tracked_jobs rows hold either a conversation and a message id, or the adapter's opaque message address.
    trackedConversation: (job) =>
      job.messageId !== undefined ? job.conversationId : deps.notifiers.find((n) => n.platform === job.platform)?.conversationOfTrackedMessage?.(job.conversationId),
  };
  const SWEEPS: Record<TaskName, (slot: Date) => Promise<SweepResult>> = {
    'pending-digest': (slot) => runPendingDigestSweep(ctx, slot),
    'coverage-digest': (slot) => runCoverageDigestSweep(ctx, slot, deps.config.excludeTag ?? DEFAULT_EXCLUDE_TAG),
    'job-sweep': () => runJobCompletionsSweep(ctx, { firstLookbackMs: tuning.jobFirstLookbackMs, maxAgeMs: tuning.jobMaxAgeMs }),
  };

  const running = new Set<TaskName>();
  const inFlight = new Set<Promise<unknown>>();
  const stopper = new AbortController();
  let crons: CronHandle[] = [];
  let loops: Promise<void>[] = [];
  let lastPrune = 0;
  let stopping: Promise<void> | undefined;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  async function afterJobSweep(): Promise<void> {
    if (deps.refreshTrackedJobs) {
      await deps.refreshTrackedJobs().catch((error: unknown) => logger.warn('refreshing tracked job messages failed', { error: describeError(error) }));
    }
    const now = clock.now().getTime();
    if (now - lastPrune >= tuning.pruneEveryMs) {
      lastPrune = now;
      const pruned = await pruneOutbox(db, { sentBefore: new Date(now - tuning.sentRetentionMs), failedBefore: new Date(now - tuning.failedRetentionMs) }).catch(
        (error: unknown) => {
          logger.warn('pruning the outbox failed', { error: describeError(error) });
          return 0;
        },
      );
      if (pruned > 0) logger.info('outbox pruned', { deleted: pruned });
      // Day threads go with the oldest notifications that could still name them.
      await pruneThreads(db, dayOf(new Date(now - tuning.failedRetentionMs))).catch((error: unknown) => logger.warn('pruning day threads failed', { error: describeError(error) }));
    }
  }

  async function runTask(name: TaskName, slot: Date = clock.now()): Promise<TaskOutcome> {
    if (stopper.signal.aborted) return { ran: false, reason: 'stopped' };
    if (running.has(name)) return { ran: false, reason: 'busy' };
    running.add(name);
    try {
      const leads = lease.isLeader() || (await lease.check()).leader;
      if (!leads) return { ran: false, reason: 'not-leader' };
      const startedAt = clock.now();
      const claimed = await claimTaskSlot(db, { task: name, slot, holder, now: startedAt, staleBefore: new Date(startedAt.getTime() - tuning.staleRunMs) });
      if (!claimed) return { ran: false, reason: 'already-run' };
      let result: SweepResult | undefined;
      let error: string | undefined;
      try {
        result = await SWEEPS[name](slot);
        if (result.problems.length > 0) error = result.problems.join('; ');
      } catch (err) {
        error = describeError(err);
        logger.error(`${name} failed`, { slot: slot.toISOString(), error });
      }
      const finishedAt = clock.now();
      await finishTaskRun(db, { task: name, slot, holder, now: finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime(), error }).catch((err: unknown) =>
        logger.warn('could not record a task run', { task: name, error: describeError(err) }),
      );
      if (result && result.notifications > 0) {
        logger.info(`${name}: notifications written`, { count: result.notifications });
        dispatcher.wake();
      }
      if (name === 'job-sweep') await afterJobSweep();
      return { ran: true, result, error };
    } finally {
      running.delete(name);
    }
  }

  async function catchUp(): Promise<void> {
    const now = clock.now();
    for (const spec of specs.values()) {
      const run = await getTaskRun(db, spec.name);
      if (!run?.lastSlot) continue; // never ran: nothing was missed yet
      const stale = run.lastStatus === 'running' && run.lastStartedAt !== undefined && now.getTime() - run.lastStartedAt.getTime() > tuning.staleRunMs;
      if (stale) {
        logger.warn(`${spec.name}: the run of ${run.lastSlot.toISOString()} never finished (its replica stopped); running it again`);
        await runTask(spec.name, run.lastSlot);
        continue;
      }
      if (!spec.catchUp) continue;
      const missed = latestRunBetween(spec.cron, run.lastSlot, now);
      if (missed) {
        logger.info(`${spec.name}: running the missed run of ${missed.toISOString()}`);
        await runTask(spec.name, missed);
      }
    }
  }

  async function leaseLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const { leader } = await lease.check();
      if (leader && !signal.aborted) await track(catchUp()).catch((error: unknown) => logger.warn('catch-up failed', { error: describeError(error) }));
      await clock.sleep(tuning.leaseCheckMs, signal);
    }
  }

  return {
    holder,
    lease,
    dispatcher,
    runTask: (name, slot) => track(runTask(name, slot)),
    catchUp: () => track(catchUp()),
    start() {
      if (crons.length > 0 || stopper.signal.aborted) return;
      crons = [...specs.values()].map((spec) =>
        scheduleCron(`vm-backup-bot:${spec.name}`, spec.cron, async (slot) => {
          const outcome = await track(runTask(spec.name, slot));
          if (outcome.ran === false && outcome.reason === 'busy') logger.info(`${spec.name}: previous run still going; this tick skipped`);
        }),
      );
      loops = [leaseLoop(stopper.signal), dispatcher.run(stopper.signal)].map((p) =>
        p.catch((error: unknown) => logger.error('scheduler loop stopped', { error: describeError(error) })),
      );
      logger.info('scheduler started', { holder, tasks: [...specs.values()].map((s) => `${s.name} ${s.cron}`), platforms: deps.notifiers.map((n) => n.platform) });
    },
    stop() {
      stopping ??= (async () => {
        stopper.abort();
        await Promise.all(crons.map((c) => c.stop()));
        await Promise.allSettled([...loops, ...inFlight]);
        await lease.release();
        logger.info('scheduler stopped', { holder });
      })();
      return stopping;
    },
  };
}

/**
 * Starts the scheduler of this replica: node-cron ticks for the sweeps (which only the lease
 * holder runs), the lease loop, and the outbox dispatcher (every replica sends). Returns the
 * scheduler; `stop()` it at shutdown.
 */
export function startScheduler(deps: SchedulerDeps): Scheduler {
  const scheduler = createScheduler(deps);
  scheduler.start();
  return scheduler;
}
