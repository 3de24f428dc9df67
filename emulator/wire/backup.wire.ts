import type { JobRecord, PolicyRecord, ProtectedItemRecord, RecoveryPointRecord, VaultRecord, VmRecord } from '../state/model';
import { iaasVmNames } from '../state/resource-ids';
import { isoDuration, isoTime } from './wire-format';

/** Azure writes this date for an item that was never backed up. */
export const NEVER_BACKED_UP = '2001-01-01T00:00:00Z';

export function policyToWire(vault: VaultRecord, policy: PolicyRecord, protectedItemsCount: number): Record<string, unknown> {
  return {
    id: `${vault.id}/backupPolicies/${policy.name}`,
    name: policy.name,
    type: 'Microsoft.RecoveryServices/vaults/backupPolicies',
    properties: { ...policy.properties, protectedItemsCount },
  };
}

export function protectedItemToWire(vault: VaultRecord, item: ProtectedItemRecord, recoveryPoints: RecoveryPointRecord[], now: number): Record<string, unknown> {
  const names = iaasVmNames(item.vmResourceGroup, item.vmName);
  const oldest = recoveryPoints.length > 0 ? recoveryPoints[recoveryPoints.length - 1].time : undefined;
  const newest = recoveryPoints.length > 0 ? recoveryPoints[0].time : undefined;
  const properties: Record<string, unknown> = {
    friendlyName: item.vmName,
    virtualMachineId: item.vmId,
    protectionStatus: item.protectionStatus,
    protectionState: item.protectionState,
    healthStatus: item.healthStatus,
    lastBackupStatus: item.lastBackupStatus,
    lastBackupTime: item.lastBackupTime !== undefined ? isoTime(item.lastBackupTime) : NEVER_BACKED_UP,
    protectedItemDataId: item.protectedItemDataId,
    extendedInfo: {
      ...(oldest !== undefined ? { oldestRecoveryPoint: isoTime(oldest) } : {}),
      recoveryPointCount: recoveryPoints.length,
      policyInconsistent: false,
    },
    protectedItemType: 'Microsoft.Compute/virtualMachines',
    backupManagementType: 'AzureIaasVM',
    workloadType: 'VM',
    containerName: names.shortContainer,
    sourceResourceId: item.vmId,
    vaultId: vault.id,
  };
  if (item.policyName) {
    properties.policyId = `${vault.id}/backupPolicies/${item.policyName}`;
    properties.policyName = item.policyName;
  }
  if (newest !== undefined) properties.lastRecoveryPoint = isoTime(newest);
  if (item.deferredDeleteAt !== undefined) {
    properties.isScheduledForDeferredDelete = true;
    properties.deferredDeleteTimeInUTC = isoTime(item.deferredDeleteAt);
    properties.deferredDeleteTimeRemaining = timeSpan(item.deferredDeleteAt - now);
    // Purged within a day (the portal's "will be permanently deleted soon").
    properties.isDeferredDeleteScheduleUpcoming = item.deferredDeleteAt - now <= DAY_MS;
  }
  return {
    id: `${vault.id}/backupFabrics/Azure/protectionContainers/${item.containerName}/protectedItems/${item.itemName}`,
    name: item.itemName,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
    properties,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * deferredDeleteTimeRemaining is a plain string in bms.json with no public example; the Backup RP is
 * a .NET service, so the emulator writes a .NET TimeSpan ("d.hh:mm:ss", e.g. "13.23:59:30").
 */
function timeSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** An unprotected VM as backupProtectableItems lists it (AzureIaaSComputeVMProtectableItem). */
export function protectableItemToWire(vault: VaultRecord, vm: VmRecord): Record<string, unknown> {
  const names = iaasVmNames(vm.resourceGroup, vm.name);
  return {
    id: `${vault.id}/backupFabrics/Azure/protectionContainers/${names.containerName}/protectableItems/${names.itemName}`,
    name: names.shortContainer,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectableItems',
    properties: {
      virtualMachineId: vm.id,
      virtualMachineVersion: 'Compute',
      resourceGroup: vm.resourceGroup,
      backupManagementType: 'AzureIaasVM',
      workloadType: 'VM',
      protectableItemType: 'Microsoft.Compute/virtualMachines',
      friendlyName: vm.name,
      protectionState: 'NotProtected',
    },
  };
}

export interface JobView {
  now: number;
  /** JobDetails_Get adds extendedInfo (tasks, progress); lists do not. */
  details: boolean;
}

export function jobToWire(vault: VaultRecord, job: JobRecord, view: JobView): Record<string, unknown> {
  const end = job.endTime ?? view.now;
  const properties: Record<string, unknown> = {
    jobType: 'AzureIaaSVMJob',
    duration: isoDuration(end - job.startTime),
    actionsInfo: job.status === 'InProgress' ? ['Cancellable'] : job.status === 'Failed' ? ['Retriable'] : [],
    virtualMachineVersion: 'Compute',
    entityFriendlyName: job.entityFriendlyName,
    backupManagementType: 'AzureIaasVM',
    operation: job.operation,
    status: job.status,
    startTime: isoTime(job.startTime),
    activityId: job.activityId,
    containerName: job.containerName,
    isUserTriggered: job.isUserTriggered,
  };
  if (job.endTime !== undefined) properties.endTime = isoTime(job.endTime);
  if (job.errors.length > 0) {
    properties.errorDetails = job.errors.map((e) => ({
      errorCode: e.numericCode,
      errorTitle: '',
      errorString: e.message,
      recommendations: [...e.recommendations],
    }));
  }
  if (view.details) properties.extendedInfo = jobExtendedInfo(job, view.now);
  return {
    id: `${vault.id}/backupJobs/${job.name}`,
    name: job.name,
    type: 'Microsoft.RecoveryServices/vaults/backupJobs',
    properties,
  };
}

function jobExtendedInfo(job: JobRecord, now: number): Record<string, unknown> {
  const elapsed = (job.endTime ?? now) - job.startTime;
  const progress =
    job.status === 'Completed' || job.status === 'CompletedWithWarnings' ? 100 : job.plannedDurationMs > 0 ? Math.min(99, Math.floor((elapsed / job.plannedDurationMs) * 100)) : 0;
  const info: Record<string, unknown> = {
    tasksList: job.tasks.map((task) => {
      const taskEnd = task.endTime ?? (task.startTime !== undefined ? now : undefined);
      return {
        taskId: task.taskId,
        ...(task.startTime !== undefined ? { startTime: isoTime(task.startTime) } : {}),
        ...(task.endTime !== undefined ? { endTime: isoTime(task.endTime) } : {}),
        duration: isoDuration(task.startTime !== undefined && taskEnd !== undefined ? taskEnd - task.startTime : 0),
        status: task.status,
      };
    }),
    propertyBag: { 'VM Name': job.entityFriendlyName },
    progressPercentage: progress,
  };
  if (job.status === 'InProgress') info.estimatedRemainingDuration = isoDuration(Math.max(0, job.plannedDurationMs - elapsed));
  if (job.errors.length > 0) info.dynamicErrorMessage = job.errors[0].message;
  return info;
}

export function recoveryPointToWire(vault: VaultRecord, item: ProtectedItemRecord, rp: RecoveryPointRecord): Record<string, unknown> {
  return {
    id: `${vault.id}/backupFabrics/Azure/protectionContainers/${item.containerName}/protectedItems/${item.itemName}/recoveryPoints/${rp.name}`,
    name: rp.name,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints',
    properties: {
      objectType: 'IaasVMRecoveryPoint',
      recoveryPointType: rp.type,
      recoveryPointTime: isoTime(rp.time),
      recoveryPointAdditionalInfo: '',
      sourceVMStorageType: 'NormalStorage',
      isSourceVMEncrypted: false,
      isInstantIlrSessionActive: false,
      recoveryPointTierDetails: [
        { type: 'InstantRP', status: 'Valid' },
        { type: 'HardenedRP', status: 'Valid' },
      ],
      isManagedVirtualMachine: true,
      virtualMachineSize: rp.vmSize,
      originalStorageAccountOption: false,
      osType: rp.osType,
      recoveryPointMoveReadinessInfo: {
        ArchivedRP: { isReadyForMove: false, additionalInfo: 'Recovery point cannot be moved to Archive tier: it is not old enough yet.' },
      },
      recoveryPointProperties: {
        expiryTime: isoTime(rp.expiry),
        ...(rp.ruleName ? { ruleName: rp.ruleName } : {}),
      },
      isPrivateAccessEnabledOnAnyDisk: false,
    },
  };
}

export function storageConfigToWire(vault: VaultRecord, locked: boolean): Record<string, unknown> {
  return {
    id: `${vault.id}/backupstorageconfig/vaultstorageconfig`,
    name: 'vaultstorageconfig',
    type: 'Microsoft.RecoveryServices/vaults/backupstorageconfig',
    properties: {
      storageModelType: vault.storageType,
      storageType: vault.storageType,
      storageTypeState: locked ? 'Locked' : 'Unlocked',
      crossRegionRestoreFlag: vault.crossRegionRestore,
      dedupState: 'Disabled',
      xcoolState: 'Disabled',
    },
  };
}
