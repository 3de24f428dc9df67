import type {
  BackupJob,
  BackupPolicy,
  CoverageVm,
  EnableProtectionOutcome,
  JobQuery,
  PolicyDefinition,
  ProgressListener,
  ProtectedItem,
  RecoveryPoint,
  ResourceGroup,
  ResourceLock,
  StorageRedundancy,
  Vault,
  VirtualMachine,
  VmProfile,
} from '../domain/backup.types';

export interface CreateVaultInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** Set right after creation, before anything is protected. Default GeoRedundant. */
  storageRedundancy?: StorageRedundancy;
  /**
   * Create `resourceGroup` first, in the vault's region, when it does not exist yet (an existing
   * group of that name is used as it is). Without it, a missing group fails the creation with
   * RESOURCE_GROUP_NOT_FOUND.
   */
  createResourceGroup?: boolean;
}

/**
 * Everything the bot asks of Azure Backup. Implemented on the Azure SDK (src/backup/azure);
 * flows, scheduler and adapters depend on this port only.
 *
 * Ids are ARM resource ids. Every method throws `AzureError` (src/domain/errors) with Azure's
 * error code and a sentence a person can act on, or `DomainError` for a rule it enforces.
 */
/** Receives a batch of VMs of a listing as soon as Azure has answered for them. */
export type VmPageListener = (vms: VirtualMachine[]) => void;

export interface BackupService {
  /** The subscriptions the service is configured for. */
  subscriptions(): string[];

  /**
   * All VMs across the configured subscriptions, with region, resource group, power state and
   * agent. `onPage`, when given, receives the VMs in batches as Azure's pages arrive (each VM
   * once), so a long first load can be used while it runs; the list returned may then be empty
   * (a 100,000-VM estate is not held twice while the inventory takes it in page by page).
   */
  listVirtualMachines(onPage?: VmPageListener): Promise<VirtualMachine[]>;
  getVirtualMachine(vmId: string): Promise<VirtualMachine>;
  /**
   * The VM with its disks, security type, image and agent version (one read with instanceView),
   * for the pre-flight check. Optional like listResourceGroups: without it the check says which
   * checks it could not run.
   */
  getVirtualMachineProfile?(vmId: string): Promise<VmProfile>;
  /**
   * Management locks (Microsoft.Authorization/locks) at a resource group (with those on its
   * resources), or every lock of the subscription when no group is given.
   */
  listLocks?(scope: { subscriptionId: string; resourceGroup?: string }): Promise<ResourceLock[]>;

  /**
   * Every VM of one subscription with its tags and the vault protecting it (`backup coverage`):
   * one paged listing of the VMs and one of the protected items of each of the subscription's
   * vaults, never a call per VM. Optional like listResourceGroups; without it coverage says it
   * cannot be read.
   */
  listCoverage?(subscriptionId: string): Promise<CoverageVm[]>;

  /**
   * The resource groups of a subscription, sorted by name, for the new-vault form.
   * Optional so that wrappers written before it still compile; without it, the flows offer the
   * groups they know from the VMs and vaults.
   */
  listResourceGroups?(subscriptionId: string): Promise<ResourceGroup[]>;

  /**
   * The configured subscriptions' display names (ARM's GET /subscriptions), by lower-case id;
   * a subscription Azure does not name is left out. Optional like listResourceGroups.
   */
  subscriptionNames?(): Promise<Record<string, string>>;

  /** Vaults across the configured subscriptions, optionally only those of one region. */
  listVaults(filter?: { location?: string; subscriptionId?: string }): Promise<Vault[]>;
  getVault(vaultId: string): Promise<Vault>;
  /**
   * Whether a vault name is free in the subscription; `reason` says why not. A resource group
   * that does not exist yet (created with the vault) is fine: the subscription's vaults answer.
   */
  checkVaultName(input: { subscriptionId: string; resourceGroup: string; location: string; name: string }): Promise<{ available: boolean; reason?: string }>;
  /**
   * Creates a vault (long-running); validates the name first. With `createResourceGroup`, creates
   * the group before the vault; a failure after that says what was created and what was not.
   */
  createVault(input: CreateVaultInput, onProgress?: ProgressListener): Promise<Vault>;

  getStorageRedundancy(vaultId: string): Promise<{ redundancy: StorageRedundancy; locked: boolean }>;
  /** Refused with DomainError STORAGE_REDUNDANCY_LOCKED once the vault protects anything. */
  setStorageRedundancy(vaultId: string, redundancy: StorageRedundancy): Promise<void>;

  /** Azure IaaS VM policies of the vault, DefaultPolicy included. */
  listPolicies(vaultId: string): Promise<BackupPolicy[]>;
  getPolicy(vaultId: string, policyName: string): Promise<BackupPolicy>;
  /** Validates the definition with the domain rules, then creates or updates it. */
  createPolicy(vaultId: string, definition: PolicyDefinition): Promise<BackupPolicy>;

  /**
   * Protects several VMs with one policy. Each VM is validated (exists, same region as the vault,
   * not already protected, agent present) and reported on its own; failures do not stop the others.
   */
  enableProtection(
    vaultId: string,
    policyName: string,
    vmIds: string[],
    onProgress?: ProgressListener,
  ): Promise<EnableProtectionOutcome[]>;

  listProtectedItems(vaultId: string): Promise<ProtectedItem[]>;
  /** The protected item for a VM in any vault of its subscription, or undefined when unprotected. */
  findProtectedItem(vmId: string): Promise<ProtectedItem | undefined>;

  /** Backup now; the recovery point is kept until `retainUntil`. Returns the job it started. */
  backupNow(item: ProtectedItem, retainUntil: Date): Promise<BackupJob>;

  getJob(vaultId: string, jobName: string): Promise<BackupJob>;
  listJobs(vaultId: string, query?: JobQuery): Promise<BackupJob[]>;
  /**
   * Cancels a running job. By default waits until Azure's cancel operation ends; `wait: false`
   * returns once Azure accepted it (the job is then Cancelling, and its message follows it).
   */
  cancelJob(vaultId: string, jobName: string, options?: { wait?: boolean }): Promise<void>;

  listRecoveryPoints(item: ProtectedItem): Promise<RecoveryPoint[]>;

  /** Stops protection, keeping the recovery points or deleting them. */
  stopProtection(item: ProtectedItem, options: { deleteData: boolean }): Promise<void>;

  /**
   * Backs the item up with another policy of its vault: resumes a stopped item, or changes the
   * policy of a protected one (both are a PUT of the item with the policy's id).
   */
  assignPolicy(item: ProtectedItem, policyName: string): Promise<void>;

  /** Undeletes a soft-deleted item: it is then stopped with its data kept, ready to resume. */
  undeleteProtection(item: ProtectedItem): Promise<void>;
}
