import type { BackupService } from '../backup/backup.port';
import type { Vault } from '../backup/backup.types';
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
  let loading: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const build = (entries: InventoryVm[]): Snapshot => {
    const index = entries.map(indexVm);
    const byId = new Map<string, IndexedVm>();
    const byName = new Map<string, IndexedVm[]>();
    for (const vm of index) {
      byId.set(vm.entry.vm.id.toLowerCase(), vm);
      const list = byName.get(vm.name) ?? [];
      list.push(vm);
      byName.set(vm.name, list);
    }
    return { index, byId, byName, loadedAt: now() };
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

  const load = async (): Promise<void> => {
    const [vms, vaults] = await Promise.all([backup.listVirtualMachines(), backup.listVaults()]);
    const protection = await loadProtection(vaults);
    snapshot = build(vms.map((vm) => ({ vm, protection: protection.get(vm.id.toLowerCase()) })));
    logger.debug('inventory loaded', { vms: vms.length, vaults: vaults.length });
  };

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
    search: (query, opts) => searchIndex(snapshot?.index ?? [], query, opts),
    get: (id) => snapshot?.byId.get(id.toLowerCase())?.entry,
    findByName: (name) => (snapshot?.byName.get(name.trim().toLowerCase()) ?? []).map((vm) => vm.entry),
    size: () => snapshot?.index.length ?? 0,
    each(visit) {
      for (const vm of snapshot?.index ?? []) visit(vm.entry);
    },
    setProtection(id, protection) {
      const vm = snapshot?.byId.get(id.toLowerCase());
      if (vm) vm.entry.protection = protection;
    },
  };
}
