import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: the schema of access control (channel bindings, role grants), the claims that make an
// effect happen once, and the append-only audit log, as it was on this date. Never imports
// application code. Tables and indexes use SQL both dialects accept; only the triggers that make
// the audit log append-only differ per dialect.

export async function up(db: Kysely<any>): Promise<void> {
  // What a channel may see and act on: a whole subscription (resource_group '') or one group of it.
  await db.schema
    .createTable('access_bindings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('workspace_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('subscription_id', 'text', (col) => col.notNull())
    .addColumn('resource_group', 'text', (col) => col.notNull())
    .addColumn('scope_key', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('access_bindings_channel_scope_unique', ['platform', 'workspace_id', 'channel_id', 'scope_key'])
    .execute();

  // A role granted to a person or a group in one workspace (Slack team) or tenant (Teams).
  await db.schema
    .createTable('access_grants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('workspace_id', 'text', (col) => col.notNull())
    .addColumn('principal_kind', 'text', (col) => col.notNull())
    .addColumn('principal_id', 'text', (col) => col.notNull())
    .addColumn('principal_name', 'text')
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('granted_by', 'text', (col) => col.notNull())
    .addColumn('granted_by_name', 'text')
    .addColumn('granted_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('access_grants_principal_unique', ['platform', 'workspace_id', 'principal_kind', 'principal_id'])
    .addCheckConstraint('access_grants_kind_check', sql`principal_kind in ('user', 'group')`)
    .addCheckConstraint('access_grants_role_check', sql`role in ('viewer', 'operator', 'admin')`)
    .execute();

  // One row per effect (an action with its exact inputs): who started it, when, and how it ended.
  // A second identical request finds the row and is told who did it instead of doing it again.
  await db.schema
    .createTable('access_effects')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('workspace_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('user_name', 'text')
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('summary', 'text')
    .execute();

  // The audit log: what changed Azure or the bot's settings, by whom, where, with what outcome.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('platform', 'text', (col) => col.notNull())
    .addColumn('workspace_id', 'text', (col) => col.notNull())
    .addColumn('channel_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('user_name', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .addColumn('resource_ids_json', 'text', (col) => col.notNull())
    .addCheckConstraint('audit_log_outcome_check', sql`outcome in ('succeeded', 'partial', 'failed', 'denied')`)
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['platform', 'workspace_id', 'user_id', 'at']).execute();

  // The Azure resources an audit entry names, searchable by id and by name (`backup audit web-01`).
  await db.schema
    .createTable('audit_resources')
    .addColumn('audit_id', 'text', (col) => col.notNull())
    .addColumn('resource_key', 'text', (col) => col.notNull())
    .addColumn('name_key', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('audit_resources_pk', ['audit_id', 'resource_key'])
    .execute();
  await db.schema.createIndex('audit_resources_name_idx').on('audit_resources').column('name_key').execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create or replace function audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit log is append-only: % on % refused', tg_op, tg_table_name;
      end
      $$`.execute(db);
    for (const table of ['audit_log', 'audit_resources']) {
      await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function audit_refuse_change()`.execute(db);
      await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function audit_refuse_change()`.execute(db);
    }
  } else {
    for (const table of ['audit_log', 'audit_resources']) {
      for (const op of ['update', 'delete']) {
        await sql
          .raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, 'the audit log is append-only: ${op} on ${table} refused'); end`)
          .execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_resources').execute();
  await db.schema.dropTable('audit_log').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists audit_refuse_change()`.execute(db);
  await db.schema.dropTable('access_effects').execute();
  await db.schema.dropTable('access_grants').execute();
  await db.schema.dropTable('access_bindings').execute();
}
