import type { StoreDb } from '../database';

const ROW = 'vms';

/** How many VMs the last complete inventory load found (any replica), or undefined before the first. */
export async function lastInventorySize(db: StoreDb): Promise<number | undefined> {
  const row = await db.selectFrom('inventory_loads').select('vm_count').where('id', '=', ROW).executeTakeFirst();
  return row?.vm_count;
}

/** Records a complete inventory load: its VM count and when it ended. */
export async function saveInventorySize(db: StoreDb, vmCount: number, loadedAt: Date): Promise<void> {
  await db
    .insertInto('inventory_loads')
    .values({ id: ROW, vm_count: vmCount, loaded_at: loadedAt.toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ vm_count: vmCount, loaded_at: loadedAt.toISOString() }))
    .execute();
}
