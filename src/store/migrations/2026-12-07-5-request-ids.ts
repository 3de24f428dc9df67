import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The request id of the command that started a job (Backup now) travels with its tracked
  // message and with the notifications about it, so the logs of the job's end carry the id of
  // the command: one grep follows a command from its ack to its last notification.
  await db.schema.alterTable('tracked_jobs').addColumn('request_id', 'text').execute();
  await db.schema.alterTable('notification_outbox').addColumn('request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').dropColumn('request_id').execute();
  await db.schema.alterTable('tracked_jobs').dropColumn('request_id').execute();
}
