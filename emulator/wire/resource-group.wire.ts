import type { ResourceGroupRecord } from '../state/model';

/** A resource group as Microsoft.Resources 2025-04-01 returns it (CreateResourceGroup.json shape). */
export function resourceGroupToWire(group: ResourceGroupRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: group.id,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
  };
  if (group.managedBy) body.managedBy = group.managedBy;
  if (Object.keys(group.tags).length > 0) body.tags = { ...group.tags };
  // Creating a group is synchronous in ARM: it exists as soon as the PUT answers.
  body.properties = { provisioningState: 'Succeeded' };
  return body;
}
