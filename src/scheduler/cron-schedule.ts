/**
 * node-cron 4 behind a small surface: the scheduler's tasks, and the cron arithmetic that
 * `backup health` (next run) and the catch-up after a missed tick (latest run due) need.
 * Times follow the server's time zone, as node-cron does (set TZ to change it).
 */
import cron, { type ScheduledTask } from 'node-cron';

export interface CronHandle {
  stop(): Promise<void>;
}

/**
 * Runs `onTick(slot)` at every match of `expression` (slot = the scheduled instant). A tick
 * never overlaps the previous one of the same task (noOverlap: node-cron skips it).
 */
export function scheduleCron(name: string, expression: string, onTick: (slot: Date) => Promise<void>): CronHandle {
  const task = cron.schedule(
    expression,
    async (context) => {
      await onTick(context.date ?? context.triggeredAt);
    },
    { name, noOverlap: true },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
    },
  };
}

function withMatcher<T>(expression: string, use: (task: ScheduledTask) => T): T {
  // A task that is never started: only its time matcher is used, then it is removed again.
  const task = cron.createTask(expression, () => undefined);
  try {
    return use(task);
  } finally {
    void task.destroy();
  }
}

/** The next instant after now that the expression matches. */
export function nextRun(expression: string): Date | undefined {
  return withMatcher(expression, (task) => task.getNextRuns(1)[0]);
}

/**
 * The latest instant in (after, upTo] that the expression matches, or undefined. Searches back
 * minute by minute from `upTo`, at most `maxLookbackMs` (default 8 days), so it stays cheap.
 */
export function latestRunBetween(expression: string, after: Date, upTo: Date, maxLookbackMs = 8 * 24 * 3600_000): Date | undefined {
  const seconds = [...cron.parse(expression).second].sort((a, b) => b - a);
  const floor = Math.max(after.getTime(), upTo.getTime() - maxLookbackMs);
  return withMatcher(expression, (task) => {
    const minute = new Date(upTo.getTime());
    minute.setSeconds(0, 0);
    for (let m = minute.getTime(); m > floor - 60_000; m -= 60_000) {
      for (const s of seconds) {
        const candidate = m + s * 1000;
        if (candidate > upTo.getTime() || candidate <= after.getTime()) continue;
        if (task.match(new Date(candidate))) return new Date(candidate);
      }
    }
    return undefined;
  });
}
