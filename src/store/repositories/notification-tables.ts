import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database';

/**
 * The tables of migration 2026-11-25-2-notifications, as kysely sees them: channel subscriptions,
 * the notification outbox and its channels, and the scheduler's leases, task runs and sweep
 * state. Kept beside their repositories (src/store/database.ts stays as the initial schema had
 * it); `notificationDb(db)` widens a store handle to see them. Same column conventions as the
 * rest of the store: ISO-8601 UTC text timestamps, integers 0/1 for flags, JSON as text.
 */
// A type alias, not an interface: kysely's withTables wants an index-compatible record.
export type NotificationTables = {
  notification_subscriptions: NotificationSubscriptionsTable;
  notification_outbox: NotificationOutboxTable;
  notification_channels: NotificationChannelsTable;
  scheduler_leases: SchedulerLeasesTable;
  scheduler_task_runs: SchedulerTaskRunsTable;
  notification_pending_items: NotificationPendingItemsTable;
  job_sweep_cursors: JobSweepCursorsTable;
};

export interface NotificationSubscriptionsTable {
  id: string;
  platform: string;
  conversation_id: string;
  /** 'subscription' | 'resource-group' | 'vault' */
  scope_kind: string;
  /** The scope's ARM id as shown (/subscriptions/x, /subscriptions/x/resourceGroups/y, a vault id). */
  scope_id: string;
  /** scope_id in lower case: ARM ids compare case-insensitively. */
  scope_key: string;
  scope_name: string;
  pending_digest: number;
  /** 'all' | 'failures' | 'none' */
  job_events: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface NotificationOutboxTable {
  id: string;
  idempotency_key: string;
  /** `${platform}:${conversation_id}` */
  channel_key: string;
  platform: string;
  conversation_id: string;
  /** 'post' | 'update' */
  action: string;
  /** For updates: the message to change (Slack ts, Teams activity id). */
  target_message_id: string | null;
  /** What kind of notification, for logs and health ('pending-digest', 'job-ended', ...). */
  label: string;
  view_json: string;
  /** Order of sending within a channel. */
  sort_key: string;
  /** 'pending' | 'sent' | 'failed' */
  status: string;
  attempts: number;
  not_before: string;
  claimed_by: string | null;
  claimed_until: string | null;
  /** 1 when an earlier attempt may have reached the chat platform (its outcome is unknown). */
  in_doubt: number;
  attempt_started_at: string | null;
  /** The posted (or updated) message. */
  message_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationChannelsTable {
  channel_key: string;
  platform: string;
  conversation_id: string;
  /** No message goes to the channel before this (pacing, Retry-After). */
  next_send_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  updated_at: string;
}

export interface SchedulerLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
  acquired_at: string;
  renewed_at: string;
}

export interface SchedulerTaskRunsTable {
  task: string;
  /** The scheduled instant of the last run claimed (ISO). */
  last_slot: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** 'running' | 'ok' | 'error' */
  last_status: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_duration_ms: number | null;
  last_holder: string | null;
  runs: number;
}

export interface NotificationPendingItemsTable {
  channel_key: string;
  /** The protected item's id in lower case. */
  item_key: string;
  platform: string;
  conversation_id: string;
  item_id: string;
  vm_id: string;
  vm_name: string;
  vault_id: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface JobSweepCursorsTable {
  vault_key: string;
  vault_id: string;
  since: string;
  updated_at: string;
}

export type NotificationDatabase = Database & NotificationTables;
/** A store handle (or a transaction, which is one) that sees the notification tables. */
export type NotificationDb = Kysely<NotificationDatabase>;

export type OutboxRow = Selectable<NotificationOutboxTable>;
export type ChannelRow = Selectable<NotificationChannelsTable>;
export type SubscriptionRow = Selectable<NotificationSubscriptionsTable>;
export type TaskRunRow = Selectable<SchedulerTaskRunsTable>;
export type LeaseRow = Selectable<SchedulerLeasesTable>;
export type PendingItemRow = Selectable<NotificationPendingItemsTable>;

/** The store's handle, widened to the notification tables (same connection, no copy). */
export function notificationDb(db: Kysely<Database>): Kysely<NotificationDatabase> {
  return db.withTables<NotificationTables>();
}

/** Which SQL the claims use: FOR UPDATE SKIP LOCKED on PostgreSQL, a single conditional UPDATE on SQLite. */
export type StoreDialect = 'sqlite' | 'postgres';

/** `${platform}:${conversationId}`, the key of a channel in the outbox tables. */
export const channelKeyOf = (platform: string, conversationId: string): string => `${platform}:${conversationId}`;

/**
 * The same handle (or transaction) seen as the store's initial tables, for the store's own
 * repositories (e.g. tracked jobs inside a sweep's transaction). kysely's types are invariant in
 * the database type, so narrowing to the tables a repository knows needs this one cast.
 */
export function storeDb(db: NotificationDb): Kysely<Database> {
  return db as unknown as Kysely<Database>;
}
