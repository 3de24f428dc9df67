import type { BackupService } from '../backup/backup.port';
import type { Vault } from '../domain/backup.types';
import { sameResourceId } from '../domain/azure-ids';
import { silentLogger, type Logger } from '../log';
import { indexVm, searchIndex, type IndexedVm } from './inventory-search';
import type { InventoryProtection, InventoryVm, VmInventory } from './inventory.types';

export interface VmInventoryOptions {
  backup: BackupService;
  logger?: Logger;
  now?: () => Date;
  /** Vaults whose protected items are read at once during a load (default 4). */
  concurrency?: number;
  /** About how many VMs a first load will find (e.g. the count before a restart), for its progress. */
  expectedSize?: number;
  /** Told each complete load's VM count (to remember it across restarts). */
  onLoaded?: (vmCount: number) => void;
}

interface Snapshot {
  index: IndexedVm[];
  byId: Map<string, IndexedVm>;
  byName: Map<string, IndexedVm[]>;
  loadedAt: Date;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The inventory cache on a BackupService (see VmInventory). */
export function createVmInventory(options: VmInventoryOptions): VmInventory {
  const { backup } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  let snapshot: Snapshot | undefined;
  /** The first load while it runs: searched until `snapshot` exists. */
  let building: Snapshot | undefined;
  /** How many VMs the last complete load found (the "about" of a later first load's progress). */
  let lastSize: number | undefined = options.expectedSize;
  let loading: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** An empty index that grows page by page (so a first load can be searched while it runs). */
  const emptySnapshot = (): Snapshot => ({ index: [], byId: new Map(), byName: new Map(), loadedAt: now() });
  const add = (into: Snapshot, entry: InventoryVm): void => {
    const vm = indexVm(entry);
    into.index.push(vm);
    into.byId.set(vm.entry.vm.id.toLowerCase(), vm);
    const list = into.byName.get(vm.name);
    if (list) list.push(vm);
    else into.byName.set(vm.name, [vm]);
  };

  /** Protection per VM id (lower case); a vault that cannot be read keeps what the last load knew of it. */
  const loadProtection = async (vaults: Vault[]): Promise<Map<string, InventoryProtection>> => {
    const map = new Map<string, InventoryProtection>();
    await mapLimit(vaults, concurrency, async (vault) => {
      try {
        const items = await backup.listProtectedItems(vault.id);
        for (const item of items) map.set(item.vmId.toLowerCase(), { vaultId: vault.id, state: item.protectionState });
      } catch (err) {
        logger.warn('inventory: could not read the protected items of a vault; keeping the previous state', { vaultId: vault.id, err });
        for (const vm of snapshot?.index ?? []) {
          const p = vm.entry.protection;
          if (p && sameResourceId(p.vaultId, vault.id)) map.set(vm.entry.vm.id.toLowerCase(), p);
        }
      }
    });
    return map;
  };

  /**
   * Lists the VMs and the vaults' protected items side by side, indexing each page of VMs as it
   * arrives. A first load is searchable while it runs (`building`); a reload replaces the last
   * load only once it is complete, so searches never see a half-reloaded inventory.
   */
  const load = async (): Promise<void> => {
    const next = emptySnapshot();
    if (!snapshot) {
      building = next;
    }
    let protection: Map<string, InventoryProtection> | undefined;
    const withProtection = (vm: InventoryVm['vm']): InventoryVm => ({ vm, protection: protection?.get(vm.id.toLowerCase()) });
    try {
      let paged = false;
      const [all, vaults] = await Promise.all([
        backup.listVirtualMachines((vms) => {
          paged = true;
          for (const vm of vms) add(next, withProtection(vm));
        }),
        backup.listVaults().then(async (vaults) => {
          protection = await loadProtection(vaults);
          // VMs indexed before the vaults were read learn their protection now.
          for (const vm of next.index) vm.entry.protection = protection.get(vm.entry.vm.id.toLowerCase());
          return vaults;
        }),
      ]);
      // A service that answers in one piece (never calls onPage) is indexed at the end.
      if (!paged) for (const vm of all) add(next, withProtection(vm));
      next.loadedAt = now();
      snapshot = next;
      lastSize = next.index.length;
      options.onLoaded?.(lastSize);
      logger.debug('inventory loaded', { vms: next.index.length, vaults: vaults.length });
    } finally {
      if (building === next) building = undefined;
    }
  };

  /** What reads see: the last complete load, else the first load so far. */
  const current = (): Snapshot | undefined => snapshot ?? building;

  const refresh = (): Promise<void> => {
    if (!loading) {
      loading = load().finally(() => {
        loading = undefined;
      });
    }
    return loading;
  };

  return {
    ready: () => (snapshot ? Promise.resolve() : refresh()),
    refresh,
    start(intervalMs: number) {
      if (timer) return;
      const tick = (): void => {
        refresh()
          .catch((err: unknown) => logger.warn('inventory: background refresh failed; keeping the last load', { err }))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs).unref();
          });
      };
      timer = setTimeout(tick, 0).unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    loadedAt: () => snapshot?.loadedAt,
    progress: () => (snapshot || !building ? undefined : { loaded: building.index.length, ...(lastSize !== undefined ? { expected: lastSize } : {}) }),
    search: (query, opts) => searchIndex(current()?.index ?? [], query, opts),
    get: (id) => current()?.byId.get(id.toLowerCase())?.entry,
    findByName: (name) => (current()?.byName.get(name.trim().toLowerCase()) ?? []).map((vm) => vm.entry),
    size: () => current()?.index.length ?? 0,
    each(visit) {
      for (const vm of current()?.index ?? []) visit(vm.entry);
    },
    setProtection(id, protection) {
      const vm = current()?.byId.get(id.toLowerCase());
      if (vm) vm.entry.protection = protection;
    },
  };
}
