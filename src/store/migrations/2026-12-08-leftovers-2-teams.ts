import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The Teams team a conversation belongs to: when a team removes the bot, every channel of it is
  // forgotten (not only the one the event came from) and its notifications wait for the bot.
  await db.schema.alterTable('conversation_refs').addColumn('team_id', 'text').execute();
  await db.schema.alterTable('notification_channels').addColumn('waiting_team', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_channels').dropColumn('waiting_team').execute();
  await db.schema.alterTable('conversation_refs').dropColumn('team_id').execute();
}
