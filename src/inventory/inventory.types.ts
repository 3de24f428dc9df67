import type { ProtectionState, VirtualMachine } from '../domain/backup.types';

/** What the inventory knows of a VM's protection (from the vaults' protected items). */
export interface InventoryProtection {
  vaultId: string;
  state: ProtectionState;
}

/** A VM of the inventory cache. `protection` undefined = no vault protects it (as of the last load). */
export interface InventoryVm {
  vm: VirtualMachine;
  protection?: InventoryProtection;
}

/** A first load under way: VMs indexed so far, and the count expected when known. */
export interface InventoryProgress {
  loaded: number;
  expected?: number;
}

/** Narrows a search; all given conditions must hold. */
export interface InventoryFilter {
  location?: string;
  subscriptionId?: string;
  unprotectedOnly?: boolean;
  protectedOnly?: boolean;
  /**
   * Only VMs in one of these places: a whole subscription, or one resource group of it (ids
   * compared case-insensitively, as Azure does). Compared on the index's keys, so a channel's
   * scope costs a few string compares per VM and keystroke.
   */
  places?: ReadonlyArray<{ subscriptionId: string; resourceGroup?: string }>;
  /** A further condition on each VM, applied while searching. */
  where?: (entry: InventoryVm) => boolean;
}

export interface InventorySearchResult {
  /** Best first, at most the limit asked for. */
  matches: InventoryVm[];
  /** How many VMs matched in all. */
  total: number;
}

/**
 * The VM inventory cache: loaded from BackupService.listVirtualMachines (and the vaults'
 * protected items), refreshed in the background, searched locally, so type-ahead makes no
 * Azure call per keystroke. Reads never throw; they answer from the last good load.
 */
export interface VmInventory {
  /** Resolves once a first load has finished (loads now if none is running). Rejects if that load fails. */
  ready(): Promise<void>;
  /** Loads again now (concurrent calls share one load). Keeps the previous data if the load fails. */
  refresh(): Promise<void>;
  /** Refreshes every `intervalMs` in the background until stop(). */
  start(intervalMs: number): void;
  stop(): void;
  /** When the data was last loaded (undefined before the first load). */
  loadedAt(): Date | undefined;
  /**
   * While the first load runs: how many VMs are indexed so far (reads answer from them), and about
   * how many to expect when that is known. Undefined once a load has completed.
   */
  progress(): InventoryProgress | undefined;
  /** Best matches first: exact name, name prefix, word prefix, substring; then resource group, region. */
  search(query: string, options?: InventoryFilter & { limit?: number }): InventorySearchResult;
  /**
   * The same search, scanned a slice of the inventory at a time with other requests let through
   * between slices, and shared by identical searches under way: what a keystroke uses, so one
   * person's keystroke never waits behind another person's whole search (docs/inventory.md).
   */
  searchSliced(query: string, options?: InventoryFilter & { limit?: number }): Promise<InventorySearchResult>;
  /** A VM by ARM id (case-insensitive). */
  get(vmId: string): InventoryVm | undefined;
  /** VMs whose name is exactly `name` (case-insensitive); several when names repeat across groups. */
  findByName(name: string): InventoryVm[];
  size(): number;
  /** Visits every VM of the last load, in no particular order, without copying the list. */
  each(visit: (entry: InventoryVm) => void): void;
  /** Records a protection change the bot made, so searches reflect it before the next load. */
  setProtection(vmId: string, protection: InventoryProtection | undefined): void;
}

/**
 * Where the inventory is kept between runs (the store): read at start, so the pickers answer
 * before Azure's listing does, and written after each complete load.
 */
export interface SavedInventory {
  /** Visits the kept VMs in load order; resolves to when that load ended, or undefined when none is kept. */
  read(visit: (entry: InventoryVm) => void): Promise<Date | undefined>;
  /** Replaces what is kept with a complete load (VMs gone from Azure are dropped). */
  write(entries: Iterable<InventoryVm>, loadedAt: Date): Promise<void>;
}
