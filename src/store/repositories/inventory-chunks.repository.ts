import type { ProtectionState, VirtualMachine } from '../../domain/backup.types';
import { vmId } from '../../domain/azure-ids';
import { StringTable } from '../../inventory/compact-inventory';
import type { InventoryVm, SavedInventory } from '../../inventory/inventory.types';
import type { InventoryChunksTable, StoreDb } from '../database';

/** VMs per chunk: a few hundred KB of JSON, parsed in a few milliseconds. */
const CHUNK_VMS = 5_000;

/**
 * Lets requests run between two chunks. better-sqlite3 answers synchronously, so without it
 * reading or writing 100,000 VMs would hold the event loop (every keystroke and ack) until done.
 */
const letOthersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One VM in a chunk: [name, subscription, resource group, region, OS type, power state, agent,
 * vault, protection state] with every field but the name a number into the chunk's string table
 * (0 = none), and the ARM id as a tenth entry only when it is not the one those parts spell.
 */
type ChunkVm = [string, number, number, number, number, number, number, number, number, string?];

interface ChunkDocument {
  strings: string[];
  vms: ChunkVm[];
}

class ChunkBuilder {
  private readonly strings = new StringTable();
  readonly vms: ChunkVm[] = [];

  private id(value: string | undefined): number {
    return value === undefined ? 0 : this.strings.id(value);
  }

  add({ vm, protection }: InventoryVm): void {
    const row: ChunkVm = [
      vm.name,
      this.id(vm.subscriptionId),
      this.id(vm.resourceGroup),
      this.id(vm.location),
      this.id(vm.osType),
      this.id(vm.powerState),
      this.id(vm.agent),
      this.id(protection?.vaultId),
      this.id(protection?.state),
    ];
    if (vm.id !== vmId(vm.subscriptionId, vm.resourceGroup, vm.name)) row.push(vm.id);
    this.vms.push(row);
  }

  json(): string {
    const doc: ChunkDocument = { strings: this.strings.values, vms: this.vms };
    return JSON.stringify(doc);
  }
}

function visitChunk(data: string, visit: (entry: InventoryVm) => void): void {
  const { strings, vms } = JSON.parse(data) as ChunkDocument;
  const text = (i: number): string | undefined => (i === 0 ? undefined : strings[i]);
  for (const [name, sub, rg, loc, os, power, agent, vault, state, id] of vms) {
    const vm: VirtualMachine = {
      id: id ?? vmId(strings[sub], strings[rg], name),
      subscriptionId: strings[sub],
      resourceGroup: strings[rg],
      name,
      location: strings[loc],
      agent: strings[agent] as VirtualMachine['agent'],
    };
    if (os !== 0) vm.osType = strings[os] as VirtualMachine['osType'];
    if (power !== 0) vm.powerState = strings[power];
    const vaultId = text(vault);
    visit(vaultId !== undefined && state !== 0 ? { vm, protection: { vaultId, state: strings[state] as ProtectionState } } : { vm });
  }
}

/**
 * Visits the kept VMs of these subscriptions, each subscription's in the order Azure listed
 * them; resolves to when the newest of them was loaded, or undefined when none is kept.
 */
export async function readInventoryVms(db: StoreDb, subscriptionIds: readonly string[], visit: (entry: InventoryVm) => void): Promise<Date | undefined> {
  const keys = subscriptionIds.map((s) => s.toLowerCase());
  if (keys.length === 0) return undefined;
  const rows = await db.selectFrom('inventory_chunks').select(['seen_at', 'data']).where('subscription_key', 'in', keys).orderBy('subscription_key').orderBy('chunk').execute();
  let newest = '';
  for (const [i, row] of rows.entries()) {
    if (i > 0) await letOthersRun();
    visitChunk(row.data, visit);
    if (row.seen_at > newest) newest = row.seen_at;
  }
  return newest === '' ? undefined : new Date(newest);
}

/**
 * Keeps a complete load of these subscriptions, replacing each subscription's chunks in one
 * transaction (readers see the previous load or this one, never a mix or an empty list), so
 * VMs deleted in Azure are gone with the old chunks. A subscription another replica has kept
 * from a newer load is left as it is.
 */
export async function writeInventoryVms(db: StoreDb, subscriptionIds: readonly string[], entries: Iterable<InventoryVm>, loadedAt: Date): Promise<void> {
  const keys = subscriptionIds.map((s) => s.toLowerCase());
  const seenAt = loadedAt.toISOString();
  const chunks = new Map<string, InventoryChunksTable[]>(keys.map((k) => [k, []]));
  const open = new Map<string, ChunkBuilder>();
  const close = (key: string, builder: ChunkBuilder): void => {
    const list = chunks.get(key)!;
    list.push({ subscription_key: key, chunk: list.length, seen_at: seenAt, vm_count: builder.vms.length, data: builder.json() });
  };
  for (const entry of entries) {
    const key = entry.vm.subscriptionId.toLowerCase();
    if (!chunks.has(key)) continue;
    let builder = open.get(key);
    if (!builder) open.set(key, (builder = new ChunkBuilder()));
    builder.add(entry);
    if (builder.vms.length === CHUNK_VMS) {
      close(key, builder);
      open.delete(key);
      await letOthersRun();
    }
  }
  for (const [key, builder] of open) close(key, builder);
  for (const [key, rows] of chunks) {
    await letOthersRun();
    await db.transaction().execute(async (trx) => {
      const newest = await trx.selectFrom('inventory_chunks').select('seen_at').where('subscription_key', '=', key).where('seen_at', '>', seenAt).executeTakeFirst();
      if (newest) return;
      await trx.deleteFrom('inventory_chunks').where('subscription_key', '=', key).execute();
      for (const row of rows) await trx.insertInto('inventory_chunks').values(row).execute();
    });
  }
}

/** The store as the inventory's SavedInventory, for the subscriptions a bot is configured for. */
export function savedInventory(db: StoreDb, subscriptionIds: () => readonly string[]): SavedInventory {
  return {
    read: (visit) => readInventoryVms(db, subscriptionIds(), visit),
    write: (entries, loadedAt) => writeInventoryVms(db, subscriptionIds(), entries, loadedAt),
  };
}
