import type { Kysely } from 'kysely';

// Frozen: the per-person limit on costly actions, shared by every replica, as it was on this date.
// Never imports application code; only SQL that SQLite and PostgreSQL both accept.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per person (`platform:workspace:user`): the times of their costly actions still in the
  // window. `version` goes up with every write, so a write that read an older row is refused and
  // two replicas cannot both take the last place.
  await db.schema
    .createTable('rate_limit_takes')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('taken_json', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_takes').execute();
}
