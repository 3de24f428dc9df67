import { sql, type Kysely } from 'kysely';

// Frozen: the schema of channel subscriptions, the notification outbox and the scheduler's
// coordination state as it was on this date. Never imports application code; only SQL that
// SQLite and PostgreSQL both accept (text timestamps in ISO-8601 UTC, integers for flags).

export async function up(db: Kysely<any>): Promise<void> {
  // A channel's subscription to a scope (subscription, resource group or vault), and what it gets.
  await db.schema
    .createTable('notification_subscriptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('scope_kind', 'text', (col) => col.notNull())
    .addColumn('scope_id', 'text', (col) => col.notNull())
    .addColumn('scope_key', 'text', (col) => col.notNull())
    .addColumn('scope_name', 'text', (col) => col.notNull())
    .addColumn('pending_digest', 'integer', (col) => col.notNull())
    .addColumn('job_events', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('notification_subscriptions_channel_scope_unique', ['platform', 'conversation_id', 'scope_key'])
    .addCheckConstraint('notification_subscriptions_platform_check', sql`platform in ('slack', 'teams')`)
    .addCheckConstraint('notification_subscriptions_scope_kind_check', sql`scope_kind in ('subscription', 'resource-group', 'vault')`)
    .addCheckConstraint('notification_subscriptions_job_events_check', sql`job_events in ('all', 'failures', 'none')`)
    .execute();

  // Every notification, written by a sweep before anything is sent; sent at most once per key.
  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('channel_key', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target_message_id', 'text')
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('view_json', 'text', (col) => col.notNull())
    .addColumn('sort_key', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('not_before', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('in_doubt', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('attempt_started_at', 'text')
    .addColumn('message_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .addCheckConstraint('notification_outbox_status_check', sql`status in ('pending', 'sent', 'failed')`)
    .addCheckConstraint('notification_outbox_action_check', sql`action in ('post', 'update')`)
    .execute();
  await db.schema.createIndex('notification_outbox_due_idx').on('notification_outbox').columns(['status', 'not_before']).execute();
  await db.schema.createIndex('notification_outbox_channel_idx').on('notification_outbox').columns(['channel_key', 'status', 'sort_key']).execute();
  await db.schema.createIndex('notification_outbox_created_idx').on('notification_outbox').column('created_at').execute();

  // One row per conversation the outbox posts to: its pace (next_send_at) and who is sending there.
  await db.schema
    .createTable('notification_channels')
    .addColumn('channel_key', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('next_send_at', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  // Leader election among replicas: one row per lease, held until expires_at unless renewed.
  await db.schema
    .createTable('scheduler_leases')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('acquired_at', 'text', (col) => col.notNull())
    .addColumn('renewed_at', 'text', (col) => col.notNull())
    .execute();

  // The last run of each scheduled task (health, catch-up after a missed tick, one run per slot).
  await db.schema
    .createTable('scheduler_task_runs')
    .addColumn('task', 'text', (col) => col.primaryKey())
    .addColumn('last_slot', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('last_holder', 'text')
    .addColumn('runs', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  // Items a channel's digest lists as "initial backup pending", until they clear.
  await db.schema
    .createTable('notification_pending_items')
    .addColumn('channel_key', 'text', (col) => col.notNull())
    .addColumn('item_key', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('item_id', 'text', (col) => col.notNull())
    .addColumn('vm_id', 'text', (col) => col.notNull())
    .addColumn('vm_name', 'text', (col) => col.notNull())
    .addColumn('vault_id', 'text', (col) => col.notNull())
    .addColumn('first_seen_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('notification_pending_items_pk', ['channel_key', 'item_key'])
    .execute();

  // Per vault: the start time from which the job sweep asks for jobs next.
  await db.schema
    .createTable('job_sweep_cursors')
    .addColumn('vault_key', 'text', (col) => col.primaryKey())
    .addColumn('vault_id', 'text', (col) => col.notNull())
    .addColumn('since', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_sweep_cursors').execute();
  await db.schema.dropTable('notification_pending_items').execute();
  await db.schema.dropTable('scheduler_task_runs').execute();
  await db.schema.dropTable('scheduler_leases').execute();
  await db.schema.dropTable('notification_channels').execute();
  await db.schema.dropTable('notification_outbox').execute();
  await db.schema.dropTable('notification_subscriptions').execute();
}
