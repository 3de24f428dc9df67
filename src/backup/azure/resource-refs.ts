import { isResourceId, parseResourceId } from '../../domain/azure-ids';
import { DomainError } from '../../domain/errors';
import type { ProtectedItem } from '../../domain/backup.types';

/** A vault id cut into what the SDK calls take. */
export interface VaultRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** A VM id cut into what the SDK calls take. */
export interface VmRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** A protected item as the item-level SDK calls address it. */
export interface ItemRef {
  vault: VaultRef;
  fabricName: string;
  containerName: string;
  itemName: string;
}

export const AZURE_FABRIC = 'Azure';

export function vaultRef(vaultId: string): VaultRef {
  const parts = isResourceId(vaultId) ? parseResourceId(vaultId) : undefined;
  if (!parts || parts.provider.toLowerCase() !== 'microsoft.recoveryservices' || parts.type.toLowerCase() !== 'vaults') {
    throw new DomainError('VAULT_ID_INVALID', `"${String(vaultId).slice(0, 200)}" is not a Recovery Services vault id.`, 'vaultId');
  }
  return { id: vaultId, subscriptionId: parts.subscriptionId, resourceGroup: parts.resourceGroup, name: parts.name };
}

export function vmRef(vmId: string): VmRef {
  const parts = isResourceId(vmId) ? parseResourceId(vmId) : undefined;
  if (!parts || parts.provider.toLowerCase() !== 'microsoft.compute' || parts.type.toLowerCase() !== 'virtualmachines') {
    throw new DomainError('VM_ID_INVALID', `"${String(vmId).slice(0, 200)}" is not an Azure virtual machine id.`, 'vmId');
  }
  return { id: vmId, subscriptionId: parts.subscriptionId, resourceGroup: parts.resourceGroup, name: parts.name };
}

export function itemRef(item: ProtectedItem): ItemRef {
  return { vault: vaultRef(item.vaultId), fabricName: AZURE_FABRIC, containerName: item.containerName, itemName: item.itemName };
}
