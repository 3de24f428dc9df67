import type { Vault as AzureVault } from '@azure/arm-recoveryservices';
import type { ProtectedItemResource, ProtectionPolicyResource } from '@azure/arm-recoveryservicesbackup';
import { sameResourceId } from '../../domain/azure-ids';
import { AzureError, DomainError } from '../../domain/errors';
import { validatePolicyDefinition } from '../../domain/backup-policy.rule';
import { normalizeLocation } from '../../domain/region.rule';
import { validateResourceGroupName } from '../../domain/resource-group-name.rule';
import { validateRetainUntil } from '../../domain/retain-until.rule';
import { validateVaultName } from '../../domain/vault-name.rule';
import { createPipelineRequest } from '@azure/core-rest-pipeline';
import type { BackupService, CreateVaultInput, VmPageListener } from '../backup.port';
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
} from '../../domain/backup.types';
import { captureResponse, type PollTiming } from './async-operation.poller';
import { type AzureBackupServiceOptions, type ResolvedOptions, resolveOptions } from './azure-backup-service.options';
import { callAzure, toAzureError } from './azure-error.mapper';
import { lastSegment, vaultIdOf } from './backup-ids';
import { waitForBackupOperation } from './backup-operation.waiter';
import { listSubscriptionCoverage } from './coverage-listing';
import { mapWithConcurrency } from './concurrency';
import { enableProtectionForVms } from './enable-protection';
import { fromAzureJob, jobFilter } from './job.mapper';
import { fromAzurePolicy, toAzurePolicy } from './policy.mapper';
import { fromAzureProtectedItem } from './protected-item.mapper';
import { fromAzureRecoveryPoint } from './recovery-point.mapper';
import { fromAzureResourceGroup } from './resource-group.mapper';
import { AZURE_FABRIC, itemRef, type VaultRef, vaultRef, vmRef } from './resource-refs';
import { SdkClientFactory } from './sdk-clients';
import { fromAzureVault } from './vault.mapper';
import { listLocks } from './lock-reader';
import { fromAzureVm, fromAzureVmProfile } from './virtual-machine.mapper';
import { listAllVirtualMachines } from './vm-inventory';

const IAAS_FILTER = "backupManagementType eq 'AzureIaasVM'";
const IAAS_VM_ITEMS_FILTER = "backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'";
const REDUNDANCY_LABEL: Record<StorageRedundancy, string> = { GeoRedundant: 'geo-redundant (GRS)', LocallyRedundant: 'locally redundant (LRS)' };

/** The BackupService on the Azure SDK (compute 2026-04-01, vaults 2026-07-01, backup 2023-06-01, resources 2025-04-01). */
/** Microsoft.Resources subscriptions: the version of Microsoft's Subscriptions REST reference. */
const SUBSCRIPTIONS_API_VERSION = '2022-12-01';

export class AzureBackupService implements BackupService {
  private readonly options: ResolvedOptions;
  private readonly clients: SdkClientFactory;
  private readonly timing: PollTiming;

  constructor(options: AzureBackupServiceOptions) {
    this.options = resolveOptions(options);
    this.clients = new SdkClientFactory(this.options);
    this.timing = this.options;
  }

  subscriptions(): string[] {
    return [...this.options.subscriptionIds];
  }

  // ---- VMs ----------------------------------------------------------------------------------

  listVirtualMachines(onPage?: VmPageListener): Promise<VirtualMachine[]> {
    return listAllVirtualMachines(this.clients, this.options.subscriptionIds, this.options.listConcurrency, onPage);
  }

  listCoverage(subscriptionId: string): Promise<CoverageVm[]> {
    return listSubscriptionCoverage(
      {
        clients: this.clients,
        listVaults: (sub) => this.listVaults({ subscriptionId: sub }),
        listProtectedItems: (vaultId) => this.listProtectedItems(vaultId),
        concurrency: this.options.listConcurrency,
      },
      subscriptionId,
    );
  }

  async getVirtualMachine(vmId: string): Promise<VirtualMachine> {
    const ref = vmRef(vmId);
    const vm = await callAzure({ action: `read VM ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).compute.virtualMachines.get(ref.resourceGroup, ref.name, { expand: 'instanceView' }),
    );
    const mapped = fromAzureVm(vm, vm);
    if (!mapped) throw new AzureError('AZURE_UNEXPECTED', `Azure answered for VM ${ref.name} without an id.`, undefined, undefined);
    return mapped;
  }

  async getVirtualMachineProfile(vmId: string): Promise<VmProfile> {
    const ref = vmRef(vmId);
    const vm = await callAzure({ action: `read VM ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).compute.virtualMachines.get(ref.resourceGroup, ref.name, { expand: 'instanceView' }),
    );
    const mapped = fromAzureVmProfile(vm);
    if (!mapped) throw new AzureError('AZURE_UNEXPECTED', `Azure answered for VM ${ref.name} without an id.`, undefined, undefined);
    return mapped;
  }

  listLocks(scope: { subscriptionId: string; resourceGroup?: string }): Promise<ResourceLock[]> {
    return listLocks(this.clients.for(scope.subscriptionId).resources, this.options.resourceManagerEndpoint, scope);
  }

  // ---- Resource groups ----------------------------------------------------------------------

  async subscriptionNames(): Promise<Record<string, string>> {
    this.names ??= this.readSubscriptionNames().catch((err: unknown) => {
      this.names = undefined; // a failure is not remembered: the next form asks again
      throw err;
    });
    return this.names;
  }

  /** Names change rarely: read once per process, through the ARM pipeline (no SDK package for it). */
  private names: Promise<Record<string, string>> | undefined;

  private async readSubscriptionNames(): Promise<Record<string, string>> {
    const wanted = new Set(this.options.subscriptionIds.map((s) => s.toLowerCase()));
    const client = this.clients.for(this.options.subscriptionIds[0] ?? '').resources;
    const names: Record<string, string> = {};
    let url: string | undefined = `${this.options.resourceManagerEndpoint.replace(/\/+$/, '')}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
    for (let page = 0; url && page < 100; page += 1) {
      const pageUrl: string = url;
      const res = await callAzure({ action: 'read the names of the subscriptions' }, () => client.sendRequest(createPipelineRequest({ url: pageUrl, method: 'GET' })));
      if (res.status !== 200) throw new AzureError('AZURE_UNEXPECTED', `Azure answered ${res.status} when asked for the subscriptions' names.`, undefined, res.status);
      const body = JSON.parse(res.bodyAsText ?? '{}') as { value?: { subscriptionId?: string; displayName?: string }[]; nextLink?: string };
      for (const sub of body.value ?? []) {
        const id = sub.subscriptionId?.toLowerCase();
        if (id && wanted.has(id) && sub.displayName) names[id] = sub.displayName;
      }
      url = body.nextLink || undefined;
    }
    return names;
  }

  async listResourceGroups(subscriptionId: string): Promise<ResourceGroup[]> {
    const groups = await callAzure({ action: `list the resource groups of subscription ${subscriptionId}` }, async () => {
      const out: ResourceGroup[] = [];
      for await (const g of this.clients.for(subscriptionId).resources.resourceGroups.list()) {
        const group = fromAzureResourceGroup(g, subscriptionId);
        if (group) out.push(group);
      }
      return out;
    });
    return groups.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates the group in `location` unless it exists; true when this call created it. */
  private async ensureResourceGroup(subscriptionId: string, name: string, location: string, progress: ProgressListener): Promise<boolean> {
    const groups = this.clients.for(subscriptionId).resources.resourceGroups;
    const existing = await callAzure({ action: `check whether resource group ${name} exists` }, () => groups.checkExistence(name));
    if (existing.body) {
      // Created meanwhile (or named after an existing group): use it as it is, tags untouched.
      progress({ step: 'resource-group-exists', detail: name });
      return false;
    }
    progress({ step: 'creating-resource-group', detail: `${name} in ${location}` });
    try {
      await callAzure({ action: `create resource group ${name} in ${location}` }, () => groups.createOrUpdate(name, { location }));
    } catch (err) {
      // The generic sentence names the Backup roles; creating a group takes a subscription-level right.
      if (!(err instanceof AzureError) || err.code !== 'AZURE_AUTHORIZATION_FAILED') throw err;
      throw new AzureError(
        'AZURE_AUTHORIZATION_FAILED',
        `The bot's Azure identity is not allowed to create resource group ${name} in subscription ${subscriptionId}: that takes Contributor on the subscription (or a role with Microsoft.Resources/subscriptions/resourceGroups/write). Nothing was created. Pick an existing resource group instead, or ask a subscription owner for that role.`,
        err.azureCode,
        err.status,
        err.requestId,
      );
    }
    progress({ step: 'resource-group-created', detail: name });
    return true;
  }

  // ---- Vaults -------------------------------------------------------------------------------

  async listVaults(filter?: { location?: string; subscriptionId?: string }): Promise<Vault[]> {
    const subscriptions = filter?.subscriptionId ? [filter.subscriptionId] : this.options.subscriptionIds;
    const location = filter?.location ? normalizeLocation(filter.location) : undefined;
    const lists = await mapWithConcurrency(subscriptions, this.options.listConcurrency, (subscriptionId) =>
      callAzure({ action: `list the vaults of subscription ${subscriptionId}` }, async () => {
        const out: Vault[] = [];
        for await (const v of this.clients.for(subscriptionId).vaults.vaults.listBySubscriptionId()) {
          const vault = fromAzureVault(v);
          if (vault && (!location || vault.location === location)) out.push(vault);
        }
        return out;
      }),
    );
    return lists.flat();
  }

  async getVault(vaultId: string): Promise<Vault> {
    const ref = vaultRef(vaultId);
    const v = await callAzure({ action: `read vault ${ref.name}` }, () => this.clients.for(ref.subscriptionId).vaults.vaults.get(ref.resourceGroup, ref.name));
    return this.mapVault(v, ref);
  }

  async checkVaultName(input: { subscriptionId: string; resourceGroup: string; location: string; name: string }): Promise<{ available: boolean; reason?: string }> {
    const rule = validateVaultName(input.name);
    if (!rule.ok) return { available: false, reason: rule.message };
    const taken = { available: false, reason: `A vault named ${rule.value} already exists in this subscription (vault names are unique per subscription). Choose another name.` };
    try {
      const result = await callAzure({ action: `check whether vault name ${rule.value} is free` }, () =>
        this.clients.for(input.subscriptionId).vaults.recoveryServices.checkNameAvailability(input.resourceGroup, normalizeLocation(input.location), {
          type: 'Microsoft.RecoveryServices/Vaults',
          name: rule.value,
        }),
      );
      return result.nameAvailable !== false ? { available: true } : taken;
    } catch (err) {
      // ARM answers nothing under a group that does not exist yet (a new group, created with the
      // vault); names are unique per subscription, so the subscription's vaults answer instead.
      if (!(err instanceof AzureError) || err.code !== 'RESOURCE_GROUP_NOT_FOUND') throw err;
      const vaults = await this.listVaults({ subscriptionId: input.subscriptionId });
      return vaults.some((v) => v.name.toLowerCase() === rule.value.toLowerCase()) ? taken : { available: true };
    }
  }

  async createVault(input: CreateVaultInput, onProgress?: ProgressListener): Promise<Vault> {
    const progress = onProgress ?? (() => undefined);
    const rule = validateVaultName(input.name);
    if (!rule.ok) throw new DomainError(rule.code, rule.message, rule.field);
    const name = rule.value;
    const location = normalizeLocation(input.location);
    let resourceGroup = input.resourceGroup;
    if (input.createResourceGroup) {
      const group = validateResourceGroupName(input.resourceGroup);
      if (!group.ok) throw new DomainError(group.code, group.message, group.field);
      resourceGroup = group.value;
    }
    progress({ step: 'checking-name', detail: name });
    const check = await this.checkVaultName({ subscriptionId: input.subscriptionId, resourceGroup, name, location });
    if (!check.available) throw new DomainError('VAULT_NAME_TAKEN', check.reason ?? `The name ${name} is taken.`, 'vaultName');

    // Nothing is created before the name is known to be free; from here on, a failure says what exists.
    const groupCreated = input.createResourceGroup ? await this.ensureResourceGroup(input.subscriptionId, resourceGroup, location, progress) : false;

    const vaults = this.clients.for(input.subscriptionId).vaults.vaults;
    progress({ step: 'creating-vault', detail: `${name} in ${location}` });
    let created: AzureVault;
    try {
      created = await callAzure({ action: `create vault ${name} in ${location}` }, async () => {
        const poller = vaults.createOrUpdate(
          resourceGroup,
          name,
          { location, sku: { name: 'Standard' }, properties: { publicNetworkAccess: 'Enabled' } },
          { updateIntervalInMs: this.options.pollIntervalMs },
        );
        poller.onProgress((state) => progress({ step: 'creating-vault', detail: state.status }));
        return poller.pollUntilDone();
      });
    } catch (err) {
      if (!groupCreated || !(err instanceof DomainError)) throw err;
      throw new AzureError(
        'RESOURCE_GROUP_CREATED_VAULT_NOT_CREATED',
        `Resource group ${resourceGroup} was created in ${location}, but vault ${name} was not: ${err.message} The resource group stays, empty: pick it as an existing group to try again, or delete it in the Azure portal.`,
        err instanceof AzureError ? err.azureCode : undefined,
        err instanceof AzureError ? err.status : undefined,
      );
    }
    const ref: VaultRef = { id: created.id ?? '', subscriptionId: input.subscriptionId, resourceGroup, name };
    const vault = this.mapVault(created, ref);
    progress({ step: 'vault-created', detail: vault.id });

    if (input.storageRedundancy) {
      progress({ step: 'setting-redundancy', detail: input.storageRedundancy });
      try {
        await this.writeStorageRedundancy(vaultRef(vault.id), input.storageRedundancy);
      } catch (err) {
        const mapped = toAzureError(err, { action: `set the storage redundancy of vault ${name}` });
        const createdWhat = groupCreated ? `Resource group ${resourceGroup} and vault ${name} were created in ${location}` : `Vault ${name} was created in ${location}`;
        throw new AzureError(
          'VAULT_CREATED_REDUNDANCY_NOT_SET',
          `${createdWhat}, but setting ${groupCreated ? "the vault's" : 'its'} storage redundancy to ${REDUNDANCY_LABEL[input.storageRedundancy]} failed: ${mapped.message} The vault keeps Azure's default (geo-redundant) until you set it again, which you can do while it protects nothing.`,
          mapped instanceof AzureError ? mapped.azureCode : undefined,
          mapped instanceof AzureError ? mapped.status : undefined,
        );
      }
    }
    progress({ step: 'done', detail: vault.id });
    return vault;
  }

  // ---- Storage redundancy -------------------------------------------------------------------

  async getStorageRedundancy(vaultId: string): Promise<{ redundancy: StorageRedundancy; locked: boolean }> {
    const ref = vaultRef(vaultId);
    const config = await callAzure({ action: `read the storage redundancy of vault ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).backup.backupResourceStorageConfigsNonCRR.get(ref.name, ref.resourceGroup),
    );
    const type = config.properties?.storageType ?? config.properties?.storageModelType;
    if (type !== 'GeoRedundant' && type !== 'LocallyRedundant') {
      throw new DomainError('STORAGE_REDUNDANCY_UNSUPPORTED', `Vault ${ref.name} uses ${type ?? 'an unknown'} backup storage, which this bot does not manage; use the Azure portal for it.`);
    }
    return { redundancy: type, locked: (config.properties?.storageTypeState ?? '').toLowerCase() === 'locked' };
  }

  async setStorageRedundancy(vaultId: string, redundancy: StorageRedundancy): Promise<void> {
    const ref = vaultRef(vaultId);
    const backup = this.clients.for(ref.subscriptionId).backup;
    const config = await callAzure({ action: `read the storage redundancy of vault ${ref.name}` }, () =>
      backup.backupResourceStorageConfigsNonCRR.get(ref.name, ref.resourceGroup),
    );
    const current = config.properties?.storageType ?? 'unknown';
    const lockedByAzure = (config.properties?.storageTypeState ?? '').toLowerCase() === 'locked';
    const anyItem = lockedByAzure ? true : await this.hasAnyProtectedItem(ref);
    if (lockedByAzure || anyItem) {
      throw new DomainError(
        'STORAGE_REDUNDANCY_LOCKED',
        `The storage redundancy of vault ${ref.name} can no longer be changed: Azure locks it once the vault protects anything. It stays ${current}. To use ${REDUNDANCY_LABEL[redundancy]}, create a new vault, or stop protection and delete the backup data of every item in this one first.`,
        'storageRedundancy',
      );
    }
    await this.writeStorageRedundancy(ref, redundancy);
  }

  private async writeStorageRedundancy(ref: VaultRef, redundancy: StorageRedundancy): Promise<void> {
    await callAzure({ action: `set the storage redundancy of vault ${ref.name} to ${REDUNDANCY_LABEL[redundancy]}` }, () =>
      this.clients.for(ref.subscriptionId).backup.backupResourceStorageConfigsNonCRR.update(ref.name, ref.resourceGroup, {
        properties: { storageType: redundancy, storageTypeState: 'Unlocked' },
      }),
    );
  }

  private async hasAnyProtectedItem(ref: VaultRef): Promise<boolean> {
    return callAzure({ action: `list the items of vault ${ref.name}` }, async () => {
      // Any item of any kind locks the setting; one page answers the question.
      for await (const page of this.clients.for(ref.subscriptionId).backup.backupProtectedItems.list(ref.name, ref.resourceGroup).byPage()) {
        if (page.length > 0) return true;
      }
      return false;
    });
  }

  // ---- Policies -----------------------------------------------------------------------------

  async listPolicies(vaultId: string): Promise<BackupPolicy[]> {
    const ref = vaultRef(vaultId);
    return callAzure({ action: `list the backup policies of vault ${ref.name}` }, async () => {
      const out: BackupPolicy[] = [];
      for await (const p of this.clients.for(ref.subscriptionId).backup.backupPolicies.list(ref.name, ref.resourceGroup, { filter: IAAS_FILTER })) {
        const policy = fromAzurePolicy(p, vaultId);
        if (policy) out.push(policy);
      }
      return out;
    });
  }

  async getPolicy(vaultId: string, policyName: string): Promise<BackupPolicy> {
    const ref = vaultRef(vaultId);
    const resource = await callAzure({ action: `read backup policy ${policyName} of vault ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).backup.protectionPolicies.get(ref.name, ref.resourceGroup, policyName),
    );
    return this.mapPolicy(resource, vaultId, policyName);
  }

  async createPolicy(vaultId: string, definition: PolicyDefinition): Promise<BackupPolicy> {
    const rule = validatePolicyDefinition(definition);
    if (!rule.ok) throw new DomainError(rule.code, rule.message, rule.field);
    const def = rule.value;
    const ref = vaultRef(vaultId);
    const backup = this.clients.for(ref.subscriptionId).backup;
    const context = { action: `save backup policy ${def.name} in vault ${ref.name}` };
    const seen = captureResponse();
    const answer = await callAzure(context, () =>
      backup.protectionPolicies.createOrUpdate(ref.name, ref.resourceGroup, def.name, { properties: toAzurePolicy(def) }, { onResponse: seen.onResponse }),
    );
    if (seen.get().status !== 202) return this.mapPolicy(answer, vaultId, def.name);
    await waitForBackupOperation(seen.get(), this.timing, {
      what: `saving backup policy ${def.name}`,
      context,
      status: (opId, options) => backup.protectionPolicyOperationStatuses.get(ref.name, ref.resourceGroup, def.name, opId, options),
      result: (opId, options) => backup.protectionPolicyOperationResults.get(ref.name, ref.resourceGroup, def.name, opId, options),
    });
    return this.getPolicy(vaultId, def.name);
  }

  // ---- Protection ---------------------------------------------------------------------------

  async enableProtection(vaultId: string, policyName: string, vmIds: string[], onProgress?: ProgressListener): Promise<EnableProtectionOutcome[]> {
    const ref = vaultRef(vaultId);
    const vault = await this.getVault(vaultId);
    const policy = await callAzure({ action: `read backup policy ${policyName} of vault ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).backup.protectionPolicies.get(ref.name, ref.resourceGroup, policyName),
    );
    if (!policy.id) throw new AzureError('AZURE_UNEXPECTED', `Azure answered for policy ${policyName} without an id.`, undefined, undefined);
    return enableProtectionForVms(
      { clients: this.clients, timing: this.timing, concurrency: this.options.enableConcurrency },
      { vault: { ...vault, id: vaultId }, vaultRef: ref, policyId: policy.id, vmIds, onProgress },
    );
  }

  async listProtectedItems(vaultId: string): Promise<ProtectedItem[]> {
    const ref = vaultRef(vaultId);
    return callAzure({ action: `list the protected VMs of vault ${ref.name}` }, async () => {
      const out: ProtectedItem[] = [];
      for await (const r of this.clients.for(ref.subscriptionId).backup.backupProtectedItems.list(ref.name, ref.resourceGroup, { filter: IAAS_VM_ITEMS_FILTER })) {
        const item = fromAzureProtectedItem(r, vaultId);
        if (item) out.push(item);
      }
      return out;
    });
  }

  async findProtectedItem(vmId: string): Promise<ProtectedItem | undefined> {
    const ref = vmRef(vmId);
    const clients = this.clients.for(ref.subscriptionId);
    let location: string | undefined;
    try {
      const vm = await clients.compute.virtualMachines.get(ref.resourceGroup, ref.name);
      location = normalizeLocation(vm.location);
    } catch (err) {
      const mapped = toAzureError(err, { action: `read VM ${ref.name}` });
      if (mapped.code !== 'AZURE_NOT_FOUND' && mapped.code !== 'RESOURCE_GROUP_NOT_FOUND') throw mapped;
    }
    // A deleted VM can still have backup data: without its region, look through the vaults.
    if (!location) return this.scanVaultsForVm(ref.subscriptionId, vmId);
    const status = await callAzure({ action: `check the backup status of ${ref.name}` }, () =>
      clients.backup.backupStatus.get(location as string, { resourceId: vmId, resourceType: 'VM' }),
    );
    const state = (status.protectionStatus ?? '').toLowerCase();
    if ((state !== 'protected' && state !== 'protecting') || !status.vaultId || !status.containerName || !status.protectedItemName) return undefined;
    const vault = vaultRef(vaultIdOf(status.vaultId) ?? status.vaultId);
    const resource = await callAzure({ action: `read the protection of ${ref.name}` }, () =>
      this.clients.for(vault.subscriptionId).backup.protectedItems.get(vault.name, vault.resourceGroup, status.fabricName ?? AZURE_FABRIC, status.containerName as string, status.protectedItemName as string),
    );
    return fromAzureProtectedItem(resource, vault.id);
  }

  private async scanVaultsForVm(subscriptionId: string, vmId: string): Promise<ProtectedItem | undefined> {
    const vaults = await this.listVaults({ subscriptionId });
    for (const vault of vaults) {
      const item = (await this.listProtectedItems(vault.id)).find((i) => sameResourceId(i.vmId, vmId));
      if (item) return item;
    }
    return undefined;
  }

  async stopProtection(item: ProtectedItem, options: { deleteData: boolean }): Promise<void> {
    const ref = itemRef(item);
    const v = ref.vault;
    const backup = this.clients.for(v.subscriptionId).backup;
    const seen = captureResponse();
    if (options.deleteData) {
      const context = { action: `stop protection of ${item.vmName} and delete its backup data` };
      await callAzure(context, () => backup.protectedItems.delete(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, { onResponse: seen.onResponse }));
      await waitForBackupOperation(seen.get(), this.timing, {
        what: `deleting the backup data of ${item.vmName}`,
        context,
        status: (opId, o) => backup.backupOperationStatuses.get(v.name, v.resourceGroup, opId, o),
        result: (opId, o) => backup.backupOperationResults.get(v.name, v.resourceGroup, opId, o),
      });
      return;
    }
    const body: ProtectedItemResource = {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: item.vmId, protectionState: 'ProtectionStopped' },
    };
    await this.putItem(item, body, { action: `stop protection of ${item.vmName}` }, `stopping protection of ${item.vmName}`);
  }

  async assignPolicy(item: ProtectedItem, policyName: string): Promise<void> {
    const ref = itemRef(item);
    const v = ref.vault;
    const backup = this.clients.for(v.subscriptionId).backup;
    const policy = await callAzure({ action: `read backup policy ${policyName} of vault ${v.name}` }, () => backup.protectionPolicies.get(v.name, v.resourceGroup, policyName));
    if (!policy.id) throw new AzureError('AZURE_UNEXPECTED', `Azure answered for policy ${policyName} without an id.`, undefined, undefined);
    const resuming = item.protectionState === 'ProtectionStopped';
    const context = { action: resuming ? `resume protection of ${item.vmName} with policy ${policyName}` : `change the policy of ${item.vmName} to ${policyName}` };
    // The body `az backup protection resume` and `az backup item set-policy` send (update_policy_for_item).
    const body: ProtectedItemResource = { properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: item.vmId, policyId: policy.id } };
    await this.putItem(item, body, context, resuming ? `resuming protection of ${item.vmName}` : `changing the policy of ${item.vmName}`);
  }

  async undeleteProtection(item: ProtectedItem): Promise<void> {
    const context = { action: `undelete the backup data of ${item.vmName}` };
    // `az backup protection undelete` (_get_disable_protection_request with undelete): stopped, no policy, isRehydrate.
    const body: ProtectedItemResource = {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: item.vmId, policyId: '', protectionState: 'ProtectionStopped', isRehydrate: true },
    };
    await this.putItem(item, body, context, `undeleting the backup data of ${item.vmName}`);
  }

  /** PUT of a protected item, then its operation followed to the end. */
  private async putItem(item: ProtectedItem, body: ProtectedItemResource, context: { action: string }, what: string): Promise<void> {
    const ref = itemRef(item);
    const v = ref.vault;
    const backup = this.clients.for(v.subscriptionId).backup;
    const seen = captureResponse();
    await callAzure(context, () => backup.protectedItems.createOrUpdate(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, body, { onResponse: seen.onResponse }));
    await waitForBackupOperation(seen.get(), this.timing, {
      what,
      context,
      status: (opId, o) => backup.protectedItemOperationStatuses.get(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, opId, o),
      result: (opId, o) => backup.protectedItemOperationResults.get(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, opId, o),
    });
  }

  // ---- Backup now, jobs, recovery points ----------------------------------------------------

  async backupNow(item: ProtectedItem, retainUntil: Date): Promise<BackupJob> {
    const rule = validateRetainUntil(retainUntil, this.options.now());
    if (!rule.ok) throw new DomainError(rule.code, rule.message, rule.field);
    const ref = itemRef(item);
    const v = ref.vault;
    const backup = this.clients.for(v.subscriptionId).backup;
    const context = { action: `start a backup of ${item.vmName}` };
    const seen = captureResponse();
    await callAzure(context, () =>
      backup.backups.trigger(
        v.name,
        v.resourceGroup,
        ref.fabricName,
        ref.containerName,
        ref.itemName,
        { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: rule.value } },
        { onResponse: seen.onResponse },
      ),
    );
    const { jobId } = await waitForBackupOperation(seen.get(), this.timing, {
      what: `the backup of ${item.vmName}`,
      context,
      untilJobId: true,
      status: (opId, o) => backup.protectedItemOperationStatuses.get(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, opId, o),
      result: (opId, o) => backup.protectedItemOperationResults.get(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName, opId, o),
    });
    if (jobId) return this.getJob(item.vaultId, jobId);
    // Azure started the backup but named no job: find the newest backup job of this VM.
    const jobs = await this.listJobs(item.vaultId, { operation: 'Backup', since: new Date(this.options.now().getTime() - 60 * 60 * 1000) });
    const mine = jobs
      .filter((j) => j.entityFriendlyName.toLowerCase() === item.vmName.toLowerCase())
      .sort((a, b) => b.startTime.getTime() - a.startTime.getTime())[0];
    if (!mine) {
      throw new AzureError('BACKUP_JOB_NOT_FOUND', `Azure accepted the backup of ${item.vmName} but did not say which job runs it, and none was found yet. Look at the vault's backup jobs in a minute.`, undefined, undefined);
    }
    return mine;
  }

  async getJob(vaultId: string, jobName: string): Promise<BackupJob> {
    const ref = vaultRef(vaultId);
    const job = await callAzure({ action: `read backup job ${jobName} of vault ${ref.name}` }, () =>
      this.clients.for(ref.subscriptionId).backup.jobDetails.get(ref.name, ref.resourceGroup, jobName),
    );
    return fromAzureJob(job, vaultId, this.options.now());
  }

  async listJobs(vaultId: string, query?: JobQuery): Promise<BackupJob[]> {
    const ref = vaultRef(vaultId);
    const now = this.options.now();
    const filter = jobFilter(query, now);
    return callAzure({ action: `list the backup jobs of vault ${ref.name}` }, async () => {
      const out: BackupJob[] = [];
      for await (const job of this.clients.for(ref.subscriptionId).backup.backupJobs.list(ref.name, ref.resourceGroup, { filter })) {
        out.push(fromAzureJob(job, vaultId, now));
      }
      return out;
    });
  }

  async cancelJob(vaultId: string, jobName: string, options: { wait?: boolean } = {}): Promise<void> {
    const ref = vaultRef(vaultId);
    const backup = this.clients.for(ref.subscriptionId).backup;
    const context = { action: `cancel backup job ${jobName}` };
    const seen = captureResponse();
    await callAzure(context, () => backup.jobCancellations.trigger(ref.name, ref.resourceGroup, jobName, { onResponse: seen.onResponse }));
    if (options.wait === false) return;
    await waitForBackupOperation(seen.get(), this.timing, {
      what: `cancelling backup job ${jobName}`,
      context,
      result: (opId, o) => backup.jobOperationResults.get(ref.name, ref.resourceGroup, jobName, opId, o),
    });
  }

  async listRecoveryPoints(item: ProtectedItem): Promise<RecoveryPoint[]> {
    const ref = itemRef(item);
    const v = ref.vault;
    const points = await callAzure({ action: `list the recovery points of ${item.vmName}` }, async () => {
      const out: RecoveryPoint[] = [];
      const backup = this.clients.for(v.subscriptionId).backup;
      for await (const rp of backup.recoveryPoints.list(v.name, v.resourceGroup, ref.fabricName, ref.containerName, ref.itemName)) {
        const point = fromAzureRecoveryPoint(rp);
        if (point) out.push(point);
      }
      return out;
    });
    return points.sort((a, b) => b.time.getTime() - a.time.getTime());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private mapVault(v: AzureVault, ref: VaultRef): Vault {
    const vault = fromAzureVault(v);
    if (!vault) throw new AzureError('AZURE_UNEXPECTED', `Azure answered for vault ${ref.name} without an id.`, undefined, undefined);
    return vault;
  }

  private mapPolicy(resource: ProtectionPolicyResource, vaultId: string, policyName: string): BackupPolicy {
    const policy = fromAzurePolicy(resource, vaultId);
    if (!policy) {
      throw new DomainError('POLICY_NOT_SUPPORTED', `Policy ${lastSegment(resource.id) ?? policyName} is not a daily or weekly Azure VM policy, so the bot cannot show it; use the Azure portal for it.`);
    }
    return policy;
  }
}
