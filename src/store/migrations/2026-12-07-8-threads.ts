import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A channel may ask for job notifications as replies in one thread a day.
  await db.schema.alterTable('notification_subscriptions').addColumn('threaded', 'integer', (col) => col.notNull().defaultTo(0)).execute();

  // Which day thread of a channel a notification belongs to, and its part in it: the day's summary
  // line (posted once, then updated in place) or a reply under it. The anchor's id is read when
  // the notification is sent, so a reply written before the anchor was posted still finds it.
  await db.schema.alterTable('notification_outbox').addColumn('thread_key', 'text').execute();
  await db.schema.alterTable('notification_outbox').addColumn('thread_role', 'text').execute();
  await db.schema.alterTable('notification_outbox').addColumn('broadcast', 'integer', (col) => col.notNull().defaultTo(0)).execute();

  // One row per channel and day: the anchor message (Slack ts, Teams activity id) once posted,
  // and the counts its summary line shows. Every replica and a restarted bot read the same row.
  await db.schema
    .createTable('notification_threads')
    .addColumn('thread_key', 'text', (col) => col.primaryKey())
    .addColumn('channel_key', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('anchor_message_id', 'text')
    .addColumn('anchor_state', 'text', (col) => col.notNull())
    .addColumn('completed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('cancelled', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('notification_threads_by_day').on('notification_threads').column('day').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_threads').execute();
  await db.schema.alterTable('notification_outbox').dropColumn('broadcast').execute();
  await db.schema.alterTable('notification_outbox').dropColumn('thread_role').execute();
  await db.schema.alterTable('notification_outbox').dropColumn('thread_key').execute();
  await db.schema.alterTable('notification_subscriptions').dropColumn('threaded').execute();
}
