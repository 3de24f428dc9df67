import type { Kysely } from 'kysely';
import { up as createVmRows } from './2026-12-07-6-inventory-rows';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per VM took seconds to read back at 100,000 VMs (a row object per VM, ids twice):
  // longer than a restart may make the pickers wait. The inventory is kept instead in chunks of
  // up to 5,000 VMs of one subscription, each a compact JSON document (VM fields as numbers into
  // the chunk's own string table). Nothing was kept in inventory_vms yet outside development.
  await db.schema.dropTable('inventory_vms').execute();
  await db.schema
    .createTable('inventory_chunks')
    .addColumn('subscription_key', 'text', (col) => col.notNull())
    .addColumn('chunk', 'integer', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .addColumn('vm_count', 'integer', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('inventory_chunks_pk', ['subscription_key', 'chunk'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inventory_chunks').execute();
  await createVmRows(db);
}
