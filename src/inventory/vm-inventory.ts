import type { BackupService } from '../backup/backup.port';
import type { Vault } from '../domain/backup.types';
import { sameResourceId } from '../domain/azure-ids';
import { silentLogger, type Logger } from '../log';
import { CompactInventory } from './compact-inventory';
import { searchInventory, searchInventorySliced, type SearchOptions } from './inventory-search';
import type { InventoryProtection, InventorySearchResult, InventoryVm, SavedInventory, VmInventory } from './inventory.types';

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
  /**
   * The inventory kept in the store: read before Azure answers (a restart answers the pickers
   * from it at once, then refreshes from Azure in the background), written after each complete load.
   */
  saved?: SavedInventory;
}

interface Snapshot {
  inv: CompactInventory;
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

  /** An empty inventory that grows page by page (so a first load can be searched while it runs). */
  const emptySnapshot = (): Snapshot => ({ inv: new CompactInventory(), loadedAt: now() });

  /** Protection per VM id (lower case); a vault that cannot be read keeps what the last load knew of it. */
  const loadProtection = async (vaults: Vault[]): Promise<Map<string, InventoryProtection>> => {
    const map = new Map<string, InventoryProtection>();
    await mapLimit(vaults, concurrency, async (vault) => {
      try {
        const items = await backup.listProtectedItems(vault.id);
        for (const item of items) map.set(item.vmId.toLowerCase(), { vaultId: vault.id, state: item.protectionState });
      } catch (err) {
        logger.warn('inventory: could not read the protected items of a vault; keeping the previous state', { err, vaultId: vault.id });
        const last = snapshot?.inv;
        for (let row = 0; row < (last?.size ?? 0); row++) {
          const p = last!.protectionAt(row);
          if (p && sameResourceId(p.vaultId, vault.id)) map.set(last!.idAt(row).toLowerCase(), p);
        }
      }
    });
    return map;
  };

  /** Writes are chained: a slow store never has two copies of the inventory being written at once. */
  let writing: Promise<void> = Promise.resolve();
  const keep = (loaded: Snapshot): void => {
    const saved = options.saved;
    if (!saved) return;
    writing = writing
      .then(async () => {
        const started = performance.now();
        await saved.write(loaded.inv.entries(), loaded.loadedAt);
        logger.info('inventory: VM list kept in the store', { vms: loaded.inv.size, ms: Math.round(performance.now() - started) });
      })
      .catch((err: unknown) => logger.warn('inventory: could not keep the VM list in the store; the next start loads it from Azure', { err }));
  };

  /** The inventory the store kept, read once at the first ready/refresh; answers reads until a load from Azure completes. */
  let restoring: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    const saved = options.saved;
    if (!restoring) {
      restoring = (async () => {
        if (!saved || snapshot) return;
        const inv = new CompactInventory();
        try {
          const loadedAt = await saved.read((entry) => inv.add(entry.vm, entry.protection));
          if (loadedAt === undefined || inv.size === 0 || snapshot) return;
          inv.seal();
          snapshot = { inv, loadedAt };
          lastSize ??= inv.size;
          logger.info('inventory: answering from the VM list kept in the store until Azure\'s listing completes', { vms: inv.size, loadedAt: loadedAt.toISOString() });
        } catch (err) {
          logger.warn('inventory: could not read the VM list kept in the store; loading it from Azure', { err });
        }
      })();
    }
    return restoring;
  };

  /**
   * Lists the VMs and the vaults' protected items side by side, adding each page of VMs as it
   * arrives. A first load is searchable while it runs (`building`); a reload replaces the last
   * load only once it is complete, so searches never see a half-reloaded inventory.
   */
  const load = async (): Promise<void> => {
    // The kept list answers first when there is one: pages of a first load are not shown under
    // the loading note meanwhile (a quick empty read when nothing is kept).
    await restore();
    const next = emptySnapshot();
    if (!snapshot) {
      building = next;
    }
    let protection: Map<string, InventoryProtection> | undefined;
    const add = (vm: InventoryVm['vm']): void => {
      next.inv.add(vm, protection?.get(vm.id.toLowerCase()));
    };
    try {
      let paged = false;
      const [all, vaults] = await Promise.all([
        backup.listVirtualMachines((vms) => {
          paged = true;
          for (const vm of vms) add(vm);
        }),
        backup.listVaults().then(async (vaults) => {
          protection = await loadProtection(vaults);
          // VMs added before the vaults were read learn their protection now.
          for (const [id, p] of protection) {
            const row = next.inv.find(id);
            if (row >= 0) next.inv.setProtectionAt(row, p);
          }
          return vaults;
        }),
      ]);
      // A service that answers in one piece (never calls onPage) is added at the end.
      if (!paged) for (const vm of all) add(vm);
      next.inv.seal();
      next.loadedAt = now();
      snapshot = next;
      lastSize = next.inv.size;
      options.onLoaded?.(lastSize);
      keep(next);
      logger.debug('inventory loaded', { vms: next.inv.size, vaults: vaults.length });
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

  /** Identical sliced searches under way (same words, filter and limit, same load) share one scan. */
  const inFlight = new Map<string, { inv: CompactInventory; result: Promise<InventorySearchResult> }>();
  const searchSliced = (query: string, opts: SearchOptions = {}): Promise<InventorySearchResult> => {
    const inv = current()?.inv;
    if (!inv) return Promise.resolve({ matches: [], total: 0 });
    if (opts.where) return searchInventorySliced(inv, query, opts);
    const key = JSON.stringify([query.trim().toLowerCase().split(/\s+/), opts.limit, opts.location, opts.subscriptionId, opts.unprotectedOnly, opts.protectedOnly, opts.places, inv.size]);
    const shared = inFlight.get(key);
    if (shared?.inv === inv) return shared.result;
    const result = searchInventorySliced(inv, query, opts).finally(() => {
      if (inFlight.get(key)?.result === result) inFlight.delete(key);
    });
    inFlight.set(key, { inv, result });
    return result;
  };

  return {
    ready: () => (snapshot ? Promise.resolve() : restore().then(() => (snapshot ? undefined : refresh()))),
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
      void restore();
      timer = setTimeout(tick, 0).unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    loadedAt: () => snapshot?.loadedAt,
    progress: () => (snapshot || !building ? undefined : { loaded: building.inv.size, ...(lastSize !== undefined ? { expected: lastSize } : {}) }),
    search: (query, opts) => {
      const inv = current()?.inv;
      return inv ? searchInventory(inv, query, opts) : { matches: [], total: 0 };
    },
    searchSliced,
    get: (id) => {
      const inv = current()?.inv;
      const row = inv ? inv.find(id) : -1;
      return row >= 0 ? inv!.entryAt(row) : undefined;
    },
    findByName: (name) => {
      const inv = current()?.inv;
      return inv ? inv.rowsNamed(name.trim().toLowerCase()).map((row) => inv.entryAt(row)) : [];
    },
    size: () => current()?.inv.size ?? 0,
    each(visit) {
      const inv = current()?.inv;
      for (let row = 0; row < (inv?.size ?? 0); row++) visit(inv!.entryAt(row));
    },
    setProtection(id, protection) {
      const inv = current()?.inv;
      const row = inv ? inv.find(id) : -1;
      if (row >= 0) inv!.setProtectionAt(row, protection);
    },
  };
}
