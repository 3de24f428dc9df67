import type { ProtectionState, VirtualMachine } from '../../domain/backup.types';
import type { InventoryVm, SavedInventory } from '../../inventory/inventory.types';
import type { InventoryVmsTable, StoreDb } from '../database';

/** Rows per INSERT (14 columns: well under SQLite's and PostgreSQL's bind-parameter limits). */
const WRITE_BATCH = 500;
/** Rows per SELECT when reading back: the whole list is never held as rows at once. */
const READ_BATCH = 5_000;

/**
 * Lets requests run between two batches. better-sqlite3 answers synchronously, so without it a
 * write of 100,000 rows would hold the event loop (and every keystroke and ack) until it ends.
 */
const letOthersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function toRow(entry: InventoryVm, position: number, seenAt: string): InventoryVmsTable {
  const { vm, protection } = entry;
  return {
    id: vm.id.toLowerCase(),
    subscription_key: vm.subscriptionId.toLowerCase(),
    position,
    seen_at: seenAt,
    arm_id: vm.id,
    subscription_id: vm.subscriptionId,
    resource_group: vm.resourceGroup,
    name: vm.name,
    location: vm.location,
    os_type: vm.osType ?? null,
    power_state: vm.powerState ?? null,
    agent: vm.agent,
    vault_id: protection?.vaultId ?? null,
    protection_state: protection?.state ?? null,
  };
}

function fromRow(row: InventoryVmsTable): InventoryVm {
  const vm: VirtualMachine = {
    id: row.arm_id,
    subscriptionId: row.subscription_id,
    resourceGroup: row.resource_group,
    name: row.name,
    location: row.location,
    agent: row.agent as VirtualMachine['agent'],
  };
  if (row.os_type !== null) vm.osType = row.os_type as VirtualMachine['osType'];
  if (row.power_state !== null) vm.powerState = row.power_state;
  return row.vault_id !== null && row.protection_state !== null ? { vm, protection: { vaultId: row.vault_id, state: row.protection_state as ProtectionState } } : { vm };
}

/**
 * Visits the kept VMs of these subscriptions in the order Azure listed them, a batch at a time;
 * resolves to when the newest of them was loaded, or undefined when none is kept.
 */
export async function readInventoryVms(db: StoreDb, subscriptionIds: readonly string[], visit: (entry: InventoryVm) => void): Promise<Date | undefined> {
  const keys = subscriptionIds.map((s) => s.toLowerCase());
  if (keys.length === 0) return undefined;
  let newest = '';
  let after: { position: number; id: string } | undefined;
  for (;;) {
    let query = db.selectFrom('inventory_vms').selectAll().where('subscription_key', 'in', keys);
    if (after) {
      const { position, id } = after;
      query = query.where((eb) => eb.or([eb('position', '>', position), eb.and([eb('position', '=', position), eb('id', '>', id)])]));
    }
    const rows = await query.orderBy('position').orderBy('id').limit(READ_BATCH).execute();
    for (const row of rows) {
      visit(fromRow(row));
      if (row.seen_at > newest) newest = row.seen_at;
    }
    if (rows.length < READ_BATCH) break;
    const last = rows[rows.length - 1];
    after = { position: Number(last.position), id: last.id };
    await letOthersRun();
  }
  return newest === '' ? undefined : new Date(newest);
}

/**
 * Keeps a complete load of these subscriptions: rows are upserted in batches (readers meanwhile
 * see the previous load, partly updated, never an empty list), then the rows that load did not
 * see (VMs deleted in Azure) are removed. A row another replica wrote from a newer load is left.
 */
export async function writeInventoryVms(db: StoreDb, subscriptionIds: readonly string[], entries: Iterable<InventoryVm>, loadedAt: Date): Promise<void> {
  const keys = subscriptionIds.map((s) => s.toLowerCase());
  if (keys.length === 0) return;
  const seenAt = loadedAt.toISOString();
  const inScope = new Set(keys);
  let batch: InventoryVmsTable[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await db
      .insertInto('inventory_vms')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          subscription_key: eb.ref('excluded.subscription_key'),
          position: eb.ref('excluded.position'),
          seen_at: eb.ref('excluded.seen_at'),
          arm_id: eb.ref('excluded.arm_id'),
          subscription_id: eb.ref('excluded.subscription_id'),
          resource_group: eb.ref('excluded.resource_group'),
          name: eb.ref('excluded.name'),
          location: eb.ref('excluded.location'),
          os_type: eb.ref('excluded.os_type'),
          power_state: eb.ref('excluded.power_state'),
          agent: eb.ref('excluded.agent'),
          vault_id: eb.ref('excluded.vault_id'),
          protection_state: eb.ref('excluded.protection_state'),
        })).where('inventory_vms.seen_at', '<=', seenAt),
      )
      .execute();
    await letOthersRun();
  };
  let position = 0;
  for (const entry of entries) {
    position += 1;
    if (!inScope.has(entry.vm.subscriptionId.toLowerCase())) continue;
    batch.push(toRow(entry, position, seenAt));
    if (batch.length === WRITE_BATCH) await flush();
  }
  await flush();
  await db.deleteFrom('inventory_vms').where('subscription_key', 'in', keys).where('seen_at', '<', seenAt).execute();
}

/** The store as the inventory's SavedInventory, for the subscriptions a bot is configured for. */
export function savedInventory(db: StoreDb, subscriptionIds: () => readonly string[]): SavedInventory {
  return {
    read: (visit) => readInventoryVms(db, subscriptionIds(), visit),
    write: (entries, loadedAt) => writeInventoryVms(db, subscriptionIds(), entries, loadedAt),
  };
}
