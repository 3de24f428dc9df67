/**
 * `backup health`: each scheduled task's last run, next run and last error, and the outbox
 * backlog. Read from the store, so any replica answers for all. (Admin-only once roles exist:
 * it names replicas and shows error texts.)
 */
import type { SchedulerHealth, TaskHealth } from '../notifications/scheduler-health.types';
import { messageResult, notice, type FlowContext } from './flow-context';
import type { FlowResult, Fact, Tone } from './views';
import { dateTimeWords, durationWords, relativeWords } from './wording';

/** A backlog older than this is worth a warning (the dispatcher sends within seconds normally). */
const STUCK_MS = 10 * 60_000;

const at = (d: Date, now: Date): string => `${dateTimeWords(d)} (${relativeWords(d, now)})`;

function taskLine(task: TaskHealth, now: Date): string {
  const parts: string[] = [];
  const run = task.lastRun;
  if (!run) parts.push('not run yet');
  else if (run.status === 'running') parts.push(`running since ${at(run.startedAt, now)}`);
  else parts.push(`last run ${at(run.startedAt, now)}, ${run.status === 'ok' ? 'ok' : 'with errors'}${run.durationMs !== undefined ? ` in ${durationWords(run.durationMs)}` : ''}`);
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
  const errors = health.tasks.flatMap((t) => (t.lastError ? [`${t.title}, ${at(t.lastError.at, now)}: ${t.lastError.message}`] : []));
  if (outbox.lastError) errors.push(`Sending (${outbox.lastError.label}), ${at(outbox.lastError.at, now)}: ${outbox.lastError.message}`);
  if (errors.length > 0) facts.push({ label: 'Last errors', value: errors.map((e) => e.slice(0, 400)).join('\n') });

  const failing = health.tasks.some((t) => t.lastRun?.status === 'error');
  const stuck = outbox.oldestPendingAt !== undefined && now.getTime() - outbox.oldestPendingAt.getTime() > STUCK_MS;
  const tone: Tone = failing || stuck || !health.leader ? 'warning' : 'success';
  const text = failing
    ? 'A task failed on its last run: see the errors below; it runs again on schedule.'
    : stuck
      ? 'Notifications have been waiting for more than 10 minutes: the chat platform may be refusing them (see the errors).'
      : !health.leader
        ? 'No replica holds the scheduler lease right now; one takes it within a lease period.'
        : 'Sweeps run on schedule and notifications are going out.';
  return notice(tone, 'Scheduler health', text, { facts, actions: [{ label: 'Refresh', intent: { type: 'health' } }] });
}

export async function health(ctx: FlowContext): Promise<FlowResult> {
  if (!ctx.notifications) return messageResult(notice('warning', 'Notifications are not set up', 'This bot runs without its scheduler.'));
  return messageResult(healthView(await ctx.notifications.health()));
}
