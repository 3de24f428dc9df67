/** In-memory records the emulator keeps; the wire shapes are built from these in emulator/wire. */

export type PowerState = 'running' | 'deallocated' | 'stopped';
export type OsType = 'Windows' | 'Linux';

export interface VmRecord {
  /** ARM id with the casing it was created with. */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** Compute's own GUID for the VM (properties.vmId). */
  vmId: string;
  osType: OsType;
  vmSize: string;
  powerState: PowerState;
  /** False for a VM created without the guest agent (provisionVMAgent false, no vmAgent in instanceView). */
  agentInstalled: boolean;
  agentVersion?: string;
  image: { publisher: string; offer: string; sku: string; version: string };
  /** Sizes of the attached data disks, in GB (LUN = index). */
  dataDiskSizesGB: number[];
  /** Managed disk SKU of each data disk (LUN = index), e.g. UltraSSD_LRS; default Premium_LRS. */
  dataDiskTypes?: string[];
  /** LUNs of data disks with Write Accelerator on. */
  writeAcceleratorLuns?: number[];
  /** How the OS disk is stored: managed (default), ephemeral (diffDiskSettings Local) or unmanaged (a VHD in a storage account, disks too). */
  osDisk?: 'managed' | 'ephemeral' | 'unmanaged';
  /** securityProfile.securityType; absent for a Standard VM. */
  securityType?: 'TrustedLaunch' | 'ConfidentialVM';
  timeCreated: number;
  tags: Record<string, string>;
}

/** A resource group: ARM refuses resources in a group that does not exist (ResourceGroupNotFound). */
export interface ResourceGroupRecord {
  /** /subscriptions/{sub}/resourceGroups/{name}, with the casing it was created with. */
  id: string;
  subscriptionId: string;
  name: string;
  /** Normalised region; a group keeps the location it was created in. */
  location: string;
  tags: Record<string, string>;
  managedBy?: string;
  createdAt: number;
}

export type StorageType = 'GeoRedundant' | 'LocallyRedundant' | 'ZoneRedundant' | 'ReadAccessGeoZoneRedundant';

export interface VaultRecord {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  skuName: string;
  provisioningState: 'Provisioning' | 'Succeeded' | 'Deleting';
  publicNetworkAccess: string;
  identityType?: string;
  principalId?: string;
  tenantId?: string;
  /** Backup storage replication (backupstorageconfig). */
  storageType: StorageType;
  crossRegionRestore: boolean;
  createdAt: number;
  updatedAt: number;
  /** Policies by lower-case name. */
  policies: Map<string, PolicyRecord>;
  /** Set once refreshContainers completed: protectable items are listed only after discovery. */
  discoveredAt?: number;
  /** backupconfig/vaultconfig softDeleteFeatureState: Enabled by default, as Azure creates vaults. */
  softDeleteFeatureState: 'Enabled' | 'Disabled';
}

export interface PolicyRecord {
  name: string;
  vaultId: string;
  /** The policy's properties as stored (the AzureIaasVM policy JSON, without protectedItemsCount). */
  properties: Record<string, unknown>;
}

export type ProtectionState = 'IRPending' | 'Protected' | 'ProtectionError' | 'ProtectionStopped' | 'ProtectionPaused' | 'Invalid';

export interface RecoveryPointRecord {
  name: string;
  time: number;
  type: 'AppConsistent' | 'CrashConsistent' | 'FileSystemConsistent';
  expiry: number;
  /** Retention rule that kept it (scheduled backups), undefined for on-demand points. */
  ruleName?: string;
  vmSize: string;
  osType: OsType;
}

export interface ProtectedItemRecord {
  /** Key in the state maps: `${vaultId}|${itemName}` in lower case. */
  key: string;
  vaultId: string;
  vmId: string;
  vmName: string;
  vmResourceGroup: string;
  /** IaasVMContainer;iaasvmcontainerv2;{rg};{vm} */
  containerName: string;
  /** VM;iaasvmcontainerv2;{rg};{vm} */
  itemName: string;
  policyName?: string;
  protectionState: ProtectionState;
  /** "" until the first backup ends, then Completed / Failed ... as Azure reports. */
  lastBackupStatus: string;
  lastBackupTime?: number;
  healthStatus: 'Passed' | 'ActionRequired' | 'ActionSuggested';
  protectionStatus: 'Healthy' | 'Unhealthy';
  protectedItemDataId: string;
  recoveryPoints: RecoveryPointRecord[];
  createdAt: number;
  /** Timer of the next scheduled backup, when the item follows a policy. */
  scheduleTimer?: number;
  /** Name of the backup/configure job running on the item, if any (one at a time, as Azure). */
  activeJobName?: string;
  /** Soft-deleted (stop with delete while soft delete is on): when its data is purged for good. */
  deferredDeleteAt?: number;
  /** Timer that purges a soft-deleted item at `deferredDeleteAt`. */
  purgeTimer?: number;
}

export type JobStatus = 'InProgress' | 'Completed' | 'CompletedWithWarnings' | 'Failed' | 'Cancelled' | 'Cancelling';
export type JobOperation = 'Backup' | 'ConfigureBackup' | 'DisableBackup' | 'DeleteBackupData' | 'Undelete';

export interface JobTask {
  taskId: string;
  status: 'NotStarted' | 'InProgress' | 'Completed' | 'Failed' | 'Cancelled';
  startTime?: number;
  endTime?: number;
}

/** An error of a failed job, as the Backup RP reports it in AzureIaaSVMJob.errorDetails. */
export interface JobErrorRecord {
  /** Azure's error code name, e.g. UserErrorGuestAgentStatusUnavailable. */
  code: string;
  /** Numeric code (errorDetails[].errorCode is an int32 in bms.json). */
  numericCode: number;
  message: string;
  recommendations: string[];
}

export interface JobRecord {
  name: string;
  vaultId: string;
  operation: JobOperation;
  status: JobStatus;
  entityFriendlyName: string;
  /** Key of the protected item the job works on. */
  itemKey: string;
  /** iaasvmcontainerv2;{rg};{vm} as Azure shows it in jobs. */
  containerName: string;
  startTime: number;
  endTime?: number;
  activityId: string;
  isUserTriggered: boolean;
  /** Planned duration in emulated ms. */
  plannedDurationMs: number;
  tasks: JobTask[];
  errors: JobErrorRecord[];
  /** For backup jobs: when the resulting recovery point expires. */
  recoveryPointExpiry?: number;
  recoveryPointRuleName?: string;
  /** Timers driving the job, cancelled when the job is cancelled. */
  timers: number[];
}

export type OperationOutcome =
  | { status: 'Succeeded' }
  | { status: 'Failed'; error: { code: string; message: string } }
  | { status: 'Canceled' };
