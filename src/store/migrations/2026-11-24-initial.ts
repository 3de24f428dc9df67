import { sql, type Kysely } from 'kysely';

// Frozen: a migration describes the schema as it was on its date. It never imports application
// code, and only uses SQL that SQLite and PostgreSQL both accept.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracked_jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('message_id', 'text')
    .addColumn('vault_id', 'text', (col) => col.notNull())
    .addColumn('job_name', 'text', (col) => col.notNull())
    .addColumn('vm_id', 'text', (col) => col.notNull())
    .addColumn('vm_name', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'text')
    .addCheckConstraint('tracked_jobs_platform_check', sql`platform in ('slack', 'teams')`)
    .execute();
  await db.schema.createIndex('tracked_jobs_status_idx').on('tracked_jobs').column('status').execute();
  await db.schema.createIndex('tracked_jobs_job_idx').on('tracked_jobs').columns(['job_name', 'vault_id']).execute();

  await db.schema
    .createTable('conversation_refs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('conversation_id', 'text', (col) => col.notNull())
    .addColumn('reference_json', 'text', (col) => col.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('conversation_refs_platform_conversation_unique', ['platform', 'conversation_id'])
    .addCheckConstraint('conversation_refs_platform_check', sql`platform in ('slack', 'teams')`)
    .execute();

  await db.schema
    .createTable('processed_events')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('processed_events_created_at_idx').on('processed_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processed_events').execute();
  await db.schema.dropTable('conversation_refs').execute();
  await db.schema.dropTable('tracked_jobs').execute();
}
