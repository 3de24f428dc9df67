import type { JobRecord, ProtectedItemRecord, VaultRecord } from './model';

/**
 * Recovery Services state: vaults, their protected items and jobs, with the indexes the
 * handlers need (item by VM, jobs by vault in start order). Keys are lower-case ARM ids.
 */
export class BackupStore {
  private readonly vaults = new Map<string, VaultRecord>();
  private readonly items = new Map<string, ProtectedItemRecord>();
  /** lower-case VM id -> item key; a VM is protected by at most one vault. */
  private readonly itemByVm = new Map<string, string>();
  private readonly jobsByVault = new Map<string, JobRecord[]>();
  private readonly jobsByName = new Map<string, JobRecord>();

  addVault(vault: VaultRecord): void {
    this.vaults.set(vault.id.toLowerCase(), vault);
  }

  removeVault(vault: VaultRecord): void {
    const key = vault.id.toLowerCase();
    this.vaults.delete(key);
    for (const job of this.jobsByVault.get(key) ?? []) this.jobsByName.delete(jobKey(key, job.name));
    this.jobsByVault.delete(key);
  }

  vault(id: string): VaultRecord | undefined {
    return this.vaults.get(id.toLowerCase());
  }

  allVaults(): VaultRecord[] {
    return [...this.vaults.values()];
  }

  vaultsInSubscription(subscriptionId: string): VaultRecord[] {
    const sub = subscriptionId.toLowerCase();
    return this.allVaults().filter((v) => v.subscriptionId.toLowerCase() === sub);
  }

  addItem(item: ProtectedItemRecord): void {
    this.items.set(item.key, item);
    this.itemByVm.set(item.vmId.toLowerCase(), item.key);
  }

  removeItem(item: ProtectedItemRecord): void {
    this.items.delete(item.key);
    if (this.itemByVm.get(item.vmId.toLowerCase()) === item.key) this.itemByVm.delete(item.vmId.toLowerCase());
  }

  item(vaultId: string, itemName: string): ProtectedItemRecord | undefined {
    return this.items.get(itemKey(vaultId, itemName));
  }

  itemByKey(key: string): ProtectedItemRecord | undefined {
    return this.items.get(key);
  }

  itemForVm(vmId: string): ProtectedItemRecord | undefined {
    const key = this.itemByVm.get(vmId.toLowerCase());
    return key ? this.items.get(key) : undefined;
  }

  itemsInVault(vaultId: string): ProtectedItemRecord[] {
    const prefix = `${vaultId.toLowerCase()}|`;
    return [...this.items.values()].filter((i) => i.key.startsWith(prefix));
  }

  allItems(): ProtectedItemRecord[] {
    return [...this.items.values()];
  }

  addJob(job: JobRecord): void {
    const key = job.vaultId.toLowerCase();
    const list = this.jobsByVault.get(key) ?? [];
    list.push(job);
    this.jobsByVault.set(key, list);
    this.jobsByName.set(jobKey(key, job.name), job);
  }

  job(vaultId: string, name: string): JobRecord | undefined {
    return this.jobsByName.get(jobKey(vaultId.toLowerCase(), name));
  }

  /** Jobs of a vault, oldest first. */
  jobsInVault(vaultId: string): readonly JobRecord[] {
    return this.jobsByVault.get(vaultId.toLowerCase()) ?? [];
  }

  get counts(): { vaults: number; items: number; jobs: number } {
    return { vaults: this.vaults.size, items: this.items.size, jobs: this.jobsByName.size };
  }
}

export function itemKey(vaultId: string, itemName: string): string {
  return `${vaultId}|${itemName}`.toLowerCase();
}

function jobKey(vaultKey: string, name: string): string {
  return `${vaultKey}|${name.toLowerCase()}`;
}
