import { randomUUID } from 'node:crypto';
import type { StoreDb, SubscriptionRow } from '../database';
import { CorruptRowError, fromTimestamp, isChatPlatform, toTimestamp } from '../row-mappers';
import type { ChatPlatform } from '../store.types';

export type SubscriptionScopeKind = 'subscription' | 'resource-group' | 'vault';
export type SubscriptionJobEvents = 'all' | 'failures' | 'none';

/** A channel's subscription as stored: the scope by kind and ARM id, and what the channel gets. */
export interface SubscriptionRecord {
  id: string;
  platform: ChatPlatform;
  conversationId: string;
  scopeKind: SubscriptionScopeKind;
  /** /subscriptions/x, /subscriptions/x/resourceGroups/y, or the vault's id. */
  scopeId: string;
  scopeName: string;
  pendingDigest: boolean;
  jobEvents: SubscriptionJobEvents;
  /** Job notifications as replies in the channel's thread of the day. */
  threaded: boolean;
  coverageDigest: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionInput {
  platform: ChatPlatform;
  conversationId: string;
  scopeKind: SubscriptionScopeKind;
  scopeId: string;
  scopeName: string;
  pendingDigest: boolean;
  jobEvents: SubscriptionJobEvents;
  /** Default: false. */
  threaded?: boolean;
  coverageDigest?: boolean;
  createdBy: string;
  /** Default: now. */
  at?: Date;
}

const SCOPE_KINDS: readonly string[] = ['subscription', 'resource-group', 'vault'];
const JOB_EVENTS: readonly string[] = ['all', 'failures', 'none'];

function toSubscription(row: SubscriptionRow): SubscriptionRecord {
  if (!isChatPlatform(row.platform)) throw new CorruptRowError('notification_subscriptions', row.id, `unknown platform ${row.platform}`);
  if (!SCOPE_KINDS.includes(row.scope_kind)) throw new CorruptRowError('notification_subscriptions', row.id, `unknown scope kind ${row.scope_kind}`);
  if (!JOB_EVENTS.includes(row.job_events)) throw new CorruptRowError('notification_subscriptions', row.id, `unknown job events ${row.job_events}`);
  return {
    id: row.id,
    platform: row.platform,
    conversationId: row.conversation_id,
    scopeKind: row.scope_kind as SubscriptionScopeKind,
    scopeId: row.scope_id,
    scopeName: row.scope_name,
    pendingDigest: Number(row.pending_digest) === 1,
    jobEvents: row.job_events as SubscriptionJobEvents,
    threaded: Number(row.threaded) === 1,
    coverageDigest: Number(row.coverage_digest) === 1,
    createdBy: row.created_by,
    createdAt: fromTimestamp(row.created_at, 'notification_subscriptions', row.id),
    updatedAt: fromTimestamp(row.updated_at, 'notification_subscriptions', row.id),
  };
}

/**
 * Subscribes a channel to a scope, or changes what an existing subscription of that channel to
 * that scope brings (one row per channel and scope, ids compared case-insensitively). Atomic on
 * both dialects. `created` says whether the row is new.
 */
export async function upsertSubscription(db: StoreDb, input: SubscriptionInput): Promise<{ subscription: SubscriptionRecord; created: boolean }> {
  const at = toTimestamp(input.at ?? new Date());
  const id = randomUUID();
  const row = await db
    .insertInto('notification_subscriptions')
    .values({
      id,
      platform: input.platform,
      conversation_id: input.conversationId,
      scope_kind: input.scopeKind,
      scope_id: input.scopeId,
      scope_key: input.scopeId.toLowerCase(),
      scope_name: input.scopeName,
      pending_digest: input.pendingDigest ? 1 : 0,
      job_events: input.jobEvents,
      threaded: input.threaded ? 1 : 0,
      coverage_digest: input.coverageDigest ? 1 : 0,
      created_by: input.createdBy,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'conversation_id', 'scope_key']).doUpdateSet({
        scope_name: input.scopeName,
        pending_digest: input.pendingDigest ? 1 : 0,
        job_events: input.jobEvents,
        threaded: input.threaded ? 1 : 0,
        coverage_digest: input.coverageDigest ? 1 : 0,
        updated_at: at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { subscription: toSubscription(row), created: row.id === id };
}

/** The subscriptions of one channel, oldest first (then by scope). */
export async function listChannelSubscriptions(db: StoreDb, platform: ChatPlatform, conversationId: string): Promise<SubscriptionRecord[]> {
  const rows = await db
    .selectFrom('notification_subscriptions')
    .selectAll()
    .where('platform', '=', platform)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('scope_key')
    .execute();
  return rows.map(toSubscription);
}

/** Every subscription of every channel (the sweeps' input). */
export async function listAllSubscriptions(db: StoreDb): Promise<SubscriptionRecord[]> {
  const rows = await db.selectFrom('notification_subscriptions').selectAll().orderBy('platform').orderBy('conversation_id').orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscription);
}

/** Removes one subscription of the channel (by id, or by scope id); true when there was one. Never touches another channel's. */
export async function deleteSubscription(
  db: StoreDb,
  platform: ChatPlatform,
  conversationId: string,
  which: { id: string } | { scopeId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('notification_subscriptions')
    .where('platform', '=', platform)
    .where('conversation_id', '=', conversationId)
    .$if('id' in which, (qb) => qb.where('id', '=', (which as { id: string }).id))
    .$if('scopeId' in which, (qb) => qb.where('scope_key', '=', (which as { scopeId: string }).scopeId.toLowerCase()))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Removes every subscription of the channel; returns how many. */
export async function deleteChannelSubscriptions(db: StoreDb, platform: ChatPlatform, conversationId: string): Promise<number> {
  const result = await db.deleteFrom('notification_subscriptions').where('platform', '=', platform).where('conversation_id', '=', conversationId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
