import { coversId, type ChannelScope } from '../access/channel-scope';
import type { BackupJob, JobStatus, ProtectedItem, Vault } from '../domain/backup.types';
import { TERMINAL_JOB_STATUSES } from '../domain/backup.types';
import { MAX_CLOCK_SKEW_MS } from '../domain/clock-skew.rule';
import { jobView } from '../flows/job-view';
import { nowProtectedView, type ClearedItem } from '../notifications/notification-views';
import { addCounts, countOf, dayOf, NO_COUNTS, placementOf, threadSummaryView, totalOf } from '../notifications/day-threads';
import { jobBroadcastKey, jobEndedKey, nowProtectedKey, threadAnchorKey, threadSummaryKey, toOutboxEntry, type Notification } from '../notifications/outbox';
import { mayTell, NOTHING_IN_SCOPE, vmDecides } from '../notifications/subscription-access';
import { inScope, vaultMayServe, wantsJob } from '../notifications/subscription-scope';
import type { ChannelAddress, ChannelSubscription } from '../notifications/subscription.types';
import { inTransaction } from '../store/transaction';
import { channelKeyOf, enqueueNotifications, existingKeys } from '../store/repositories/outbox.repository';
import { countIntoThread, holdThread } from '../store/repositories/threads.repository';
import type { StoreDb } from '../store';
import { deletePendingItem, findPendingItemsOfVm, getJobCursor, listPendingItems, setJobCursor, type PendingItem } from '../store/repositories/sweep-state.repository';
import { listTrackedJobsByJob } from '../store/repositories/tracked-jobs.repository';
import type { TrackedJob } from '../store/store.types';
import { describeError, scopesOf, type SweepContext, type SweepResult } from './sweep-context';

export interface JobSweepOptions {
  /** How far back the first sweep of a vault looks for jobs still running (default 7 days). */
  firstLookbackMs?: number;
  /** Jobs that ended longer ago than this are not told (default 7 days: the outbox keeps sent keys that long). */
  maxAgeMs?: number;
}

/** Job start times are filtered to the second by Azure; ask a minute earlier and let the keys de-duplicate. */
const OVERLAP_MS = 60_000;
const DAY_MS = 24 * 3600_000;

const isTerminal = (job: BackupJob): boolean => TERMINAL_JOB_STATUSES.includes(job.status);
const madeRestorePoint = (job: BackupJob): boolean => job.status === 'Completed' || job.status === 'CompletedWithWarnings';

/**
 * The job sweep, run at each JOB_SWEEP_CRON slot: per vault that a subscription may cover, ONE
 * time-filtered query for the Backup jobs started since its cursor (listJobs(vaultId, { since })),
 * never one call per item. Each job that ended (Completed, CompletedWithWarnings, Failed,
 * Cancelled) is told once to each subscribed channel that wants it, except where the bot already
 * shows that job (a tracked Backup now message, which the job tracker updates in place: pass
 * flows.jobs.refreshTrackedJobs as the scheduler's refreshTrackedJobs so it runs after this). A
 * completed first backup also clears the VM from the channel's pending digest ("now protected").
 * A channel is told only of jobs whose vault and VM are in its access scope, read once per
 * channel per sweep, and only of jobs that ended after the bindings that bring them in were made,
 * so a subscription paused by an unbind resumes with new endings, not a backlog. The vaults asked
 * and the calls per vault do not depend on the scopes.
 *
 * The cursor is the start of the oldest job still running at the last query (else the newest
 * start seen), so a long job is asked for until it ends; it moves in the same transaction as the
 * notifications it produced, so a crash repeats the query and the keys de-duplicate.
 */
export async function runJobCompletionsSweep(ctx: SweepContext, options: JobSweepOptions = {}): Promise<SweepResult> {
  const now = ctx.azureNow();
  const firstLookback = options.firstLookbackMs ?? 7 * DAY_MS;
  const oldest = now.getTime() - (options.maxAgeMs ?? 7 * DAY_MS);
  const problems: string[] = [];
  const all = await ctx.subscriptions.listAll();
  const jobSubs = all.filter((s) => s.events.jobs !== 'none');
  const digestChannels = new Set(all.filter((s) => s.events.pendingDigest).map((s) => channelKeyOf(s.channel)));
  const pendingVaults = (await listPendingItems(ctx.db)).map((p) => p.vaultId);
  if (jobSubs.length === 0 && pendingVaults.length === 0) return { notifications: 0, problems };
  const scopes = await scopesOf(ctx, all.map((s) => s.channel));

  let written = 0;
  for (const vault of await ctx.vaults.serving(jobSubs, pendingVaults)) {
    try {
      written += await sweepVault(ctx, vault, jobSubs, { digestChannels, scopes }, { now, firstLookback, oldest });
    } catch (error) {
      problems.push(`vault ${vault.name}: ${describeError(error)}`);
    }
  }
  if (problems.length > 0) ctx.logger.warn('job sweep: some vaults could not be read', { problems });
  return { notifications: written, problems };
}

async function sweepVault(
  ctx: SweepContext,
  vault: Vault,
  jobSubs: ChannelSubscription[],
  channels: { digestChannels: Set<string>; scopes: Map<string, ChannelScope> },
  times: { now: Date; firstLookback: number; oldest: number },
): Promise<number> {
  const cursor = (await getJobCursor(ctx.db, vault.id)) ?? new Date(times.now.getTime() - times.firstLookback);
  const jobs = (await ctx.backup.listJobs(vault.id, { since: new Date(cursor.getTime() - OVERLAP_MS), operation: 'Backup' })).filter((j) => j.operation === 'Backup');
  const running = jobs.filter((j) => !isTerminal(j)).map((j) => j.startTime.getTime());
  const starts = jobs.map((j) => j.startTime.getTime());
  const next = running.length > 0 ? Math.min(...running) : starts.length > 0 ? Math.max(cursor.getTime(), ...starts) : cursor.getTime();

  const ended = jobs
    .filter((j) => isTerminal(j) && j.endTime !== undefined && j.endTime.getTime() >= times.oldest)
    .sort((a, b) => (a.endTime as Date).getTime() - (b.endTime as Date).getTime());
  const scopeOf = (channel: ChannelAddress): ChannelScope => channels.scopes.get(channelKeyOf(channel)) ?? NOTHING_IN_SCOPE;
  // A channel that may not see the vault is told none of its jobs.
  const subs = jobSubs.filter((s) => vaultMayServe(vault, s.scope) && coversId(scopeOf(s.channel), vault.id));

  // The VM of a job is needed to match resource-group scopes, and channels bound to resource
  // groups, by the VM's group: one read of the vault's protected items, only when a job ended and
  // such a scope or channel is there.
  let items: Map<string, ProtectedItem> | undefined;
  if (ended.length > 0 && subs.some((s) => s.scope.kind !== 'vault' || vmDecides(scopeOf(s.channel), vault.id))) {
    items = new Map((await ctx.backup.listProtectedItems(vault.id)).map((i) => [i.vmName.toLowerCase(), i]));
  }

  let written = 0;
  await inTransaction(ctx.db, async (trx) => {
    const notifications: Notification[] = [];
    const threaded = new Map<string, { channel: ChannelAddress; replies: { reply: Notification; status: JobStatus; also?: Notification }[] }>();
    const cleared = new Map<string, { channel: ChannelAddress; rows: PendingItem[]; items: ClearedItem[] }>();
    for (const job of ended) {
      const endTime = job.endTime as Date;
      const item = items?.get(job.entityFriendlyName.toLowerCase());
      const subject = { vaultId: vault.id, vmId: item?.vmId };
      const told = new Set<string>();
      let tracked: TrackedJob[] | undefined;
      for (const sub of subs) {
        const key = channelKeyOf(sub.channel);
        if (told.has(key) || !wantsJob(sub.events.jobs, job.status) || !inScope(subject, sub.scope) || !mayTell(scopeOf(sub.channel), subject, endTime)) continue;
        // Ended before the channel subscribed (the subscription is timed by the bot's clock, the job by Azure's).
        if (endTime.getTime() + MAX_CLOCK_SKEW_MS < sub.createdAt.getTime()) continue;
        told.add(key);
        // Where the bot already shows this job (a Backup now message), the job tracker updates that
        // message in place to its end; a second message there would say the same thing twice.
        tracked ??= await listTrackedJobsByJob(trx, vault.id, job.name);
        if (tracked.some((t) => t.platform === sub.channel.platform && ctx.trackedConversation(t) === sub.channel.conversationId)) continue;
        // A Backup now job: its end, told elsewhere, is logged under the id of the command that started it.
        const requestId = tracked.find((t) => t.requestId !== undefined)?.requestId;
        const ending: Notification = {
          ...(requestId !== undefined ? { requestId } : {}),
          key: jobEndedKey(sub.channel, vault.id, job.name),
          channel: sub.channel,
          label: 'job-ended',
          view: jobView(job, {
            // Azure's clock may run ahead of ours: an ending must not read as "in 3 min".
            now: new Date(Math.max(times.now.getTime(), endTime.getTime())),
            context: { vmName: job.entityFriendlyName, ...(item ? { vmId: item.vmId } : {}), location: vault.location },
            location: vault.location,
            portalBaseUrl: ctx.portalBaseUrl,
          }),
        };
        const placement = placementOf(sub.channel.platform, job.status, sub.events.threaded === true);
        if (!placement.inThread) {
          notifications.push(ending);
          continue;
        }
        const group = threaded.get(key) ?? { channel: sub.channel, replies: [] };
        group.replies.push({
          reply: { ...ending, thread: { key: '', role: 'reply', broadcast: placement.broadcast === 'with-reply' } },
          status: job.status,
          ...(placement.broadcast === 'channel-post' ? { also: { ...ending, key: jobBroadcastKey(sub.channel, vault.id, job.name) } } : {}),
        });
        threaded.set(key, group);
      }
      if (madeRestorePoint(job)) {
        for (const row of await findPendingItemsOfVm(trx, vault.id, job.entityFriendlyName)) {
          if (!channels.digestChannels.has(row.channelKey)) continue;
          // Out of the channel's scope now: left for the next digest sweep to forget without a word.
          if (!mayTell(channels.scopes.get(row.channelKey) ?? NOTHING_IN_SCOPE, { vaultId: vault.id, vmId: row.vmId }, endTime)) continue;
          if (!(await deletePendingItem(trx, row))) continue;
          const entry = cleared.get(row.channelKey) ?? { channel: { platform: row.platform, conversationId: row.conversationId }, rows: [], items: [] };
          entry.rows.push(row);
          entry.items.push({ vmId: row.vmId, vmName: row.vmName, vaultName: vault.name, protectedAt: endTime });
          cleared.set(row.channelKey, entry);
        }
      }
    }
    for (const { channel, rows, items: clearedItems } of cleared.values()) {
      notifications.push({
        key: nowProtectedKey(channel, rows.map((r) => ({ itemId: r.itemId, firstSeenAt: r.firstSeenAt }))),
        channel,
        label: 'now-protected',
        view: nowProtectedView(clearedItems, times.now),
      });
    }
    for (const group of threaded.values()) notifications.push(...(await threadNotifications(trx, group, ctx.clock.now())));
    written = (await enqueueNotifications(trx, notifications.map(toOutboxEntry), ctx.clock.now())).length;
    await setJobCursor(trx, vault.id, new Date(next), ctx.clock.now());
  });
  return written;
}

/**
 * A threaded channel's job endings of this sweep, in the order they must be sent: the day thread's
 * summary line first (its first post, which the replies go under, or its update to the new
 * counts, which also finds out early that it was deleted), then one reply per ending (and, where
 * the platform has no broadcast reply, a failure's channel post). Only endings not written before
 * are counted, so a sweep that runs twice, or on two replicas, counts each job once.
 */
async function threadNotifications(
  trx: StoreDb,
  group: { channel: ChannelAddress; replies: { reply: Notification; status: JobStatus; also?: Notification }[] },
  at: Date,
): Promise<Notification[]> {
  // Most sweeps re-read endings already told (the query overlaps the last one): nothing to hold then.
  const told = await existingKeys(trx, group.replies.map((r) => r.reply.key));
  if (group.replies.every((r) => told.has(r.reply.key))) return [];
  const day = dayOf(at);
  const key = await holdThread(trx, { channel: group.channel, day, at });
  const anchorKey = threadAnchorKey(key);
  const known = await existingKeys(trx, [anchorKey, ...group.replies.map((r) => r.reply.key)]);
  const fresh = group.replies.filter((r) => !known.has(r.reply.key));
  if (fresh.length === 0) return [];
  const thread = await countIntoThread(trx, key, fresh.reduce((sum, r) => addCounts(sum, countOf(r.status)), NO_COUNTS), at);
  const first = !known.has(anchorKey);
  const head: Notification = {
    key: first ? anchorKey : threadSummaryKey(key, totalOf(thread.counts)),
    channel: group.channel,
    label: 'thread-summary',
    view: threadSummaryView(thread.counts, day),
    thread: { key, role: first ? 'anchor' : 'summary', broadcast: false },
  };
  const replies = fresh.flatMap(({ reply, also }) => [{ ...reply, thread: { key, role: 'reply' as const, broadcast: reply.thread?.broadcast === true } }, ...(also ? [also] : [])]);
  return [head, ...replies];
}
