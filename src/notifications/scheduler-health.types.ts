import type { ChatPlatform } from '../store/store.types';

/** One scheduled task in `backup health`. */
export interface TaskHealth {
  /** 'pending-digest', 'job-sweep' */
  name: string;
  title: string;
  /** Its cron expression. */
  schedule: string;
  lastRun?: {
    slot?: Date;
    startedAt: Date;
    finishedAt?: Date;
    status: 'running' | 'ok' | 'error';
    durationMs?: number;
    /** The replica that ran it. */
    holder?: string;
  };
  nextRun?: Date;
  /** The last error, kept after later successes so it can still be read. */
  lastError?: { at: Date; message: string };
  /** Runs that ended with an error since the last one that did not; a run in progress does not reset it. */
  failedRunsInARow: number;
  /** When a run last ended without error. */
  lastSuccessAt?: Date;
}

/** The scheduler and the outbox as `backup health` shows them (read from the database: any replica can answer). */
export interface SchedulerHealth {
  /** When the report was made, on the clock its times are in. */
  now: Date;
  leader?: { holder: string; since: Date; expiresAt: Date };
  tasks: TaskHealth[];
  outbox: {
    /** Waiting to be sent. */
    pending: number;
    /** Waiting, and an earlier attempt may have arrived (checked on the platform before sending again). */
    inDoubt: number;
    oldestPendingAt?: Date;
    sentLastDay: number;
    failedLastDay: number;
    lastError?: { at: Date; message: string; label: string };
  };
  /** Channels the bot was removed from or never added to: their notifications wait for it. */
  waitingChannels?: { platform: ChatPlatform; conversationId: string; since: Date; code: string }[];
}
