/**
 * An in-memory BackupService for flow unit tests: keeps VMs, vaults, policies, protected items,
 * jobs and recovery points, follows the port's contract closely enough for the flows, counts calls,
 * and can be told to fail a method with an AzureError.
 */
import type { BackupService, CreateVaultInput } from '../../../../src/backup/backup.port';
import type {
  BackupJob,
  BackupPolicy,
  CoverageVm,
  EnableProtectionOutcome,
  JobQuery,
  PolicyDefinition,
  ProtectedItem,
  RecoveryPoint,
  ResourceLock,
  StorageRedundancy,
  Vault,
  VirtualMachine,
  VmProfile,
} from '../../../../src/domain/backup.types';
import { iaasContainerName, iaasItemName, parseResourceId, vaultId as makeVaultId, vmId as makeVmId } from '../../../../src/domain/azure-ids';
import { AzureError, DomainError } from '../../../../src/domain/errors';
import { TERMINAL_JOB_STATUSES } from '../../../../src/domain/backup.types';
import { validatePolicyDefinition } from '../../../../src/domain/backup-policy.rule';
import { normalizeLocation } from '../../../../src/domain/region.rule';

export const SUB = '00000000-0000-0000-0000-000000000001';

type Method = keyof BackupService;

export interface FakeVmInput {
  name: string;
  resourceGroup?: string;
  location?: string;
  subscriptionId?: string;
  powerState?: string;
  agent?: VirtualMachine['agent'];
  tags?: Record<string, string>;
}

const lower = (s: string): string => s.toLowerCase();

export class FakeBackupService implements BackupService {
  vms: VirtualMachine[] = [];
  /** VM tags by lower-case VM id (listCoverage reads them). */
  tags = new Map<string, Record<string, string>>();
  vaults: Vault[] = [];
  redundancy = new Map<string, StorageRedundancy>();
  policies = new Map<string, BackupPolicy[]>();
  items: ProtectedItem[] = [];
  jobs: BackupJob[] = [];
  points = new Map<string, RecoveryPoint[]>();
  /** What getVirtualMachineProfile adds to a VM (by lower-case id): disks, security type, agent version. */
  profiles = new Map<string, Partial<VmProfile>>();
  locks: ResourceLock[] = [];
  calls: { method: Method; args: unknown[] }[] = [];
  private failures = new Map<Method, { error: Error; times: number }>();
  private jobCounter = 0;

  constructor(
    public now: () => Date = () => new Date('2024-05-14T10:00:00Z'),
    private readonly subs: string[] = [SUB],
  ) {}

  // ---- test set-up ------------------------------------------------------------------------------

  addVm(input: FakeVmInput): VirtualMachine {
    const sub = input.subscriptionId ?? SUB;
    const rg = input.resourceGroup ?? 'rg-app';
    const vm: VirtualMachine = {
      id: makeVmId(sub, rg, input.name),
      subscriptionId: sub,
      resourceGroup: rg,
      name: input.name,
      location: input.location ?? 'westeurope',
      powerState: input.powerState ?? 'running',
      agent: input.agent ?? 'Ready',
      osType: 'Linux',
    };
    this.vms.push(vm);
    if (input.tags) this.tags.set(lower(vm.id), { ...input.tags });
    return vm;
  }

  addVault(name: string, location = 'westeurope', resourceGroup = 'rg-backup', subscriptionId = SUB): Vault {
    const vault: Vault = { id: makeVaultId(subscriptionId, resourceGroup, name), subscriptionId, resourceGroup, name, location: normalizeLocation(location), provisioningState: 'Succeeded' };
    this.vaults.push(vault);
    this.redundancy.set(lower(vault.id), 'GeoRedundant');
    this.policies.set(lower(vault.id), [this.defaultPolicy(vault.id)]);
    return vault;
  }

  /** Protects a VM directly (no job), in a given state. */
  protect(vm: VirtualMachine, vault: Vault, state: ProtectedItem['protectionState'] = 'Protected', policyName = 'DefaultPolicy'): ProtectedItem {
    const item: ProtectedItem = {
      id: `${vault.id}/backupFabrics/Azure/protectionContainers/${iaasContainerName(vm.resourceGroup, vm.name)}/protectedItems/${iaasItemName(vm.resourceGroup, vm.name)}`,
      vaultId: vault.id,
      vmId: vm.id,
      vmName: vm.name,
      containerName: iaasContainerName(vm.resourceGroup, vm.name),
      itemName: iaasItemName(vm.resourceGroup, vm.name),
      protectionState: state,
      lastBackupStatus: state === 'IRPending' ? 'IRPending' : 'Healthy',
      lastBackupTime: state === 'IRPending' ? new Date('2001-01-01T00:00:00Z') : new Date(this.now().getTime() - 8 * 3600_000),
      policyName,
      policyId: `${vault.id}/backupPolicies/${policyName}`,
    };
    this.items.push(item);
    const p = this.policies.get(lower(vault.id))?.find((x) => lower(x.name) === lower(policyName));
    if (p) p.protectedItemsCount++;
    return item;
  }

  /** The next call(s) of `method` throw `error`. */
  failNext(method: Method, error: Error, times = 1): void {
    this.failures.set(method, { error, times });
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** A job as stored, to change what Azure would report of it. */
  jobOf(jobName: string): BackupJob {
    const job = this.jobs.find((j) => j.name === jobName);
    if (!job) throw new Error(`no job ${jobName}`);
    return job;
  }

  /** Moves a job to an end state (what the emulator's clock would do). */
  finishJob(jobName: string, status: BackupJob['status'], error?: { code: string; message: string; recommendations?: string[] } | { code: string; message: string; recommendations?: string[] }[]): BackupJob {
    const job = this.jobs.find((j) => j.name === jobName);
    if (!job) throw new Error(`no job ${jobName}`);
    job.status = status;
    job.endTime = new Date(job.startTime.getTime() + 15 * 60_000);
    job.durationMs = 15 * 60_000;
    if (error) job.errors = (Array.isArray(error) ? error : [error]).map((e) => ({ ...e, recommendations: e.recommendations ?? [] }));
    if (status === 'Completed') {
      const item = this.items.find((i) => lower(i.vmName) === lower(job.entityFriendlyName) && lower(i.vaultId) === lower(job.vaultId));
      if (item) {
        const list = this.points.get(lower(item.id)) ?? [];
        list.push({ id: `${item.id}/recoveryPoints/${list.length + 1}`, name: String(list.length + 1), time: new Date(job.startTime.getTime() + 60_000), type: 'AppConsistent', expiryTime: this.retainUntil.get(job.name) });
        this.points.set(lower(item.id), list);
        item.protectionState = 'Protected';
        item.lastBackupStatus = 'Healthy';
        item.lastBackupTime = new Date(job.startTime.getTime() + 60_000);
      }
    }
    return job;
  }

  private retainUntil = new Map<string, Date>();

  private defaultPolicy(vaultId: string): BackupPolicy {
    return {
      id: `${vaultId}/backupPolicies/DefaultPolicy`,
      vaultId,
      name: 'DefaultPolicy',
      protectedItemsCount: 0,
      schedule: { frequency: 'Daily', time: '02:00', timeZone: 'UTC' },
      retention: { daily: { days: 30 } },
      instantRpRetentionDays: 2,
    };
  }

  private record(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const f = this.failures.get(method);
    if (f && f.times > 0) {
      f.times--;
      throw f.error;
    }
  }

  private notFound(what: string): AzureError {
    return new AzureError('NOT_FOUND', `${what} was not found.`, 'ResourceNotFound', 404);
  }

  private vaultOf(id: string): Vault {
    const v = this.vaults.find((x) => lower(x.id) === lower(id));
    if (!v) throw this.notFound('The vault');
    return v;
  }

  // ---- the port ---------------------------------------------------------------------------------

  subscriptions(): string[] {
    return [...this.subs];
  }

  /** Absent unless a test sets it, as a service that cannot read the names. */
  subscriptionNames?: () => Promise<Record<string, string>>;

  /** While set, a listing delivers its first VM as a page at once and the rest only after this settles. */
  private laterPages?: Promise<void>;
  private firstPageHeld = false;

  async listVirtualMachines(onPage?: (vms: VirtualMachine[]) => void): Promise<VirtualMachine[]> {
    this.record('listVirtualMachines');
    const vms = this.vms.map((v) => ({ ...v }));
    if (this.laterPages) {
      if (this.firstPageHeld) await this.laterPages;
      onPage?.(vms.slice(0, 1));
      await this.laterPages;
      onPage?.(vms.slice(1));
      return vms;
    }
    onPage?.(vms);
    return vms;
  }

  async listCoverage(subscriptionId: string): Promise<CoverageVm[]> {
    this.record('listCoverage', subscriptionId);
    return this.vms
      .filter((vm) => lower(vm.subscriptionId) === lower(subscriptionId))
      .map((vm) => {
        const item = this.items.find((i) => lower(i.vmId) === lower(vm.id));
        const { id, resourceGroup, name, location } = vm;
        return { id, subscriptionId: vm.subscriptionId, resourceGroup, name, location, tags: { ...(this.tags.get(lower(vm.id)) ?? {}) }, ...(item ? { protection: { vaultId: item.vaultId, state: item.protectionState } } : {}) };
      });
  }

  /**
   * Makes listings slow as Azure's later pages are at a large estate: the first page (one VM)
   * arrives at once, the rest when the returned function is called. With `firstPage`, the first
   * page waits too (Azure has not answered at all yet).
   */
  holdLaterPages(options: { firstPage?: boolean } = {}): () => void {
    this.firstPageHeld = options.firstPage ?? false;
    let release: () => void = () => undefined;
    this.laterPages = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  async getVirtualMachine(vmId: string): Promise<VirtualMachine> {
    this.record('getVirtualMachine', vmId);
    const vm = this.vms.find((v) => lower(v.id) === lower(vmId));
    if (!vm) throw this.notFound('The VM');
    return { ...vm };
  }

  async getVirtualMachineProfile(vmId: string): Promise<VmProfile> {
    this.record('getVirtualMachineProfile', vmId);
    const vm = this.vms.find((v) => lower(v.id) === lower(vmId));
    if (!vm) throw this.notFound('The VM');
    return { ...vm, dataDisks: [], osDisk: { name: `${vm.name}_OsDisk`, managed: true, storageAccountType: 'Premium_LRS', sizeGb: 30 }, ...(vm.agent === 'Ready' ? { agentVersion: '2.9.1.1' } : {}), ...this.profiles.get(lower(vmId)) };
  }

  async listLocks(scope: { subscriptionId: string; resourceGroup?: string }): Promise<ResourceLock[]> {
    this.record('listLocks', scope);
    return this.locks.filter((l) => lower(l.subscriptionId) === lower(scope.subscriptionId) && (!scope.resourceGroup || lower(l.resourceGroup ?? '') === lower(scope.resourceGroup)));
  }

  async listVaults(filter?: { location?: string; subscriptionId?: string }): Promise<Vault[]> {
    this.record('listVaults', filter);
    return this.vaults
      .filter((v) => !filter?.location || v.location === normalizeLocation(filter.location))
      .filter((v) => !filter?.subscriptionId || lower(v.subscriptionId) === lower(filter.subscriptionId))
      .map((v) => ({ ...v }));
  }

  async getVault(id: string): Promise<Vault> {
    this.record('getVault', id);
    return { ...this.vaultOf(id) };
  }

  async checkVaultName(input: { subscriptionId: string; resourceGroup: string; location: string; name: string }): Promise<{ available: boolean; reason?: string }> {
    this.record('checkVaultName', input);
    const taken = this.vaults.some((v) => lower(v.subscriptionId) === lower(input.subscriptionId) && lower(v.name) === lower(input.name));
    return taken ? { available: false, reason: `A vault named ${input.name} already exists in this subscription.` } : { available: true };
  }

  async createVault(input: CreateVaultInput): Promise<Vault> {
    this.record('createVault', input);
    const v = this.addVault(input.name, input.location, input.resourceGroup, input.subscriptionId);
    this.redundancy.set(lower(v.id), input.storageRedundancy ?? 'GeoRedundant');
    return { ...v };
  }

  async getStorageRedundancy(id: string): Promise<{ redundancy: StorageRedundancy; locked: boolean }> {
    this.record('getStorageRedundancy', id);
    this.vaultOf(id);
    return { redundancy: this.redundancy.get(lower(id)) ?? 'GeoRedundant', locked: this.items.some((i) => lower(i.vaultId) === lower(id)) };
  }

  async setStorageRedundancy(id: string, redundancy: StorageRedundancy): Promise<void> {
    this.record('setStorageRedundancy', id, redundancy);
    if (this.items.some((i) => lower(i.vaultId) === lower(id))) throw new DomainError('STORAGE_REDUNDANCY_LOCKED', 'Storage replication cannot change once the vault protects items.');
    this.redundancy.set(lower(id), redundancy);
  }

  async listPolicies(id: string): Promise<BackupPolicy[]> {
    this.record('listPolicies', id);
    this.vaultOf(id);
    return (this.policies.get(lower(id)) ?? []).map((p) => structuredClone(p));
  }

  async getPolicy(id: string, name: string): Promise<BackupPolicy> {
    this.record('getPolicy', id, name);
    const p = (this.policies.get(lower(id)) ?? []).find((x) => lower(x.name) === lower(name));
    if (!p) throw this.notFound(`The policy ${name}`);
    return structuredClone(p);
  }

  async createPolicy(id: string, definition: PolicyDefinition): Promise<BackupPolicy> {
    this.record('createPolicy', id, definition);
    this.vaultOf(id);
    const r = validatePolicyDefinition(definition);
    if (!r.ok) throw new DomainError(r.code, r.message, r.field);
    const p: BackupPolicy = { ...structuredClone(definition), id: `${id}/backupPolicies/${definition.name}`, vaultId: id, protectedItemsCount: 0 };
    const list = (this.policies.get(lower(id)) ?? []).filter((x) => lower(x.name) !== lower(definition.name));
    list.push(p);
    this.policies.set(lower(id), list);
    return structuredClone(p);
  }

  async enableProtection(vaultId: string, policyName: string, vmIds: string[]): Promise<EnableProtectionOutcome[]> {
    this.record('enableProtection', vaultId, policyName, vmIds);
    const vault = this.vaultOf(vaultId);
    const policy = (this.policies.get(lower(vaultId)) ?? []).find((p) => lower(p.name) === lower(policyName));
    if (!policy) throw this.notFound(`The policy ${policyName}`);
    return vmIds.map((vmId): EnableProtectionOutcome => {
      const vm = this.vms.find((v) => lower(v.id) === lower(vmId));
      if (!vm) return { vmId, ok: false, code: 'VM_NOT_FOUND', reason: 'The VM was not found.' };
      if (normalizeLocation(vm.location) !== vault.location) return { vmId, ok: false, code: 'VM_REGION_MISMATCH', reason: `${vm.name} is in ${vm.location}, the vault in ${vault.location}.` };
      if (this.items.some((i) => lower(i.vmId) === lower(vmId) && i.protectionState !== 'ProtectionStopped')) return { vmId, ok: false, code: 'VM_ALREADY_PROTECTED', reason: `${vm.name} is already protected.` };
      if (vm.agent !== 'Ready') return { vmId, ok: false, code: 'UserErrorGuestAgentStatusUnavailable', reason: `The VM agent of ${vm.name} is not ready: install or start it.` };
      return { vmId, ok: true, item: this.protect(vm, vault, 'IRPending', policy.name) };
    });
  }

  async listProtectedItems(vaultId: string): Promise<ProtectedItem[]> {
    this.record('listProtectedItems', vaultId);
    this.vaultOf(vaultId);
    return this.items.filter((i) => lower(i.vaultId) === lower(vaultId)).map((i) => ({ ...i }));
  }

  async findProtectedItem(vmId: string): Promise<ProtectedItem | undefined> {
    this.record('findProtectedItem', vmId);
    const item = this.items.find((i) => lower(i.vmId) === lower(vmId));
    return item ? { ...item } : undefined;
  }

  async backupNow(item: ProtectedItem, retainUntil: Date): Promise<BackupJob> {
    this.record('backupNow', item, retainUntil);
    const name = `job-${++this.jobCounter}`;
    const job: BackupJob = {
      id: `${item.vaultId}/backupJobs/${name}`,
      name,
      vaultId: item.vaultId,
      operation: 'Backup',
      status: 'InProgress',
      entityFriendlyName: item.vmName,
      startTime: this.now(),
      durationMs: 0,
      errors: [],
    };
    this.jobs.push(job);
    this.retainUntil.set(name, retainUntil);
    return { ...job };
  }

  async getJob(vaultId: string, jobName: string): Promise<BackupJob> {
    this.record('getJob', vaultId, jobName);
    const job = this.jobs.find((j) => j.name === jobName && lower(j.vaultId) === lower(vaultId));
    if (!job) throw this.notFound('The job');
    const durationMs = job.endTime ? job.durationMs : this.now().getTime() - job.startTime.getTime();
    return { ...job, durationMs, errors: [...job.errors] };
  }

  async listJobs(vaultId: string, query?: JobQuery): Promise<BackupJob[]> {
    this.record('listJobs', vaultId, query);
    this.vaultOf(vaultId);
    return this.jobs
      .filter((j) => lower(j.vaultId) === lower(vaultId))
      .filter((j) => !query?.status || j.status === query.status)
      .filter((j) => !query?.since || j.startTime.getTime() >= query.since.getTime())
      .filter((j) => !query?.operation || j.operation === query.operation)
      .map((j) => ({ ...j }));
  }

  async cancelJob(vaultId: string, jobName: string): Promise<void> {
    this.record('cancelJob', vaultId, jobName);
    const job = this.jobs.find((j) => j.name === jobName && lower(j.vaultId) === lower(vaultId));
    if (!job) throw this.notFound('The job');
    // As the emulator (and Azure) answer: only a running job can be cancelled.
    if (TERMINAL_JOB_STATUSES.includes(job.status)) throw new AzureError('AZURE', `The job '${job.name}' cannot be cancelled: it is ${job.status}.`, 'BMSUserErrorInvalidInput', 400);
    job.status = 'Cancelling';
  }

  async listRecoveryPoints(item: ProtectedItem): Promise<RecoveryPoint[]> {
    this.record('listRecoveryPoints', item);
    return [...(this.points.get(lower(item.id)) ?? [])];
  }

  /** Soft delete of the vaults: Azure's default, on (deleted data kept 14 days, stopped, and undeletable). */
  softDelete = true;

  private itemOf(item: ProtectedItem): ProtectedItem {
    const found = this.items.find((i) => lower(i.id) === lower(item.id));
    if (!found) throw this.notFound('The protected item');
    return found;
  }

  async stopProtection(item: ProtectedItem, options: { deleteData: boolean }): Promise<void> {
    this.record('stopProtection', item, options);
    const it = this.itemOf(item);
    if (it.softDeleted) throw new AzureError('AZURE_BAD_REQUEST', `The backup item ${it.vmName} is soft-deleted. Undelete it first.`, 'BMSUserErrorItemSoftDeleted', 400);
    if (options.deleteData && !this.softDelete) {
      this.items = this.items.filter((i) => i !== it);
      return;
    }
    it.protectionState = 'ProtectionStopped';
    delete it.policyName;
    delete it.policyId;
    if (options.deleteData) it.softDeleted = { purgeAt: new Date(this.now().getTime() + 14 * 24 * 3600_000) };
  }

  async assignPolicy(item: ProtectedItem, policyName: string): Promise<void> {
    this.record('assignPolicy', item, policyName);
    const it = this.itemOf(item);
    if (it.softDeleted) throw new AzureError('AZURE_BAD_REQUEST', `The backup item ${it.vmName} is soft-deleted. Undelete it first.`, 'BMSUserErrorItemSoftDeleted', 400);
    const policy = (this.policies.get(lower(it.vaultId)) ?? []).find((p) => lower(p.name) === lower(policyName));
    if (!policy) throw this.notFound(`The policy ${policyName}`);
    it.policyName = policy.name;
    it.policyId = policy.id;
    if (it.protectionState === 'ProtectionStopped') it.protectionState = (this.points.get(lower(it.id)) ?? []).length ? 'Protected' : 'IRPending';
  }

  async undeleteProtection(item: ProtectedItem): Promise<void> {
    this.record('undeleteProtection', item);
    const it = this.itemOf(item);
    if (!it.softDeleted) throw new AzureError('AZURE_BAD_REQUEST', `The backup item ${it.vmName} is not soft-deleted.`, 'BMSUserErrorInvalidInput', 400);
    delete it.softDeleted;
  }
}

/** Parts of a VM id, for assertions. */
export const idName = (id: string): string => parseResourceId(id).name;
