/** Builders and parsers of the ARM ids the emulator uses. Comparisons are always case-insensitive. */

export function vmResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function vaultResourceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${name}`;
}

export interface ParsedVmId {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const VM_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;
const POLICY_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)\/backupPolicies\/([^/]+)$/i;

export function parseVmId(id: string): ParsedVmId | undefined {
  const match = VM_ID.exec(id.trim());
  return match ? { subscriptionId: match[1], resourceGroup: match[2], name: match[3] } : undefined;
}

export function parsePolicyId(id: string): { vaultId: string; policyName: string } | undefined {
  const match = POLICY_ID.exec(id.trim());
  return match ? { vaultId: vaultResourceId(match[1], match[2], match[3]), policyName: match[4] } : undefined;
}

/** Names Azure Backup gives a VM's container and item (case kept, as Azure shows them). */
export function iaasVmNames(resourceGroup: string, vmName: string): { containerName: string; itemName: string; shortContainer: string } {
  const shortContainer = `iaasvmcontainerv2;${resourceGroup};${vmName}`;
  return { containerName: `IaasVMContainer;${shortContainer}`, itemName: `VM;${shortContainer}`, shortContainer };
}

/** Parses "VM;iaasvmcontainerv2;rg;vm" or "IaasVMContainer;iaasvmcontainerv2;rg;vm" (any case). */
export function parseIaasVmName(name: string): { resourceGroup: string; vmName: string } | undefined {
  const parts = name.split(';');
  if (parts.length !== 4) return undefined;
  const [kind, version, resourceGroup, vmName] = parts;
  if (!/^(vm|iaasvmcontainer)$/i.test(kind) || !/^iaasvmcontainerv2$/i.test(version)) return undefined;
  if (!resourceGroup || !vmName) return undefined;
  return { resourceGroup, vmName };
}

export function lower(id: string): string {
  return id.toLowerCase();
}
