import type { ColumnType, Insertable, Kysely, Selectable } from 'kysely';

/**
 * Every table of the store, as kysely sees it after the latest migration (src/store/migrations):
 * the one schema all repositories query. Columns are portable between SQLite and PostgreSQL: text
 * ids, timestamps as ISO-8601 UTC text (`Date#toISOString()`, which also sorts correctly as text),
 * integers 0/1 for flags, JSON as text. Nothing outside src/store sees these rows: the
 * repositories map them to domain objects (src/store/row-mappers and each repository's own).
 */
export interface Database {
  // 2026-11-24-initial, 2026-11-25-1-tracked-job-view
  tracked_jobs: TrackedJobsTable;
  conversation_refs: ConversationRefsTable;
  processed_events: ProcessedEventsTable;
  // 2026-11-25-2-notifications
  notification_subscriptions: NotificationSubscriptionsTable;
  notification_outbox: NotificationOutboxTable;
  notification_channels: NotificationChannelsTable;
  scheduler_leases: SchedulerLeasesTable;
  scheduler_task_runs: SchedulerTaskRunsTable;
  notification_pending_items: NotificationPendingItemsTable;
  job_sweep_cursors: JobSweepCursorsTable;
  // 2026-11-25-3-access-and-audit
  access_bindings: AccessBindingsTable;
  access_grants: AccessGrantsTable;
  access_effects: AccessEffectsTable;
  audit_log: AuditLogTable;
  audit_resources: AuditResourcesTable;
  // 2026-11-26-1-rate-limit
  rate_limit_takes: RateLimitTakesTable;
  // 2026-12-07-4-inventory-size
  inventory_loads: InventoryLoadsTable;
  // 2026-12-07-5-request-ids: request_id on tracked_jobs and notification_outbox
  // 2026-12-07-6-inventory-rows (inventory_vms, replaced by:) 2026-12-07-7-inventory-chunks
  inventory_chunks: InventoryChunksTable;
  // 2026-12-07-8-threads (and threaded, thread_key, thread_role, broadcast below)
  notification_threads: NotificationThreadsTable;
}

/**
 * Up to 5,000 VMs of one subscription from one complete inventory load, as one JSON document
 * (src/store/repositories/inventory-chunks.repository.ts); `chunk` numbers them in listing order.
 */
export interface InventoryChunksTable {
  /** The subscription id, lower case: a bot reads and replaces only its own subscriptions' chunks. */
  subscription_key: string;
  chunk: number;
  /** When the load that wrote the chunk ended (ISO text). */
  seen_at: string;
  vm_count: number;
  data: string;
}

/** A channel's thread of one day: its anchor (the summary line) and the counts that line shows. */
export interface NotificationThreadsTable {
  /** `${channel_key}|${day}` */
  thread_key: string;
  channel_key: string;
  platform: string;
  conversation_id: string;
  /** YYYY-MM-DD in the server's time zone. */
  day: string;
  /** Slack ts or Teams activity id of the summary line; null until it is posted. */
  anchor_message_id: string | null;
  /** 'pending' | 'posted' | 'lost' (it could not be posted: replies go to the channel). */
  anchor_state: string;
  completed: number;
  warnings: number;
  failed: number;
  cancelled: number;
  created_at: string;
  updated_at: string;
}

/** The last complete VM inventory load (one row, id 'vms'): how many VMs it found, and when. */
export interface InventoryLoadsTable {
  id: string;
  vm_count: number;
  loaded_at: string;
}

/**
 * A handle on the store: the open connection, or a transaction in progress (see inTransaction).
 * Code outside src/store only passes it to the repositories; it never builds a query with it.
 */
export type StoreDb = Kysely<Database>;

/** A backup job whose chat message the bot keeps up to date. */
export interface TrackedJobsTable {
  id: string;
  /** 'slack' | 'teams' */
  platform: string;
  conversation_id: string;
  /** Slack message ts or Teams activity id; null until the message is posted. */
  message_id: string | null;
  vault_id: string;
  job_name: string;
  vm_id: string;
  vm_name: string;
  /** Azure's job status (JobStatus). */
  status: string;
  requested_by: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  /** JSON of the flows' JobContext shown on the message (VM, retain-until, requested by). */
  context_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** The flows' JobPhase last shown on the message. */
  last_phase: ColumnType<string | null, string | null | undefined, string | null>;
  /** The request id of the command that started the job (Backup now): its end is logged under it. */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Where the bot can post without being spoken to: Teams conversation references, Slack channels. */
export interface ConversationRefsTable {
  id: string;
  platform: string;
  conversation_id: string;
  reference_json: string;
  tenant_id: string | null;
  updated_at: string;
  /** 2026-12-08-leftovers-2-teams: the Teams team of a channel (null: not a channel, or saved before). */
  team_id: string | null;
}

/** Keys of events already handled (Slack retries, redeliveries, double clicks). */
export interface ProcessedEventsTable {
  key: string;
  created_at: string;
}

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
  /** 1: job notifications go as replies in the channel's thread of the day. */
  threaded: ColumnType<number, number | undefined, number>;
  /** 1: the channel gets the weekly coverage digest of this scope (2026-12-07-9-coverage). */
  coverage_digest: ColumnType<number, number | undefined, number>;
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
  /** The request id of the command behind the notification (a Backup now job's end), for the send's log lines. */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The channel's day thread this belongs to (notification_threads), or null. */
  thread_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'anchor' | 'summary' | 'reply' */
  thread_role: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: a reply that is also shown in the channel. */
  broadcast: ColumnType<number, number | undefined, number>;
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
  /** 2026-12-08-leftovers: since when the bot waits to be added back (null: it can post). */
  waiting_since: string | null;
  /** Why: the platform's refusal (Slack not_in_channel), or `removed` (Teams). */
  waiting_code: string | null;
  /** 2026-12-08-leftovers-2-teams: the Teams team whose removal of the bot paused it. */
  waiting_team: string | null;
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
  /** 2026-12-07-3: when a run last ended without error (ISO). */
  last_ok_at: string | null;
  /** 2026-12-07-3: runs that ended with an error since the last one that did not. */
  errors_in_a_row: number;
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

export interface AccessBindingsTable {
  id: string;
  platform: string;
  /** Slack team id, Teams tenant id ('' when the platform gave none). */
  workspace_id: string;
  channel_id: string;
  /** Lower case. */
  subscription_id: string;
  /** As typed or as Azure spells it; '' binds the whole subscription. */
  resource_group: string;
  /** `subscription` or `subscription/resource group`, lower case: the unique part. */
  scope_key: string;
  created_by: string;
  created_by_name: string | null;
  created_at: string;
}

export interface AccessGrantsTable {
  id: string;
  platform: string;
  workspace_id: string;
  /** 'user' | 'group' */
  principal_kind: string;
  principal_id: string;
  principal_name: string | null;
  /** 'viewer' | 'operator' | 'admin' */
  role: string;
  granted_by: string;
  granted_by_name: string | null;
  granted_at: string;
}

export interface AccessEffectsTable {
  /** A digest of the action and its exact inputs. */
  key: string;
  action: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  user_name: string | null;
  started_at: string;
  /** null while it runs. */
  finished_at: string | null;
  /** The audit outcome once finished. */
  outcome: string | null;
  summary: string | null;
}

/** Append-only: the migration installs triggers that refuse UPDATE and DELETE. */
export interface AuditLogTable {
  id: string;
  at: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  user_name: string | null;
  action: string;
  summary: string;
  /** 'succeeded' | 'partial' | 'failed' | 'denied' */
  outcome: string;
  detail: string | null;
  /** JSON array of the ARM ids the entry names. */
  resource_ids_json: string;
}

/** Append-only, like audit_log. */
export interface AuditResourcesTable {
  audit_id: string;
  /** The ARM id in lower case. */
  resource_key: string;
  /** The id's last segment (a VM's or vault's name) in lower case. */
  name_key: string;
}

/** Per person, the times of their costly actions still in the window. */
export interface RateLimitTakesTable {
  /** `platform:workspace:user` */
  key: string;
  /** JSON array of ISO-8601 UTC timestamps, oldest first. */
  taken_json: string;
  /** Goes up by one with every write; a write names the version it read. */
  version: number;
  updated_at: string;
}

export type TrackedJobRow = Selectable<TrackedJobsTable>;
export type NewTrackedJobRow = Insertable<TrackedJobsTable>;
export type ConversationRefRow = Selectable<ConversationRefsTable>;
export type SubscriptionRow = Selectable<NotificationSubscriptionsTable>;
export type OutboxRow = Selectable<NotificationOutboxTable>;
export type ChannelRow = Selectable<NotificationChannelsTable>;
export type LeaseRow = Selectable<SchedulerLeasesTable>;
export type TaskRunRow = Selectable<SchedulerTaskRunsTable>;
export type PendingItemRow = Selectable<NotificationPendingItemsTable>;
export type BindingRow = Selectable<AccessBindingsTable>;
export type GrantRow = Selectable<AccessGrantsTable>;
export type EffectRow = Selectable<AccessEffectsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
