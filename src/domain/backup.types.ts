/**
 * Azure's own protection states for a protected item (AzureIaaSVMProtectedItem.protectionState in
 * bms.json 2023-06-01). IRPending = "Initial backup pending".
 */
export type ProtectionState =
  | 'IRPending'
  | 'Protected'
  | 'ProtectionError'
  | 'ProtectionPaused'
  | 'ProtectionStopped'
  | 'BackupsSuspended'
  | 'Invalid';

/** Azure's own job states. */
export type JobStatus =
  | 'InProgress'
  | 'Completed'
  | 'CompletedWithWarnings'
  | 'Failed'
  | 'Cancelled'
  | 'Cancelling';

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled'];

/** Backup storage redundancy of a vault, as the Backup RP names it. */
export type StorageRedundancy = 'GeoRedundant' | 'LocallyRedundant';

/** VM guest agent state as seen by Compute (instanceView.vmAgent). */
export type VmAgentState = 'Ready' | 'NotReady' | 'NotInstalled' | 'Unknown';

export interface VirtualMachine {
  /** ARM id, /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name} */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Normalised Azure region name, lower case without spaces (e.g. "westeurope"). */
  location: string;
  osType?: 'Windows' | 'Linux';
  /** e.g. "running", "deallocated"; undefined when Azure did not report it. */
  powerState?: string;
  agent: VmAgentState;
}

/** A VM together with what Azure Backup knows of it. */
export interface VirtualMachineWithProtection extends VirtualMachine {
  protection?: { vaultId: string; state: ProtectionState };
}

/**
 * A VM as coverage reads it: where it is, its tags, and the vault that protects it, from one
 * listing of the subscription's VMs (no instance views) and one of each vault's protected items.
 */
export interface CoverageVm {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Normalised region. */
  location: string;
  /** The VM resource's tags as Azure returns them (names keep their case). */
  tags: Record<string, string>;
  /**
   * The protected item of the VM in any vault of its subscription; `vaultId` is left out when the
   * asker may not see that vault (they learn only that it is protected).
   */
  protection?: { vaultId?: string; state: ProtectionState };
}

/** A resource group of a subscription, where vaults are created. */
export interface ResourceGroup {
  /** /subscriptions/{sub}/resourceGroups/{name} */
  id: string;
  subscriptionId: string;
  name: string;
  /** Normalised region the group was created in (a vault's region need not be its group's). */
  location: string;
}

export interface Vault {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  provisioningState?: string;
}

export type ScheduleFrequency = 'Daily' | 'Weekly';
export type DayOfWeek = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';
export type WeekOfMonth = 'First' | 'Second' | 'Third' | 'Fourth' | 'Last';
export type MonthOfYear =
  | 'January' | 'February' | 'March' | 'April' | 'May' | 'June'
  | 'July' | 'August' | 'September' | 'October' | 'November' | 'December';

/** Monthly/yearly retention: on given days of the month, or on a week of the month and days of week. */
export type RetentionFormat =
  | { kind: 'days'; daysOfMonth: number[]; isLast?: boolean }
  | { kind: 'weeks'; weeksOfMonth: WeekOfMonth[]; daysOfWeek: DayOfWeek[] };

/** A platform-neutral backup policy for Azure IaaS VMs (Standard policy, V1). */
export interface PolicyDefinition {
  name: string;
  schedule: {
    frequency: ScheduleFrequency;
    /** "HH:mm", on the hour or half hour. */
    time: string;
    /** Windows time zone id as Azure takes it, e.g. "UTC", "W. Europe Standard Time". */
    timeZone: string;
    /** Required for Weekly. */
    daysOfWeek?: DayOfWeek[];
  };
  retention: {
    /** Required for Daily schedules. */
    daily?: { days: number };
    weekly?: { weeks: number; daysOfWeek: DayOfWeek[] };
    monthly?: { months: number; format: RetentionFormat };
    yearly?: { years: number; monthsOfYear: MonthOfYear[]; format: RetentionFormat };
  };
  /** Days instant restore snapshots are kept (1-5 for daily, 5 for weekly). */
  instantRpRetentionDays?: number;
}

export interface BackupPolicy extends PolicyDefinition {
  id: string;
  vaultId: string;
  protectedItemsCount: number;
}

export interface ProtectedItem {
  /** ARM id of the protected item. */
  id: string;
  vaultId: string;
  /** ARM id of the VM (sourceResourceId). */
  vmId: string;
  vmName: string;
  /** e.g. "IaasVMContainer;iaasvmcontainerv2;rg;vm" */
  containerName: string;
  /** e.g. "VM;iaasvmcontainerv2;rg;vm" */
  itemName: string;
  protectionState: ProtectionState;
  /**
   * Azure's lastBackupStatus as it writes it for VM items ("Completed", "Failed", ...; a free
   * string in bms.json, unlike the Healthy/Unhealthy of workload items). Absent before the first backup.
   */
  lastBackupStatus?: string;
  /** Undefined when never backed up (Azure reports 2001-01-01). */
  lastBackupTime?: Date;
  policyName?: string;
  policyId?: string;
  healthStatus?: string;
  lastRecoveryPoint?: Date;
  /**
   * Set when the item's backup data was deleted with soft delete on: Azure keeps it (stopped, with
   * its recovery points) until `purgeAt` (isScheduledForDeferredDelete, deferredDeleteTimeInUTC),
   * when it can still be undeleted.
   */
  softDeleted?: { purgeAt?: Date };
}

export interface JobError {
  code: string;
  message: string;
  /** Azure's recommended actions, as Azure words them. */
  recommendations: string[];
  /** The bot's own sentence for a code it knows (from the ARM error mapper), kept apart from Azure's. */
  advice?: string;
}

export interface BackupJob {
  /** ARM id of the job. */
  id: string;
  /** The job's name (a GUID), used in get/cancel. */
  name: string;
  vaultId: string;
  /** "Backup", "ConfigureBackup", ... */
  operation: string;
  status: JobStatus;
  /** The VM name as Azure shows it. */
  entityFriendlyName: string;
  startTime: Date;
  endTime?: Date;
  /** Duration in milliseconds so far (or total, when ended). */
  durationMs: number;
  errors: JobError[];
  /** Progress percentage when Azure reports it. */
  progressPercent?: number;
  /** Azure's actionsInfo says whether it can be cancelled; undefined when Azure did not say. */
  cancellable?: boolean;
}

export interface RecoveryPoint {
  id: string;
  name: string;
  time: Date;
  /** e.g. "AppConsistent", "CrashConsistent", "FileSystemConsistent" */
  type: string;
  /** When the point expires (on-demand backups: the retain-until date). */
  expiryTime?: Date;
}

/** Progress reported during long operations, for messages that update in place. */
export interface ProgressEvent {
  step: string;
  detail?: string;
}
export type ProgressListener = (event: ProgressEvent) => void;

/** The outcome of enabling protection for one VM: each VM is validated and reported on its own. */
export type EnableProtectionOutcome =
  | { vmId: string; ok: true; item: ProtectedItem }
  | { vmId: string; ok: false; code: string; reason: string };

export interface JobQuery {
  /** Only jobs started at or after this time. */
  since?: Date;
  status?: JobStatus;
  operation?: string;
}

/** A disk of a VM as its resource describes it (storageProfile.osDisk / dataDisks). */
export interface VmDisk {
  name: string;
  /** Data disks only. */
  lun?: number;
  /** False for an unmanaged disk (a VHD in a storage account). */
  managed: boolean;
  /** managedDisk.storageAccountType: Premium_LRS, UltraSSD_LRS, PremiumV2_LRS, ... */
  storageAccountType?: string;
  sizeGb?: number;
  /** OS disk only: diffDiskSettings.option Local. */
  ephemeral?: boolean;
  writeAccelerator?: boolean;
}

/**
 * A VM with what its resource and instance view say beyond the inventory's fields: what the
 * pre-flight check and Azure Backup's support matrix rules read (one GET with instanceView).
 */
export interface VmProfile extends VirtualMachine {
  /** instanceView.vmAgent.vmAgentVersion, when the agent reports. */
  agentVersion?: string;
  vmSize?: string;
  /** securityProfile.securityType: TrustedLaunch, ConfidentialVM; absent for a Standard VM. */
  securityType?: string;
  image?: { publisher?: string; offer?: string; sku?: string };
  osDisk?: VmDisk;
  dataDisks: VmDisk[];
}

/** A management lock (Microsoft.Authorization/locks) and where it sits. */
export interface ResourceLock {
  id: string;
  name: string;
  level: 'CanNotDelete' | 'ReadOnly' | 'NotSpecified';
  subscriptionId: string;
  /** Absent for a lock on the subscription itself. */
  resourceGroup?: string;
  /** The resource the lock is on, for a lock below its group (a VM, a disk, ...). */
  resourceId?: string;
  notes?: string;
}
