/**
 * Backup coverage: which VMs no vault protects, grouped where one vault can protect them (a vault
 * protects VMs of its own subscription and region), and which vault that would be. Pure.
 *
 * The vault of a group: among the existing vaults of that subscription and region, the one that
 * already protects the most VMs (then by name); with none, a new vault named as the enable flow
 * names it (suggestVaultName), in the resource group that holds most of the group's VMs (then by
 * name). A VM carrying the exclude tag is counted as excluded, never as a gap; a VM whose
 * protection was stopped is still held by a vault (resuming it is not enabling it), so no gap either.
 */
import type { CoverageVm, Vault } from './backup.types';
import { isExcluded, type ExcludeTag } from './exclude-tag.rule';
import { suggestVaultName } from './vault-name.rule';

export type SuggestedVault = { kind: 'existing'; vault: Vault; protects: number } | { kind: 'new'; name: string; resourceGroup: string };

/** The unprotected VMs of one subscription and region, and the vault that would protect them. */
export interface CoverageGap {
  subscriptionId: string;
  location: string;
  /** Sorted by resource group, then name. */
  vms: CoverageVm[];
  vault: SuggestedVault;
}

export interface CoverageReport {
  /** VMs looked at (the scope, or the part of it asked for). */
  total: number;
  protected: number;
  /** Of `protected`: protection stopped, recovery points kept. */
  stopped: number;
  excluded: number;
  /** Largest group first, then by region. */
  gaps: CoverageGap[];
}

const key = (subscriptionId: string, location: string): string => `${subscriptionId.toLowerCase()}|${location}`;
const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

export function coverageReport(vms: readonly CoverageVm[], vaults: readonly Vault[], exclude: ExcludeTag): CoverageReport {
  let protectedCount = 0;
  let stopped = 0;
  let excluded = 0;
  const protects = new Map<string, number>();
  const unprotected = new Map<string, CoverageVm[]>();
  for (const vm of vms) {
    if (vm.protection) {
      protectedCount++;
      if (vm.protection.state === 'ProtectionStopped') stopped++;
      const vaultKey = vm.protection.vaultId?.toLowerCase();
      if (vaultKey) protects.set(vaultKey, (protects.get(vaultKey) ?? 0) + 1);
    } else if (isExcluded(vm.tags, exclude)) {
      excluded++;
    } else {
      const k = key(vm.subscriptionId, vm.location);
      const list = unprotected.get(k) ?? [];
      list.push(vm);
      unprotected.set(k, list);
    }
  }
  const gaps: CoverageGap[] = [];
  for (const list of unprotected.values()) {
    const { subscriptionId, location } = list[0];
    list.sort((a, b) => byName(a.resourceGroup, b.resourceGroup) || byName(a.name, b.name));
    const inSubscription = vaults.filter((v) => v.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    const candidates = inSubscription.filter((v) => v.location === location).map((vault) => ({ vault, protects: protects.get(vault.id.toLowerCase()) ?? 0 }));
    candidates.sort((a, b) => b.protects - a.protects || byName(a.vault.name, b.vault.name));
    const vault: SuggestedVault = candidates[0]
      ? { kind: 'existing', ...candidates[0] }
      : { kind: 'new', name: suggestVaultName(location, inSubscription.map((v) => v.name)), resourceGroup: busiestGroup(list) };
    gaps.push({ subscriptionId, location, vms: list, vault });
  }
  gaps.sort((a, b) => b.vms.length - a.vms.length || a.location.localeCompare(b.location) || a.subscriptionId.localeCompare(b.subscriptionId));
  return { total: vms.length, protected: protectedCount, stopped, excluded, gaps };
}

function busiestGroup(vms: readonly CoverageVm[]): string {
  const counts = new Map<string, { name: string; n: number }>();
  for (const vm of vms) {
    const k = vm.resourceGroup.toLowerCase();
    const seen = counts.get(k) ?? { name: vm.resourceGroup, n: 0 };
    seen.n++;
    counts.set(k, seen);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || byName(a.name, b.name))[0].name;
}
