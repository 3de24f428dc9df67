/**
 * The scheduler: node-cron sweeps (initial-backup-pending digest, finished backup jobs) that
 * write notifications to the outbox, run by one replica at a time under a database lease, and
 * the outbox dispatcher every replica runs. See docs/notifications.md.
 */
export { startScheduler, createScheduler, defaultHolderId, DEFAULT_TUNING } from './start-scheduler';
export type { Scheduler, SchedulerDeps, SchedulerTuning, TaskOutcome } from './start-scheduler';
export { createNotificationsPort } from './notifications-on-store';
export { createSchedulerHealth } from './scheduler-health';
export type { TaskName } from './scheduler-tasks';
