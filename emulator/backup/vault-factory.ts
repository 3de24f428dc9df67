import { randomUUID } from 'node:crypto';
import type { StorageType, VaultRecord } from '../state/model';
import { vaultResourceId } from '../state/resource-ids';
import { normalizeLocation } from '../state/vm-inventory';
import { defaultPolicyProperties } from './default-policy';

export interface NewVault {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  now: number;
  tags?: Record<string, string>;
  storageType?: StorageType;
  identityType?: string;
  publicNetworkAccess?: string;
}

/** A new vault as Azure creates it: GeoRedundant storage, soft delete on and a DefaultPolicy. */
export function newVaultRecord(spec: NewVault): VaultRecord {
  const id = vaultResourceId(spec.subscriptionId, spec.resourceGroup, spec.name);
  const identityType = spec.identityType && spec.identityType !== 'None' ? spec.identityType : undefined;
  return {
    id,
    subscriptionId: spec.subscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.name,
    location: normalizeLocation(spec.location),
    tags: { ...(spec.tags ?? {}) },
    skuName: 'RS0',
    provisioningState: 'Succeeded',
    publicNetworkAccess: spec.publicNetworkAccess ?? 'Enabled',
    identityType,
    principalId: identityType ? randomUUID() : undefined,
    tenantId: identityType ? '72f988bf-86f1-41af-91ab-2d7cd011db47' : undefined,
    storageType: spec.storageType ?? 'GeoRedundant',
    crossRegionRestore: false,
    softDeleteFeatureState: 'Enabled',
    createdAt: spec.now,
    updatedAt: spec.now,
    policies: new Map([['defaultpolicy', { name: 'DefaultPolicy', vaultId: id, properties: defaultPolicyProperties(spec.now) }]]),
  };
}
