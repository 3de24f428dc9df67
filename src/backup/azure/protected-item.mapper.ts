import type { AzureIaaSVMProtectedItem, ProtectedItemResource } from '@azure/arm-recoveryservicesbackup';
import type { ProtectedItem, ProtectionState } from '../../domain/backup.types';
import { lastSegment, parseProtectedItemId } from './backup-ids';

const PROTECTION_STATES: readonly ProtectionState[] = ['IRPending', 'Protected', 'ProtectionError', 'ProtectionPaused', 'ProtectionStopped', 'BackupsSuspended', 'Invalid'];
const IAAS_VM_ITEM_TYPES = new Set(['microsoft.compute/virtualmachines', 'microsoft.classiccompute/virtualmachines', 'azureiaasvmprotecteditem']);

/** Azure writes 2001-01-01T00:00:00Z as the last backup time of an item never backed up. */
const NEVER_BACKED_UP_BEFORE = Date.UTC(2001, 0, 2);

/** Whether a protected item resource is an Azure VM (the only kind this bot handles). */
export function isIaasVmItem(resource: ProtectedItemResource): boolean {
  return IAAS_VM_ITEM_TYPES.has((resource.properties?.protectedItemType ?? '').toLowerCase());
}

/**
 * A protected item resource -> ProtectedItem, or undefined when it is not an Azure VM item or its
 * id is not a protected item id. `vaultId` is the vault it was read from (kept as the caller spelled it).
 */
export function fromAzureProtectedItem(resource: ProtectedItemResource, vaultId: string): ProtectedItem | undefined {
  if (!resource.id || !isIaasVmItem(resource)) return undefined;
  const parts = parseProtectedItemId(resource.id);
  if (!parts) return undefined;
  const p = resource.properties as AzureIaaSVMProtectedItem;
  const vmId = p.sourceResourceId ?? p.virtualMachineId ?? '';
  const lastBackupTime = toDate(p.lastBackupTime);
  const lastRecoveryPoint = toDate(p.lastRecoveryPoint);
  const policyName = p.policyName || lastSegment(p.policyId);
  const purgeAt = toDate(p.deferredDeleteTimeInUTC);
  return {
    id: resource.id,
    vaultId,
    vmId,
    vmName: p.friendlyName ?? lastSegment(vmId) ?? parts.itemName,
    containerName: parts.containerName,
    itemName: parts.itemName,
    protectionState: toProtectionState(p.protectionState),
    ...(p.lastBackupStatus ? { lastBackupStatus: p.lastBackupStatus } : {}),
    ...(lastBackupTime && lastBackupTime.getTime() >= NEVER_BACKED_UP_BEFORE ? { lastBackupTime } : {}),
    ...(policyName ? { policyName } : {}),
    ...(p.policyId ? { policyId: p.policyId } : {}),
    ...(p.healthStatus ? { healthStatus: p.healthStatus } : {}),
    ...(lastRecoveryPoint && lastRecoveryPoint.getTime() >= NEVER_BACKED_UP_BEFORE ? { lastRecoveryPoint } : {}),
    ...(p.isScheduledForDeferredDelete ? { softDeleted: purgeAt ? { purgeAt } : {} } : {}),
  };
}

function toProtectionState(state: string | undefined): ProtectionState {
  return PROTECTION_STATES.find((s) => s.toLowerCase() === (state ?? '').toLowerCase()) ?? 'Invalid';
}

function toDate(value: Date | string | undefined | null): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
