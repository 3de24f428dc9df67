import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // How many VMs the last complete inventory load found: right after a restart, the first load of
  // a large estate (minutes) can then say "42,000 of about 100,000" while it runs.
  await db.schema
    .createTable('inventory_loads')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('vm_count', 'integer', (col) => col.notNull())
    .addColumn('loaded_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inventory_loads').execute();
}
