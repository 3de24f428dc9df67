import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.
//
// The audit log's update and delete triggers (2026-11-25-3) do not see every way to rewrite an
// entry: SQLite's `INSERT OR REPLACE` deletes the row it conflicts with without firing delete
// triggers (unless recursive_triggers is on), then inserts the new one under the old key. So an
// insert whose key already exists is refused too, on both audit tables and both dialects.

const GUARDED = [
  { table: 'audit_log', key: ['id'] },
  { table: 'audit_resources', key: ['audit_id', 'resource_key'] },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // A plain duplicate already fails on the primary key; the trigger makes every form of insert
    // over an existing entry fail the same way, with the rule in the error.
    await sql`
      create or replace function audit_refuse_existing_key() returns trigger language plpgsql as $$
      declare
        found boolean;
      begin
        if tg_table_name = 'audit_log' then
          execute format('select exists (select 1 from %I.%I where id = $1)', tg_table_schema, tg_table_name) into found using new.id;
        else
          execute format('select exists (select 1 from %I.%I where audit_id = $1 and resource_key = $2)', tg_table_schema, tg_table_name) into found using new.audit_id, new.resource_key;
        end if;
        if found then
          raise exception 'the audit log is append-only: insert over an existing entry of % refused', tg_table_name;
        end if;
        return new;
      end
      $$`.execute(db);
    for (const { table } of GUARDED) {
      await sql`create trigger ${sql.id(`${table}_no_overwrite`)} before insert on ${sql.table(table)} for each row execute function audit_refuse_existing_key()`.execute(db);
    }
    return;
  }
  for (const { table, key } of GUARDED) {
    const match = key.map((column) => `${column} = new.${column}`).join(' and ');
    await sql
      .raw(
        `create trigger ${table}_no_overwrite before insert on ${table} when exists (select 1 from ${table} where ${match}) ` +
          `begin select raise(abort, 'the audit log is append-only: insert over an existing entry of ${table} refused'); end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of GUARDED) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop trigger if exists ${sql.id(`${table}_no_overwrite`)} on ${sql.table(table)}`.execute(db);
    else await sql.raw(`drop trigger if exists ${table}_no_overwrite`).execute(db);
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists audit_refuse_existing_key()`.execute(db);
}
