import type { BackupService, CreateVaultInput } from '../backup/backup.port';
import type { BackupJob, EnableProtectionOutcome, JobQuery, PolicyDefinition, ProgressListener, ProtectedItem, StorageRedundancy } from '../domain/backup.types';
import { covers, coversId, outOfScopeError, OUT_OF_SCOPE, touchesSubscription, type ChannelScope } from './channel-scope';

const nameOf = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;

/**
 * The BackupService as one channel sees it: lists hold only what the channel's scope covers, and
 * any read or change of a resource outside it throws DomainError OUT_OF_SCOPE (a sentence the
 * flows show as it is). The flows run on it unchanged, so every list, picker, status and action
 * is filtered in one place rather than in each flow.
 */
export function scopedBackupService(inner: BackupService, scope: ChannelScope): BackupService {
  if (scope.kind === 'all') return inner;
  const vm = (id: string): void => {
    if (!coversId(scope, id)) throw outOfScopeError(`VM ${nameOf(id)}`, id);
  };
  const vault = (id: string): void => {
    if (!coversId(scope, id)) throw outOfScopeError(`Vault ${nameOf(id)}`, id);
  };
  const item = (i: ProtectedItem): void => {
    vault(i.vaultId);
    vm(i.vmId);
  };
  /** Names of VMs a vault protects that the channel may not see (their jobs are left out too). */
  const hiddenItemNames = async (vaultId: string): Promise<Set<string>> => {
    const place = { subscriptionId: vaultId.split('/')[2] ?? '' };
    if (covers(scope, place)) return new Set(); // the whole subscription is bound: nothing is hidden
    const items = await inner.listProtectedItems(vaultId);
    return new Set(items.filter((i) => !coversId(scope, i.vmId)).map((i) => i.vmName.toLowerCase()));
  };

  return {
    subscriptions: () => inner.subscriptions().filter((s) => touchesSubscription(scope, s)),
    ...(inner.subscriptionNames
      ? {
          subscriptionNames: async () =>
            Object.fromEntries(Object.entries(await inner.subscriptionNames!()).filter(([id]) => touchesSubscription(scope, id))),
        }
      : {}),
    listVirtualMachines: async (onPage) =>
      (await inner.listVirtualMachines(onPage && ((vms) => onPage(vms.filter((v) => coversId(scope, v.id)))))).filter((v) => coversId(scope, v.id)),
    // The VMs of the scope; a VM protected by a vault the channel may not see is still protected,
    // so it is no gap, but that vault is not named.
    ...(inner.listCoverage
      ? {
          listCoverage: async (subscriptionId: string) =>
            (await inner.listCoverage!(subscriptionId))
              .filter((v) => coversId(scope, v.id))
              .map((v) => (v.protection?.vaultId && !coversId(scope, v.protection.vaultId) ? { ...v, protection: { state: v.protection.state } } : v)),
        }
      : {}),
    getVirtualMachine: async (vmId) => {
      vm(vmId);
      return inner.getVirtualMachine(vmId);
    },
    ...(inner.getVirtualMachineProfile
      ? {
          getVirtualMachineProfile: async (vmId: string) => {
            vm(vmId);
            return inner.getVirtualMachineProfile!(vmId);
          },
        }
      : {}),
    // A channel reads the locks of groups it covers, and of the AzureBackupRG_* groups where Azure
    // Backup keeps its VMs' restore points (read-only facts about where its backups live).
    ...(inner.listLocks
      ? {
          listLocks: async (where: { subscriptionId: string; resourceGroup?: string }) => {
            if (where.resourceGroup && !covers(scope, { subscriptionId: where.subscriptionId, resourceGroup: where.resourceGroup }) && !/^AzureBackupRG_/i.test(where.resourceGroup)) {
              throw outOfScopeError(`Resource group ${where.resourceGroup}`, `/subscriptions/${where.subscriptionId}/resourceGroups/${where.resourceGroup}`);
            }
            const locks = await inner.listLocks!(where);
            return locks.filter((l) => !l.resourceGroup || /^AzureBackupRG_/i.test(l.resourceGroup) || covers(scope, { subscriptionId: l.subscriptionId, resourceGroup: l.resourceGroup }));
          },
        }
      : {}),
    listVaults: async (filter) => (await inner.listVaults(filter)).filter((v) => coversId(scope, v.id)),
    getVault: async (vaultId) => {
      vault(vaultId);
      return inner.getVault(vaultId);
    },
    checkVaultName: async (input) => {
      if (!covers(scope, input)) throw outOfScopeError(`A vault in resource group ${input.resourceGroup}`, `/subscriptions/${input.subscriptionId}/resourceGroups/${input.resourceGroup}`);
      return inner.checkVaultName(input);
    },
    createVault: async (input: CreateVaultInput, onProgress?: ProgressListener) => {
      if (!covers(scope, input)) throw outOfScopeError(`Vault ${input.name}`, `/subscriptions/${input.subscriptionId}/resourceGroups/${input.resourceGroup}`);
      return inner.createVault(input, onProgress);
    },
    getStorageRedundancy: async (vaultId) => {
      vault(vaultId);
      return inner.getStorageRedundancy(vaultId);
    },
    setStorageRedundancy: async (vaultId: string, redundancy: StorageRedundancy) => {
      vault(vaultId);
      return inner.setStorageRedundancy(vaultId, redundancy);
    },
    listPolicies: async (vaultId) => {
      vault(vaultId);
      return inner.listPolicies(vaultId);
    },
    getPolicy: async (vaultId, policyName) => {
      vault(vaultId);
      return inner.getPolicy(vaultId, policyName);
    },
    createPolicy: async (vaultId: string, definition: PolicyDefinition) => {
      vault(vaultId);
      return inner.createPolicy(vaultId, definition);
    },
    enableProtection: async (vaultId: string, policyName: string, vmIds: string[], onProgress?: ProgressListener) => {
      vault(vaultId);
      // VMs outside the scope are refused one by one, like any other VM that cannot be protected.
      const inside = vmIds.filter((id) => coversId(scope, id));
      const outcomes = inside.length ? await inner.enableProtection(vaultId, policyName, inside, onProgress) : [];
      return vmIds.map(
        (id): EnableProtectionOutcome =>
          outcomes.find((o) => o.vmId.toLowerCase() === id.toLowerCase()) ?? { vmId: id, ok: false, code: OUT_OF_SCOPE, reason: outOfScopeError(`VM ${nameOf(id)}`, id).message },
      );
    },
    listProtectedItems: async (vaultId) => {
      vault(vaultId);
      return (await inner.listProtectedItems(vaultId)).filter((i) => coversId(scope, i.vmId));
    },
    findProtectedItem: async (vmId) => {
      vm(vmId);
      const found = await inner.findProtectedItem(vmId);
      // Protected by a vault the channel may not see: the channel learns only that it is protected elsewhere.
      if (found && !coversId(scope, found.vaultId)) throw outOfScopeError(`The vault protecting ${nameOf(vmId)} (${nameOf(found.vaultId)})`, found.vaultId);
      return found;
    },
    backupNow: async (i: ProtectedItem, retainUntil: Date) => {
      item(i);
      return inner.backupNow(i, retainUntil);
    },
    getJob: async (vaultId, jobName) => {
      vault(vaultId);
      const job = await inner.getJob(vaultId, jobName);
      if ((await hiddenItemNames(vaultId)).has(job.entityFriendlyName.toLowerCase())) throw outOfScopeError(`The job of ${job.entityFriendlyName}`, vaultId);
      return job;
    },
    listJobs: async (vaultId: string, query?: JobQuery): Promise<BackupJob[]> => {
      vault(vaultId);
      const [jobs, hidden] = await Promise.all([inner.listJobs(vaultId, query), hiddenItemNames(vaultId)]);
      return jobs.filter((j) => !hidden.has(j.entityFriendlyName.toLowerCase()));
    },
    cancelJob: async (vaultId, jobName, options) => {
      vault(vaultId);
      const job = await inner.getJob(vaultId, jobName);
      if ((await hiddenItemNames(vaultId)).has(job.entityFriendlyName.toLowerCase())) throw outOfScopeError(`The job of ${job.entityFriendlyName}`, vaultId);
      return inner.cancelJob(vaultId, jobName, options);
    },
    listRecoveryPoints: async (i) => {
      item(i);
      return inner.listRecoveryPoints(i);
    },
    stopProtection: async (i, options) => {
      item(i);
      return inner.stopProtection(i, options);
    },
    assignPolicy: async (i, policyName) => {
      item(i);
      return inner.assignPolicy(i, policyName);
    },
    undeleteProtection: async (i) => {
      item(i);
      return inner.undeleteProtection(i);
    },
  };
}
