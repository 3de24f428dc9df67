import type { ResourceGroup as AzureResourceGroup } from '@azure/arm-resources';
import { normalizeLocation } from '../../domain/region.rule';
import type { ResourceGroup } from '../../domain/backup.types';

/** A resource group resource -> ResourceGroup (region normalised), or undefined without a name. */
export function fromAzureResourceGroup(g: AzureResourceGroup, subscriptionId: string): ResourceGroup | undefined {
  const name = g.name ?? g.id?.split('/').filter(Boolean).pop();
  if (!name) return undefined;
  return {
    id: g.id ?? `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
    subscriptionId,
    name,
    location: normalizeLocation(g.location),
  };
}
