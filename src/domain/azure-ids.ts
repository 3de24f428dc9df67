/** Parts of an ARM resource id. Comparison of ids is case-insensitive in Azure. */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  type: string;
  name: string;
}

const ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)/i;

/** Parses a top-level ARM resource id; throws on anything else (ids come from Azure or our own buttons). */
export function parseResourceId(id: string): ResourceIdParts {
  const m = ID_PATTERN.exec(id ?? '');
  if (!m) throw new Error(`Not an Azure resource id: ${String(id).slice(0, 200)}`);
  return { subscriptionId: m[1], resourceGroup: m[2], provider: m[3], type: m[4], name: m[5] };
}

export function isResourceId(id: string): boolean {
  return ID_PATTERN.test(id ?? '');
}

export function vmId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function vaultId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${name}`;
}

/** Backup container name of an Azure IaaS VM, as the Backup service names it. */
export function iaasContainerName(vmResourceGroup: string, vmName: string): string {
  return `IaasVMContainer;iaasvmcontainerv2;${vmResourceGroup};${vmName}`;
}

/** Backup protected item name of an Azure IaaS VM. */
export function iaasItemName(vmResourceGroup: string, vmName: string): string {
  return `VM;iaasvmcontainerv2;${vmResourceGroup};${vmName}`;
}

export function sameResourceId(a: string, b: string): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}
