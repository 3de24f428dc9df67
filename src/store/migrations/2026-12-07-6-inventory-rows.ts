import type { Kysely } from 'kysely';

// Frozen: as it was on this date. Never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The VM inventory itself, so a restart answers the pickers from it before Azure's listing
  // (minutes at a large estate) completes. One row per VM; `subscription_key` (lower case) scopes
  // reads and the removal of VMs gone from Azure to the subscriptions a bot is configured for;
  // `seen_at` is the load that last wrote the row; `position` keeps Azure's listing order.
  await db.schema
    .createTable('inventory_vms')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('subscription_key', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .addColumn('arm_id', 'text', (col) => col.notNull())
    .addColumn('subscription_id', 'text', (col) => col.notNull())
    .addColumn('resource_group', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('location', 'text', (col) => col.notNull())
    .addColumn('os_type', 'text')
    .addColumn('power_state', 'text')
    .addColumn('agent', 'text', (col) => col.notNull())
    .addColumn('vault_id', 'text')
    .addColumn('protection_state', 'text')
    .execute();
  await db.schema.createIndex('inventory_vms_by_subscription').on('inventory_vms').columns(['subscription_key', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inventory_vms').execute();
}
