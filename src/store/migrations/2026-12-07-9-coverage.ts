import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // A channel may ask for the weekly coverage digest of a scope (`backup subscribe … coverage`).
  await db.schema.alterTable('notification_subscriptions').addColumn('coverage_digest', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_subscriptions').dropColumn('coverage_digest').execute();
}
