import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A channel the bot cannot post to until someone adds it back (Slack not_in_channel, a Teams
  // team that removed the bot): its notifications stop until then, and health says so.
  await db.schema.alterTable('notification_channels').addColumn('waiting_since', 'text').execute();
  await db.schema.alterTable('notification_channels').addColumn('waiting_code', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_channels').dropColumn('waiting_code').execute();
  await db.schema.alterTable('notification_channels').dropColumn('waiting_since').execute();
}
