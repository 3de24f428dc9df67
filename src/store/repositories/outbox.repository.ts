import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ChannelRow, OutboxRow, StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, isChatPlatform, toTimestamp } from '../row-mappers';
import type { ChatPlatform, StoreDialect } from '../store.types';

/**
 * `${platform}:${conversationId}`, the one key of a channel: in the outbox and sweep tables
 * (channel_key), in the outbox's idempotency keys and in the sweeps' maps, which match it against
 * the stored one. Stored keys depend on its format.
 */
export const channelKeyOf = (channel: { platform: string; conversationId: string }): string => `${channel.platform}:${channel.conversationId}`;

export type OutboxAction = 'post' | 'update';
export type OutboxStatus = 'pending' | 'sent' | 'failed';
/** A notification's part in its channel's day thread: the summary line's first post, its update, or a reply under it. */
export type ThreadRole = 'anchor' | 'summary' | 'reply';
const THREAD_ROLES: readonly string[] = ['anchor', 'summary', 'reply'];

/** Where in a day thread a notification goes (the thread's anchor id is read when it is sent). */
export interface OutboxThread {
  key: string;
  role: ThreadRole;
  /** A reply also shown in the channel (Slack reply_broadcast). */
  broadcast: boolean;
}

/** A notification to write: where, what (a serialised view) and its idempotency key. */
export interface NewOutboxEntry {
  /** Unique per notification, forever (within the retention): a second write of the key is ignored. */
  key: string;
  platform: ChatPlatform;
  conversationId: string;
  action: OutboxAction;
  /** For `update`: the message to change. */
  targetMessageId?: string;
  label: string;
  viewJson: string;
  /** The command behind it (see request-context): its sending is logged under this id. */
  requestId?: string;
  thread?: OutboxThread;
}

/** A notification as stored, with its delivery state. */
export interface OutboxEntry {
  id: string;
  key: string;
  channelKey: string;
  platform: ChatPlatform;
  conversationId: string;
  action: OutboxAction;
  targetMessageId?: string;
  label: string;
  viewJson: string;
  thread?: OutboxThread;
  status: OutboxStatus;
  attempts: number;
  notBefore: Date;
  claimedBy?: string;
  claimedUntil?: Date;
  /** An earlier attempt may have reached the chat platform: check there before sending again. */
  inDoubt: boolean;
  attemptStartedAt?: Date;
  messageId?: string;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
  requestId?: string;
}

/** A channel claimed by one dispatcher: it alone sends there until `claimedUntil`. */
export interface ChannelClaim {
  channelKey: string;
  platform: ChatPlatform;
  conversationId: string;
  nextSendAt: Date;
  claimedUntil: Date;
}

const T = 'notification_outbox';
const ACTIONS: readonly string[] = ['post', 'update'];
const STATUSES: readonly string[] = ['pending', 'sent', 'failed'];
const EPOCH = new Date(0);
/** Errors are kept short in the table; the log has the rest. */
const ERROR_MAX = 500;

function toEntry(row: OutboxRow): OutboxEntry {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError(T, row.id, `unknown platform ${row.platform}`);
  if (!ACTIONS.includes(row.action)) throw new CorruptRowError(T, row.id, `unknown action ${row.action}`);
  if (!STATUSES.includes(row.status)) throw new CorruptRowError(T, row.id, `unknown status ${row.status}`);
  if (row.thread_key !== null && !THREAD_ROLES.includes(row.thread_role ?? '')) throw new CorruptRowError(T, row.id, `unknown thread role ${row.thread_role}`);
  const ts = (text: string): Date => fromTimestamp(text, T, row.id);
  return {
    id: row.id,
    key: row.idempotency_key,
    channelKey: row.channel_key,
    platform: row.platform,
    conversationId: row.conversation_id,
    action: row.action as OutboxAction,
    ...(row.target_message_id !== null ? { targetMessageId: row.target_message_id } : {}),
    label: row.label,
    viewJson: row.view_json,
    ...(row.thread_key !== null ? { thread: { key: row.thread_key, role: row.thread_role as ThreadRole, broadcast: Number(row.broadcast) === 1 } } : {}),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    notBefore: ts(row.not_before),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    ...(row.claimed_until !== null ? { claimedUntil: ts(row.claimed_until) } : {}),
    inDoubt: Number(row.in_doubt) === 1,
    ...(row.attempt_started_at !== null ? { attemptStartedAt: ts(row.attempt_started_at) } : {}),
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    createdAt: ts(row.created_at),
    ...(row.sent_at !== null ? { sentAt: ts(row.sent_at) } : {}),
    ...(row.request_id !== null ? { requestId: row.request_id } : {}),
  };
}

function toClaim(row: ChannelRow): ChannelClaim {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError('notification_channels', row.channel_key, `unknown platform ${row.platform}`);
  return {
    channelKey: row.channel_key,
    platform: row.platform,
    conversationId: row.conversation_id,
    nextSendAt: fromTimestamp(row.next_send_at, 'notification_channels', row.channel_key),
    claimedUntil: fromTimestamp(row.claimed_until ?? row.next_send_at, 'notification_channels', row.channel_key),
  };
}

const clip = (text: string): string => (text.length > ERROR_MAX ? `${text.slice(0, ERROR_MAX - 1)}…` : text);

/**
 * Writes notifications (and their channels) unless their key was written before: a sweep that
 * runs twice, or on two replicas, writes each notification once. Call it inside the sweep's
 * transaction so the notifications and the sweep's state change together. Returns the keys
 * that were new.
 */
export async function enqueueNotifications(db: StoreDb, entries: NewOutboxEntry[], at: Date = new Date()): Promise<string[]> {
  const now = toTimestamp(at);
  const inserted: string[] = [];
  let position = 0;
  for (const entry of entries) {
    const channelKey = channelKeyOf(entry);
    await db
      .insertInto('notification_channels')
      .values({ channel_key: channelKey, platform: entry.platform, conversation_id: entry.conversationId, next_send_at: toTimestamp(EPOCH), claimed_by: null, claimed_until: null, updated_at: now, waiting_since: null, waiting_code: null, waiting_team: null })
      .onConflict((oc) => oc.column('channel_key').doNothing())
      .execute();
    // A channel waiting for the bot to be added back gets nothing new (channel-waits.repository.ts).
    const channel = await db.selectFrom('notification_channels').select('waiting_since').where('channel_key', '=', channelKey).executeTakeFirst();
    if (channel?.waiting_since != null) continue;
    const result = await db
      .insertInto(T)
      .values({
        id: randomUUID(),
        idempotency_key: entry.key,
        channel_key: channelKey,
        platform: entry.platform,
        conversation_id: entry.conversationId,
        action: entry.action,
        target_message_id: entry.targetMessageId ?? null,
        label: entry.label,
        view_json: entry.viewJson,
        thread_key: entry.thread?.key ?? null,
        thread_role: entry.thread?.role ?? null,
        broadcast: entry.thread?.broadcast ? 1 : 0,
        // Creation time, then the position in this batch: a digest goes out before its follow-ups.
        sort_key: `${now}#${String(position).padStart(6, '0')}`,
        status: 'pending',
        attempts: 0,
        not_before: now,
        claimed_by: null,
        claimed_until: null,
        in_doubt: 0,
        attempt_started_at: null,
        message_id: null,
        last_error: null,
        created_at: now,
        sent_at: null,
        request_id: entry.requestId ?? null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    position += 1;
    if ((result.numInsertedOrUpdatedRows ?? 0n) > 0n) inserted.push(entry.key);
  }
  return inserted;
}

/**
 * Whether a later update of the same day thread's summary line waits to be sent: then this one,
 * which it supersedes, need not be (a sweep writes one per vault that had endings).
 */
export async function laterSummaryPending(db: StoreDb, entry: { id: string; thread?: OutboxThread }): Promise<boolean> {
  if (entry.thread?.role !== 'summary') return false;
  const row = await db
    .selectFrom(`${T} as later`)
    .select('later.id')
    .where('later.thread_key', '=', entry.thread.key)
    .where('later.thread_role', '=', 'summary')
    .where('later.status', '=', 'pending')
    .where('later.sort_key', '>', (eb) => eb.selectFrom(`${T} as this`).select('this.sort_key').where('this.id', '=', entry.id))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these keys were written before (a sweep counts only what it writes anew). */
export async function existingKeys(db: StoreDb, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Chunks keep each statement's parameter list well under both dialects' limits.
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom(T).select('idempotency_key').where('idempotency_key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.idempotency_key);
  }
  return found;
}

/**
 * Claims up to `limit` channels that have a notification due and may be sent to now (their pace
 * allows it, nobody else holds them), for `holder` until `until`. One statement: on PostgreSQL
 * the candidates are locked with FOR UPDATE SKIP LOCKED, so replicas claiming at the same time
 * take different channels; on SQLite the conditional UPDATE runs alone.
 */
export async function claimChannels(
  db: StoreDb,
  dialect: StoreDialect,
  input: { holder: string; now: Date; until: Date; limit: number; platforms: readonly ChatPlatform[] },
): Promise<ChannelClaim[]> {
  if (input.platforms.length === 0 || input.limit <= 0) return [];
  const now = toTimestamp(input.now);
  const candidates = db
    .selectFrom('notification_channels as c')
    .select('c.channel_key')
    .where((eb) => eb.or([eb('c.claimed_until', 'is', null), eb('c.claimed_until', '<', now)]))
    .where('c.next_send_at', '<=', now)
    .where('c.waiting_since', 'is', null)
    .where('c.platform', 'in', [...input.platforms])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('notification_outbox as o')
          .select('o.id')
          .whereRef('o.channel_key', '=', 'c.channel_key')
          .where('o.status', '=', 'pending')
          .where('o.not_before', '<=', now)
          .where((inner) => inner.or([inner('o.claimed_until', 'is', null), inner('o.claimed_until', '<', now)])),
      ),
    )
    .orderBy('c.next_send_at')
    .orderBy('c.channel_key')
    .limit(input.limit);
  const locked = dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates;
  const rows = await db
    .updateTable('notification_channels')
    .set({ claimed_by: input.holder, claimed_until: toTimestamp(input.until), updated_at: now })
    .where('channel_key', 'in', locked)
    .returningAll()
    .execute();
  return rows.map(toClaim);
}

/** Extends the holder's claim on a channel and records its pace; false when the claim was lost. */
export async function renewChannel(db: StoreDb, channelKey: string, holder: string, change: { until: Date; nextSendAt?: Date; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('notification_channels')
    .set({
      claimed_until: toTimestamp(change.until),
      updated_at: toTimestamp(change.now),
      ...(change.nextSendAt !== undefined ? { next_send_at: toTimestamp(change.nextSendAt) } : {}),
    })
    .where('channel_key', '=', channelKey)
    .where('claimed_by', '=', holder)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives a channel back (keeping its pace) so any dispatcher may take it when it is due. */
export async function releaseChannel(db: StoreDb, channelKey: string, holder: string, now: Date): Promise<void> {
  await db
    .updateTable('notification_channels')
    .set({ claimed_by: null, claimed_until: null, updated_at: toTimestamp(now) })
    .where('channel_key', '=', channelKey)
    .where('claimed_by', '=', holder)
    .execute();
}

/** The channel's next notification to send: pending, due, not claimed by a live sender; oldest first. */
export async function nextDueEntry(db: StoreDb, channelKey: string, now: Date): Promise<OutboxEntry | undefined> {
  const at = toTimestamp(now);
  const row = await db
    .selectFrom(T)
    .selectAll()
    .where('channel_key', '=', channelKey)
    .where('status', '=', 'pending')
    .where('not_before', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('sort_key')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toEntry(row);
}

/**
 * Claims one notification for `holder` until `until`: a single conditional UPDATE (it must still
 * be pending, and unclaimed or its claim expired). Returns the claimed entry (the claim changes
 * nothing else, so its `inDoubt` tells whether to look on the platform first), or undefined when
 * someone else has it.
 */
export async function claimEntry(db: StoreDb, id: string, holder: string, now: Date, until: Date): Promise<OutboxEntry | undefined> {
  const at = toTimestamp(now);
  const row = await db
    .updateTable(T)
    .set({ claimed_by: holder, claimed_until: toTimestamp(until) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toEntry(row);
}

/**
 * Records that the holder is about to call the chat platform: from here until a definite answer
 * the notification is "in doubt" (a crash leaves it so, and the next sender checks the platform
 * before sending again). False when the claim was lost.
 */
export async function beginAttempt(db: StoreDb, id: string, holder: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable(T)
    .set((eb) => ({ in_doubt: 1, attempt_started_at: toTimestamp(now), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('claimed_by', '=', holder)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks the notification sent, once: only the holder of a pending notification can. */
export async function markSent(db: StoreDb, id: string, holder: string, at: Date, messageId: string | undefined): Promise<boolean> {
  const result = await db
    .updateTable(T)
    .set({ status: 'sent', sent_at: toTimestamp(at), message_id: messageId ?? null, in_doubt: 0, claimed_by: null, claimed_until: null, last_error: null })
    .where('id', '=', id)
    .where('claimed_by', '=', holder)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Puts the notification back for a later attempt. `inDoubt`: whether the failed attempt may still
 * have been delivered. `uncount`: the attempt does not count against the limit (a 429).
 */
export async function markRetry(
  db: StoreDb,
  id: string,
  holder: string,
  change: { notBefore: Date; inDoubt: boolean; error: string; uncount?: boolean; action?: OutboxAction },
): Promise<boolean> {
  const result = await db
    .updateTable(T)
    .set((eb) => ({
      not_before: toTimestamp(change.notBefore),
      in_doubt: change.inDoubt ? 1 : 0,
      last_error: clip(change.error),
      claimed_by: null,
      claimed_until: null,
      ...(change.uncount ? { attempts: eb('attempts', '-', 1) } : {}),
      ...(change.action !== undefined ? { action: change.action } : {}),
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', holder)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up on the notification (a permanent refusal, or too many attempts). */
export async function markFailed(db: StoreDb, id: string, holder: string, at: Date, error: string): Promise<boolean> {
  const result = await db
    .updateTable(T)
    .set({ status: 'failed', last_error: clip(error), sent_at: toTimestamp(at), claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', holder)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getOutboxEntry(db: StoreDb, key: string): Promise<OutboxEntry | undefined> {
  const row = await db.selectFrom(T).selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : toEntry(row);
}

/** Notifications, oldest first (tests and diagnostics). */
export async function listOutbox(db: StoreDb, filter: { status?: OutboxStatus; channelKey?: string } = {}): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom(T)
    .selectAll()
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status as OutboxStatus))
    .$if(filter.channelKey !== undefined, (qb) => qb.where('channel_key', '=', filter.channelKey as string))
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/** The outbox in numbers, for `backup health`. */
export interface OutboxStats {
  pending: number;
  inDoubt: number;
  oldestPendingAt?: Date;
  sentSince: number;
  failedSince: number;
  lastError?: { at: Date; message: string; label: string };
}

export async function outboxStats(db: StoreDb, since: Date): Promise<OutboxStats> {
  const after = toTimestamp(since);
  const pending = await db
    .selectFrom(T)
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('created_at').as('oldest'), eb.fn.sum<string | number | null>('in_doubt').as('doubt')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const done = await db
    .selectFrom(T)
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('status', 'in', ['sent', 'failed'])
    .where('sent_at', '>=', after)
    .groupBy('status')
    .execute();
  const failure = await db
    .selectFrom(T)
    .select(['last_error', 'label', 'sent_at', 'created_at', 'id'])
    .where('last_error', 'is not', null)
    .orderBy(sql`coalesce(sent_at, created_at)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  const count = (status: string): number => Number(done.find((d) => d.status === status)?.n ?? 0);
  return {
    pending: Number(pending.n),
    inDoubt: Number(pending.doubt ?? 0),
    ...(pending.oldest ? { oldestPendingAt: fromTimestamp(String(pending.oldest), T, 'min(created_at)') } : {}),
    sentSince: count('sent'),
    failedSince: count('failed'),
    ...(failure?.last_error
      ? { lastError: { at: fromTimestamp(failure.sent_at ?? failure.created_at, T, failure.id), message: failure.last_error, label: failure.label } }
      : {}),
  };
}

/** Deletes finished notifications: sent ones before `sentBefore`, failed ones before `failedBefore`. */
export async function pruneOutbox(db: StoreDb, before: { sentBefore: Date; failedBefore: Date }): Promise<number> {
  const sent = await db.deleteFrom(T).where('status', '=', 'sent').where('sent_at', '<', toTimestamp(before.sentBefore)).executeTakeFirst();
  const failed = await db.deleteFrom(T).where('status', '=', 'failed').where('sent_at', '<', toTimestamp(before.failedBefore)).executeTakeFirst();
  return Number(sent.numDeletedRows) + Number(failed.numDeletedRows);
}
