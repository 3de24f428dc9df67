import { parseResourceId } from '../../domain/azure-ids';
import type { CoverageVm, ProtectedItem, Vault } from '../../domain/backup.types';
import { normalizeLocation } from '../../domain/region.rule';
import { callAzure } from './azure-error.mapper';
import { mapWithConcurrency } from './concurrency';
import type { SdkClientFactory } from './sdk-clients';

export interface CoverageReads {
  clients: SdkClientFactory;
  listVaults(subscriptionId: string): Promise<Vault[]>;
  listProtectedItems(vaultId: string): Promise<ProtectedItem[]>;
  concurrency: number;
}

/**
 * The VMs of a subscription with their tags and protection, for `backup coverage`: the models
 * listing only (Compute "Virtual Machines - List All" carries `tags` on each VM; power and agent
 * states are not needed, so no statusOnly listing), read side by side with the protected items of
 * each of the subscription's vaults. The cost is VMs / page size + vaults x items / page size
 * requests, whatever the number of VMs.
 */
export async function listSubscriptionCoverage(reads: CoverageReads, subscriptionId: string): Promise<CoverageVm[]> {
  const compute = reads.clients.for(subscriptionId).compute;
  const [vms, items] = await Promise.all([
    callAzure({ action: `list the VMs of subscription ${subscriptionId}` }, async () => {
      const out: CoverageVm[] = [];
      for await (const vm of compute.virtualMachines.listAll()) {
        if (!vm.id) continue;
        const parts = parseResourceId(vm.id);
        out.push({ id: vm.id, subscriptionId: parts.subscriptionId, resourceGroup: parts.resourceGroup, name: vm.name ?? parts.name, location: normalizeLocation(vm.location), tags: { ...(vm.tags ?? {}) } });
      }
      return out;
    }),
    reads.listVaults(subscriptionId).then(async (vaults) => (await mapWithConcurrency(vaults, reads.concurrency, (v) => reads.listProtectedItems(v.id))).flat()),
  ]);
  const byVm = new Map<string, ProtectedItem>();
  for (const item of items) {
    const key = item.vmId.toLowerCase();
    // A VM whose protection was stopped in one vault and enabled in another: the live one counts.
    const seen = byVm.get(key);
    if (!seen || seen.protectionState === 'ProtectionStopped') byVm.set(key, item);
  }
  return vms.map((vm) => {
    const item = byVm.get(vm.id.toLowerCase());
    return item ? { ...vm, protection: { vaultId: item.vaultId, state: item.protectionState } } : vm;
  });
}
