import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // `backup health` must not look green while a task keeps failing: each new run replaces the last
  // one's status with "running", so how many runs failed in a row, and when one last succeeded,
  // are kept apart from it.
  await db.schema.alterTable('scheduler_task_runs').addColumn('last_ok_at', 'text').execute();
  await db.schema
    .alterTable('scheduler_task_runs')
    .addColumn('errors_in_a_row', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scheduler_task_runs').dropColumn('errors_in_a_row').execute();
  await db.schema.alterTable('scheduler_task_runs').dropColumn('last_ok_at').execute();
}
