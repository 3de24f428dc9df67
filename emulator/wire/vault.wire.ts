import type { VaultRecord } from '../state/model';
import { vaultEtag } from './wire-format';

/** A vault as Microsoft.RecoveryServices 2026-07-01 returns it (GETVault.json shape). */
export function vaultToWire(vault: VaultRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: vault.id,
    name: vault.name,
    type: 'Microsoft.RecoveryServices/vaults',
    etag: vaultEtag(vault.updatedAt),
    location: vault.location,
    tags: { ...vault.tags },
    sku: { name: 'RS0', tier: 'Standard' },
    properties: {
      provisioningState: vault.provisioningState,
      privateEndpointStateForBackup: 'None',
      privateEndpointStateForSiteRecovery: 'None',
      publicNetworkAccess: vault.publicNetworkAccess,
      redundancySettings: {
        standardTierStorageRedundancy: vault.storageType === 'LocallyRedundant' ? 'LocallyRedundant' : vault.storageType === 'ZoneRedundant' ? 'ZoneRedundant' : 'GeoRedundant',
        crossRegionRestore: vault.crossRegionRestore ? 'Enabled' : 'Disabled',
      },
      secureScore: 'None',
      bcdrSecurityLevel: 'Poor',
      securitySettings: {
        immutabilitySettings: { state: 'Disabled' },
        softDeleteSettings: { softDeleteState: 'Enabled', softDeleteRetentionPeriodInDays: 14, enhancedSecurityState: 'Enabled' },
        multiUserAuthorization: 'Disabled',
      },
      monitoringSettings: {
        azureMonitorAlertSettings: { alertsForAllJobFailures: 'Enabled', alertsForAllReplicationIssues: 'Enabled', alertsForAllFailoverIssues: 'Disabled' },
        classicAlertSettings: { alertsForCriticalOperations: 'Disabled', emailNotificationsForSiteRecovery: 'Enabled' },
      },
    },
  };
  if (vault.identityType && vault.identityType !== 'None') {
    body.identity = { type: vault.identityType, principalId: vault.principalId, tenantId: vault.tenantId };
  }
  return body;
}
