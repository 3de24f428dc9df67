/**
 * `backup health`: each scheduled task's last run, next run and last error, and the outbox
 * backlog. Read from the store, so any replica answers for all. (Admin-only once roles exist:
 * it names replicas and shows error texts.)
 */
import type { SchedulerHealth, TaskHealth } from '../notifications/scheduler-health.types';
import type { FlowContext } from './flow-context';
import { messageResult, notice } from './flow-results';
import type { FlowResult, Fact, Tone } from './views';
import { plural } from './plural';
import { dateTimeWords, durationWords, relativeWords, waitingForBotWords } from './wording';

/** A backlog older than this is worth a warning (the dispatcher sends within seconds normally). */
const STUCK_MS = 10 * 60_000;

/** From this many failed runs in a row a task's trouble is red, not amber. */
export const FAILING_RED_AFTER = 3;

const at = (d: Date, now: Date): string => `${dateTimeWords(d)} (${relativeWords(d, now)})`;

/**
 * Runs that failed in a row: a run in progress replaces the last run's status, so the count the
 * store keeps is what tells a task that keeps failing from one that recovered.
 */
const failedInARow = (task: TaskHealth): number => Math.max(task.failedRunsInARow, task.lastRun?.status === 'error' ? 1 : 0);

const runsWords = (n: number): string => (n === 1 ? 'its last run' : `its last ${n} runs`);

const lastSuccessWords = (task: TaskHealth, now: Date): string => (task.lastSuccessAt ? `last succeeded ${at(task.lastSuccessAt, now)}` : 'has not succeeded yet');

function taskLine(task: TaskHealth, now: Date): string {
  const parts: string[] = [];
  const run = task.lastRun;
  if (!run) parts.push('not run yet');
  else if (run.status === 'running') parts.push(`running since ${at(run.startedAt, now)}`);
  else parts.push(`last run ${at(run.startedAt, now)}, ${run.status === 'ok' ? 'ok' : 'with errors'}${run.durationMs !== undefined ? ` in ${durationWords(run.durationMs)}` : ''}`);
  const failed = failedInARow(task);
  if (failed > 0) parts.push(`failed ${runsWords(failed)}, ${lastSuccessWords(task, now)}`);
  parts.push(task.nextRun ? `next ${at(task.nextRun, now)}` : 'no next run');
  parts.push(`schedule \`${task.schedule}\``);
  return parts.join(' · ');
}

export function healthView(health: SchedulerHealth) {
  const { now, outbox } = health;
  const facts: Fact[] = health.tasks.map((t) => ({ label: t.title, value: taskLine(t, now) }));
  const backlog = outbox.pending === 0 ? 'nothing waiting' : `${outbox.pending} waiting${outbox.oldestPendingAt ? `, oldest since ${at(outbox.oldestPendingAt, now)}` : ''}${outbox.inDoubt ? `, ${outbox.inDoubt} being checked after an interrupted send` : ''}`;
  facts.push({ label: 'Notifications', value: `${backlog} · last 24 hours: ${outbox.sentLastDay} sent, ${outbox.failedLastDay} failed` });
  facts.push({ label: 'Sweeps run on', value: health.leader ? `${health.leader.holder} (lease until ${dateTimeWords(health.leader.expiresAt)})` : 'no replica at the moment (the next to check takes over)' });
  const waiting = health.waitingChannels ?? [];
  if (waiting.length > 0) {
    facts.push({ label: 'Waiting for the bot', value: waiting.slice(0, 10).map((w) => `Since ${at(w.since, now)} (${w.code}): ${waitingForBotWords(w)}.`).join('\n') });
  }
  const errors = health.tasks.flatMap((t) => (t.lastError ? [`${t.title}, ${at(t.lastError.at, now)}: ${t.lastError.message}`] : []));
  if (outbox.lastError) errors.push(`Sending (${outbox.lastError.label}), ${at(outbox.lastError.at, now)}: ${outbox.lastError.message}`);
  if (errors.length > 0) facts.push({ label: 'Last errors', value: errors.map((e) => e.slice(0, 400)).join('\n') });

  const failing = health.tasks.filter((t) => failedInARow(t) > 0);
  const stuck = outbox.oldestPendingAt !== undefined && now.getTime() - outbox.oldestPendingAt.getTime() > STUCK_MS;
  const red = failing.some((t) => failedInARow(t) >= FAILING_RED_AFTER);
  const tone: Tone = red ? 'error' : failing.length > 0 || stuck || !health.leader || waiting.length > 0 ? 'warning' : 'success';
  const text =
    failing.length > 0
      ? `${failing.map((t) => `${t.title} failed ${runsWords(failedInARow(t))} and ${lastSuccessWords(t, now)}`).join('; ')}. See the errors below; ${failing.length === 1 ? 'it runs' : 'they run'} again on schedule.`
      : stuck
        ? 'Notifications have been waiting for more than 10 minutes: the chat platform may be refusing them (see the errors).'
        : !health.leader
          ? 'No replica holds the scheduler lease right now; one takes it within a lease period.'
          : waiting.length > 0
            ? `Sweeps run on schedule; notifications to ${plural(waiting.length, 'channel')} wait for the bot to be added back (below).`
            : 'Sweeps run on schedule and notifications are going out.';
  return notice(tone, 'Scheduler health', text, { facts, actions: [{ label: 'Refresh', intent: { type: 'health' } }] });
}

export async function health(ctx: FlowContext): Promise<FlowResult> {
  if (!ctx.notifications) return messageResult(notice('warning', 'Notifications are not set up', 'This bot runs without its scheduler.'));
  return messageResult(healthView(await ctx.notifications.health()));
}
