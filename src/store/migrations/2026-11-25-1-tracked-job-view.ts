import type { Kysely } from 'kysely';

/**
 * What a job message showed, so that tracking resumes after a restart with the same context
 * (VM, retain-until, who asked) and the same last phase. Frozen: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tracked_jobs').addColumn('context_json', 'text').execute();
  await db.schema.alterTable('tracked_jobs').addColumn('last_phase', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tracked_jobs').dropColumn('last_phase').execute();
  await db.schema.alterTable('tracked_jobs').dropColumn('context_json').execute();
}
