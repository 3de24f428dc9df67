import type { Vault as AzureVault } from '@azure/arm-recoveryservices';
import { parseResourceId } from '../../domain/azure-ids';
import { normalizeLocation } from '../../domain/region.rule';
import type { Vault } from '../../domain/backup.types';

/** A vault resource -> Vault (region normalised), or undefined without an id. */
export function fromAzureVault(v: AzureVault): Vault | undefined {
  if (!v.id) return undefined;
  const parts = parseResourceId(v.id);
  return {
    id: v.id,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: v.name ?? parts.name,
    location: normalizeLocation(v.location),
    ...(v.properties?.provisioningState ? { provisioningState: v.properties.provisioningState } : {}),
  };
}
