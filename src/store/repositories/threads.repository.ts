import type { Selectable } from 'kysely';
import type { NotificationThreadsTable, StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, isChatPlatform, toTimestamp } from '../row-mappers';
import type { ChatPlatform } from '../store.types';
import { channelKeyOf } from './outbox.repository';

/** How the jobs told in a day thread ended. */
export interface ThreadCounts {
  completed: number;
  warnings: number;
  failed: number;
  cancelled: number;
}

/** 'pending': the anchor is not posted yet; 'posted': replies go under it; 'lost': it could not be posted, replies go to the channel. */
export type AnchorState = 'pending' | 'posted' | 'lost';

/** A channel's thread of one day. */
export interface DayThread {
  key: string;
  platform: ChatPlatform;
  conversationId: string;
  day: string;
  anchorMessageId?: string;
  anchorState: AnchorState;
  counts: ThreadCounts;
  createdAt: Date;
  updatedAt: Date;
}

const T = 'notification_threads';
const STATES: readonly string[] = ['pending', 'posted', 'lost'];

/** The one key of a channel's day thread (in the outbox's thread_key too). */
export const threadKeyOf = (channel: { platform: string; conversationId: string }, day: string): string => `${channelKeyOf(channel)}|${day}`;

function toThread(row: Selectable<NotificationThreadsTable>): DayThread {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError(T, row.thread_key, `unknown platform ${row.platform}`);
  if (!STATES.includes(row.anchor_state)) throw new CorruptRowError(T, row.thread_key, `unknown anchor state ${row.anchor_state}`);
  return {
    key: row.thread_key,
    platform: row.platform,
    conversationId: row.conversation_id,
    day: row.day,
    ...(row.anchor_message_id !== null ? { anchorMessageId: row.anchor_message_id } : {}),
    anchorState: row.anchor_state as AnchorState,
    counts: { completed: Number(row.completed), warnings: Number(row.warnings), failed: Number(row.failed), cancelled: Number(row.cancelled) },
    createdAt: fromTimestamp(row.created_at, T, row.thread_key),
    updatedAt: fromTimestamp(row.updated_at, T, row.thread_key),
  };
}

/**
 * Makes sure the channel's thread of `day` exists and holds it until the transaction ends: an
 * insert that does nothing on conflict, then a row lock (an UPDATE). A sweep on another replica
 * doing the same waits here for this one to commit, so it then sees this one's notifications and
 * counts none of them again. Call it in the sweep's transaction, before reading what was written.
 */
export async function holdThread(db: StoreDb, input: { channel: { platform: ChatPlatform; conversationId: string }; day: string; at: Date }): Promise<string> {
  const key = threadKeyOf(input.channel, input.day);
  const now = toTimestamp(input.at);
  await db
    .insertInto(T)
    .values({
      thread_key: key,
      channel_key: channelKeyOf(input.channel),
      platform: input.channel.platform,
      conversation_id: input.channel.conversationId,
      day: input.day,
      anchor_message_id: null,
      anchor_state: 'pending',
      completed: 0,
      warnings: 0,
      failed: 0,
      cancelled: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('thread_key').doNothing())
    .execute();
  await db.updateTable(T).set({ updated_at: now }).where('thread_key', '=', key).execute();
  return key;
}

/** Adds job endings to a held thread's counts; returns the thread as it now is. */
export async function countIntoThread(db: StoreDb, key: string, add: ThreadCounts, at: Date): Promise<DayThread> {
  const row = await db
    .updateTable(T)
    .set((eb) => ({
      completed: eb('completed', '+', add.completed),
      warnings: eb('warnings', '+', add.warnings),
      failed: eb('failed', '+', add.failed),
      cancelled: eb('cancelled', '+', add.cancelled),
      updated_at: toTimestamp(at),
    }))
    .where('thread_key', '=', key)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toThread(row);
}

export async function getThread(db: StoreDb, key: string): Promise<DayThread | undefined> {
  const row = await db.selectFrom(T).selectAll().where('thread_key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : toThread(row);
}

/**
 * Records the thread's anchor, once: only when it has none yet (or, to replace a deleted one, when
 * it is still `replacing`). False when another sender recorded a different one first, which then
 * stays the thread's anchor.
 */
export async function setThreadAnchor(db: StoreDb, key: string, messageId: string, at: Date, replacing?: string): Promise<boolean> {
  const result = await db
    .updateTable(T)
    .set({ anchor_message_id: messageId, anchor_state: 'posted', updated_at: toTimestamp(at) })
    .where('thread_key', '=', key)
    .where((eb) => (replacing === undefined ? eb('anchor_message_id', 'is', null) : eb('anchor_message_id', '=', replacing)))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The anchor could not be posted: the day's replies go to the channel instead. */
export async function markThreadLost(db: StoreDb, key: string, at: Date): Promise<void> {
  await db.updateTable(T).set({ anchor_state: 'lost', updated_at: toTimestamp(at) }).where('thread_key', '=', key).where('anchor_message_id', 'is', null).execute();
}

/** Forgets threads of days before `day` (YYYY-MM-DD); returns how many. */
export async function pruneThreads(db: StoreDb, beforeDay: string): Promise<number> {
  const result = await db.deleteFrom(T).where('day', '<', beforeDay).executeTakeFirst();
  return Number(result.numDeletedRows);
}
