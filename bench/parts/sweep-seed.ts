/**
 * Sets up the sweep part's estate through Resource Manager: `vaults` new vaults spread over the
 * seeded subscriptions and regions, every extra VM protected by a vault of its subscription and
 * region (DefaultPolicy), then, after a first sweep, `jobs` on-demand backups spread evenly over
 * the vaults and the emulated clock moved until they have ended.
 */
import { runClosedLoop } from '../lib/http-load';
import { apportion } from '../lib/apportion';
import { API_VERSIONS, type ArmClient } from '../lib/arm-client';

export interface SeededVault {
  id: string;
  name: string;
  subscriptionId: string;
  location: string;
  /** ARM ids of the protected items' paths (…/protectedItems/vm;iaasvmcontainerv2;rg;vm). */
  items: string[];
}

interface VmRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
}

function vmRef(raw: Record<string, unknown>): VmRef | undefined {
  const id = typeof raw.id === 'string' ? raw.id : undefined;
  const location = typeof raw.location === 'string' ? raw.location : undefined;
  const m = id ? /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i.exec(id) : null;
  if (!id || !location || !m) return undefined;
  return { id, subscriptionId: m[1], resourceGroup: m[2], name: m[3], location: location.toLowerCase() };
}

const itemPath = (vaultId: string, vm: VmRef): string =>
  `${vaultId}/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}/protectedItems/vm;iaasvmcontainerv2;${vm.resourceGroup};${vm.name}`;

/** Creates the vaults and protects the extra VMs (names vm-scale-*); returns the vaults with their items. */
export async function seedProtectedEstate(arm: ArmClient, subscriptionIds: string[], vaultCount: number): Promise<SeededVault[]> {
  const vms: VmRef[] = [];
  for (const sub of subscriptionIds) {
    for (const raw of await arm.listAll(`/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${API_VERSIONS.compute}`)) {
      const vm = vmRef(raw);
      if (vm && vm.name.startsWith('vm-scale-')) vms.push(vm);
    }
  }
  // A vault serves VMs of its own subscription and region: group them so.
  const groups = new Map<string, VmRef[]>();
  for (const vm of vms) {
    const key = `${vm.subscriptionId}|${vm.location}`;
    groups.set(key, [...(groups.get(key) ?? []), vm]);
  }
  const keys = [...groups.keys()].sort();
  const vaultsPerGroup = apportion(vaultCount, keys.map((k) => groups.get(k)?.length ?? 0));
  const vaults: SeededVault[] = [];
  const assignments: { vault: SeededVault; vm: VmRef }[] = [];
  keys.forEach((key, g) => {
    const [subscriptionId, location] = key.split('|');
    const members = groups.get(key) ?? [];
    const mine: SeededVault[] = [];
    for (let v = 0; v < vaultsPerGroup[g]; v++) {
      const name = `rsv-bench-${String(vaults.length + 1).padStart(2, '0')}`;
      // In a resource group that exists in that subscription: the first VM's.
      const group = members[0]?.resourceGroup ?? 'rg-backup';
      const vault: SeededVault = { id: `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.RecoveryServices/vaults/${name}`, name, subscriptionId, location, items: [] };
      vaults.push(vault);
      mine.push(vault);
    }
    members.forEach((vm, i) => {
      if (mine.length > 0) assignments.push({ vault: mine[i % mine.length], vm });
    });
  });

  await runClosedLoop(vaults.length, 8, async (i) => {
    const v = vaults[i];
    await arm.expect('PUT', `${v.id}?api-version=${API_VERSIONS.vaults}`, { location: v.location, sku: { name: 'Standard' }, properties: { publicNetworkAccess: 'Enabled' }, identity: { type: 'SystemAssigned' } }, [200, 201]);
  });
  await arm.advance(10_000); // vault creation finishes

  await runClosedLoop(assignments.length, 16, async (i) => {
    const { vault, vm } = assignments[i];
    const path = itemPath(vault.id, vm);
    await arm.expect(
      'PUT',
      `${path}?api-version=${API_VERSIONS.backup}`,
      { properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: vm.id, policyId: `${vault.id}/backupPolicies/DefaultPolicy` } },
      [200, 202],
    );
    vault.items.push(path);
  });
  await arm.advance(120_000); // the ConfigureBackup jobs end
  return vaults;
}

/** Triggers `jobs` on-demand backups spread evenly over the vaults (one per item), then lets them end. Returns how many started in each vault. */
export async function runBackups(arm: ArmClient, vaults: SeededVault[], jobs: number, azureNow: Date, jobDurationMs: number): Promise<number[]> {
  const perVault = apportion(jobs, vaults.map(() => 1)).map((n, i) => Math.min(n, vaults[i].items.length));
  const targets = vaults.flatMap((v, i) => v.items.slice(0, perVault[i]));
  const expiry = new Date(azureNow.getTime() + 30 * 24 * 3600_000).toISOString();
  await runClosedLoop(targets.length, 16, async (i) => {
    await arm.expect('POST', `${targets[i]}/backup?api-version=${API_VERSIONS.backup}`, { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: expiry } }, [202]);
  });
  await arm.advance(jobDurationMs + 60_000);
  return perVault;
}
