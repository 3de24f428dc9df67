import { ARM_ERRORS, fillMessage } from '../backup/azure-error-catalog';
import { DEFAULT_ADHOC_RETENTION_MS, latestAdhocExpiry } from '../backup/backup-engine';
import { ArmHttpError, isRecord, noContent, ok, queryParam, type ArmRequest, type ArmResponse } from '../http/arm-http';
import type { AsyncOperation } from '../state/async-operations';
import type { JobRecord, ProtectedItemRecord, VaultRecord } from '../state/model';
import { parsePolicyId, parseVmId } from '../state/resource-ids';
import { normalizeLocation } from '../state/vm-inventory';
import { protectableItemToWire, protectedItemToWire } from '../wire/backup.wire';
import { clauseValue, parseFilter, type FilterClause } from '../wire/odata-filter';
import { pageOf } from '../wire/paging';
import { operationStatusWire } from '../wire/operation-status.wire';
import { asyncHeaders, selfUrl } from './async-urls';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { notFound, param, parseItemPath, requireAzureFabric, requireItem, requireSubscription, requireVault } from './lookups';
import { errorFrom } from './vault.handlers';

function itemPath(vault: VaultRecord, item: ProtectedItemRecord): string {
  return `${vault.id}/backupFabrics/Azure/protectionContainers/${item.containerName}/protectedItems/${item.itemName}`;
}

function itemOperationHeaders(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord, item: ProtectedItemRecord, op: AsyncOperation) {
  const base = itemPath(vault, item);
  return asyncHeaders(ctx, {
    asyncOperation: selfUrl(req, `${base}/operationsStatus/${op.id}`),
    location: selfUrl(req, `${base}/operationResults/${op.id}`),
  });
}

function itemToWire(ctx: EmulatorContext, vault: VaultRecord, item: ProtectedItemRecord) {
  return protectedItemToWire(vault, item, ctx.engine.liveRecoveryPoints(item), ctx.clock.now());
}

function filterOrFail(req: ArmRequest): FilterClause[] {
  const clauses = parseFilter(queryParam(req, '$filter'));
  if (!clauses) throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The $filter '${queryParam(req, '$filter')}' is not valid.`);
  return clauses;
}

function isIaasVmFilter(clauses: FilterClause[]): boolean {
  const type = clauseValue(clauses, 'backupManagementType');
  return type === undefined || type.toLowerCase() === 'azureiaasvm';
}

/** OperationStatus of a protection operation, with its error once failed and its job. */
function operationStatusBody(op: AsyncOperation, withJob: boolean): Record<string, unknown> {
  const body = operationStatusWire(op);
  if (op.done && op.outcome.status === 'Failed') body.error = op.outcome.error;
  if (withJob && op.jobIds.length > 0) body.properties = { objectType: 'OperationStatusJobExtendedInfo', jobId: op.jobIds[0] };
  return body;
}

/** ARM: the result URL of a failed operation answers with the error (4xx) instead of the resource. */
export function failedOperation(op: AsyncOperation): ArmResponse {
  const error = op.outcome.status === 'Failed' ? op.outcome.error : { code: 'OperationFailed', message: 'The operation failed.' };
  return { status: 400, body: { error } };
}

/** The configure operation mirrors its job: it fails when the job fails (no VM agent). */
function completeWithJob(ctx: EmulatorContext, op: AsyncOperation, job: JobRecord): void {
  op.onComplete = () => {
    ctx.engine.finishConfigure(job);
    const error = job.errors[0];
    if (job.status === 'Failed' && error) op.outcome = { status: 'Failed', error: { code: error.code, message: error.message } };
  };
}

function enableProtection(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord, properties: Record<string, unknown>): ArmResponse {
  const { resourceGroup, vmName } = parseItemPath(req);
  const source = typeof properties.sourceResourceId === 'string' ? parseVmId(properties.sourceResourceId) : undefined;
  const vm = ctx.vms.find(vault.subscriptionId, resourceGroup, vmName);
  if (!vm || !source || source.resourceGroup.toLowerCase() !== resourceGroup.toLowerCase() || source.name.toLowerCase() !== vmName.toLowerCase()) {
    throw errorFrom(ARM_ERRORS.invalidConfigureProtection, 'Please ensure that container exists and other parameters are in valid format: sourceResourceId must be the VM the container and item names designate, in the vault\'s subscription.');
  }
  const policyRef = parsePolicyId(String(properties.policyId));
  const policy = policyRef && policyRef.vaultId.toLowerCase() === vault.id.toLowerCase() ? vault.policies.get(policyRef.policyName.toLowerCase()) : undefined;
  if (!policy) {
    throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The policy '${String(properties.policyId)}' does not exist in vault '${vault.name}'.`, 'properties.policyId');
  }
  if (normalizeLocation(vm.location) !== normalizeLocation(vault.location)) {
    throw errorFrom(ARM_ERRORS.invalidConfigureProtection, `The virtual machine '${vm.name}' is in region '${vm.location}' and the vault '${vault.name}' in '${vault.location}'; a vault protects virtual machines of its own region only.`);
  }
  const current = ctx.store.itemForVm(vm.id);
  if (current && current.vaultId.toLowerCase() !== vault.id.toLowerCase()) throw errorFrom(ARM_ERRORS.vmProtectedElsewhere);
  if (current && ctx.engine.isBusy(vault, current)) throw errorFrom(ARM_ERRORS.itemBusy);
  const { item, job } = ctx.engine.configureProtection(vault, vm, policy.name);
  const op = ctx.ops.create({ kind: 'configure-protection', scope: itemPath(vault, item), jobIds: [job.name], completeAfterMs: ctx.settings.configureJobDurationMs });
  completeWithJob(ctx, op, job);
  return { status: 202, headers: itemOperationHeaders(req, ctx, vault, item, op) };
}

function stopProtection(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): ArmResponse {
  const item = requireItem(req, ctx, vault);
  if (ctx.engine.isBusy(vault, item)) throw errorFrom(ARM_ERRORS.itemBusy);
  const job = ctx.engine.stopProtection(vault, item);
  const op = ctx.ops.create({ kind: 'configure-protection', scope: itemPath(vault, item), jobIds: [job.name], completeAfterMs: ctx.settings.shortOperationMs });
  return { status: 202, headers: itemOperationHeaders(req, ctx, vault, item, op) };
}

/** Undelete (az backup protection undelete): a PUT with isRehydrate true of a soft-deleted item. */
function undeleteProtection(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): ArmResponse {
  const item = requireItem(req, ctx, vault);
  if (!ctx.engine.isSoftDeleted(item)) {
    throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The backup item '${item.vmName}' is not soft-deleted; only a soft-deleted item can be undeleted (isRehydrate).`, 'properties.isRehydrate');
  }
  const job = ctx.engine.undelete(vault, item);
  const op = ctx.ops.create({ kind: 'configure-protection', scope: itemPath(vault, item), jobIds: [job.name], completeAfterMs: ctx.settings.shortOperationMs });
  return { status: 202, headers: itemOperationHeaders(req, ctx, vault, item, op) };
}

/** A soft-deleted item takes no change but undelete. */
function refuseIfSoftDeleted(ctx: EmulatorContext, vault: VaultRecord, item: ProtectedItemRecord | undefined): void {
  if (item && item.vaultId.toLowerCase() === vault.id.toLowerCase() && ctx.engine.isSoftDeleted(item)) {
    const spec = ARM_ERRORS.itemSoftDeleted;
    throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { item: item.vmName }));
  }
}

function requireItemOperation(req: ArmRequest, ctx: EmulatorContext): { vault: VaultRecord; op: AsyncOperation } {
  const vault = requireVault(req, ctx);
  const { resourceGroup, vmName } = parseItemPath(req);
  const scope = `${vault.id}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;${resourceGroup};${vmName}/`;
  const op = ctx.ops.find(param(req, 'operationId'), scope);
  if (!op) throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/operationResults', param(req, 'operationId'));
  return { vault, op: ctx.ops.poll(op) };
}

function requireVaultOperation(req: ArmRequest, ctx: EmulatorContext): AsyncOperation {
  const vault = requireVault(req, ctx);
  const op = ctx.ops.find(param(req, 'operationId'), vault.id);
  if (!op || op.kind !== 'delete-item') throw notFound('Microsoft.RecoveryServices/vaults/backupOperations', param(req, 'operationId'));
  return ctx.ops.poll(op);
}

/** Discovery, protectable VMs, protected items (enable / stop / delete), backup now, backup status. */
export const protectionHandlers: HandlerTable = {
  ProtectionContainers_Refresh: (req, ctx) => {
    const vault = requireVault(req, ctx);
    requireAzureFabric(req);
    const op = ctx.ops.create({
      kind: 'refresh-containers',
      scope: `${vault.id}/backupFabrics/Azure`,
      completeAfterMs: ctx.settings.shortOperationMs,
      onComplete: () => {
        vault.discoveredAt = ctx.clock.now();
      },
    });
    // Location only, no Azure-AsyncOperation (RefreshContainers.json).
    return { status: 202, headers: asyncHeaders(ctx, { location: selfUrl(req, `${vault.id}/backupFabrics/Azure/operationResults/${op.id}`) }) };
  },

  ProtectionContainerRefreshOperationResults_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    requireAzureFabric(req);
    const op = ctx.ops.find(param(req, 'operationId'), `${vault.id}/backupFabrics/Azure`);
    if (!op || op.kind !== 'refresh-containers') throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics/operationResults', param(req, 'operationId'));
    ctx.ops.poll(op);
    if (op.done) return noContent();
    return { status: 202, headers: asyncHeaders(ctx, { location: selfUrl(req, `${vault.id}/backupFabrics/Azure/operationResults/${op.id}`) }) };
  },

  BackupProtectableItems_List: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const clauses = filterOrFail(req);
    // Only VMs discovered by a refresh, in the vault's region, and protected nowhere.
    const vms =
      vault.discoveredAt !== undefined && isIaasVmFilter(clauses)
        ? ctx.vms.inLocation(vault.subscriptionId, vault.location).filter((vm) => !ctx.store.itemForVm(vm.id))
        : [];
    return ok(pageOf(req, vms, ctx.settings.listPageSize, (vm) => protectableItemToWire(vault, vm)));
  },

  BackupProtectedItems_List: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const clauses = filterOrFail(req);
    const itemType = clauseValue(clauses, 'itemType');
    const policyName = clauseValue(clauses, 'policyName')?.toLowerCase();
    const friendlyName = clauseValue(clauses, 'friendlyName')?.toLowerCase();
    const items =
      isIaasVmFilter(clauses) && (itemType === undefined || itemType.toLowerCase() === 'vm')
        ? ctx.store
            .itemsInVault(vault.id)
            .filter((i) => (policyName === undefined || i.policyName?.toLowerCase() === policyName) && (friendlyName === undefined || i.vmName.toLowerCase() === friendlyName))
        : [];
    return ok(pageOf(req, items, ctx.settings.listPageSize, (i) => itemToWire(ctx, vault, i)));
  },

  ProtectedItems_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    return ok(itemToWire(ctx, vault, requireItem(req, ctx, vault)));
  },

  ProtectedItems_CreateOrUpdate: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const properties = isRecord(req.body) && isRecord(req.body.properties) ? req.body.properties : {};
    if (String(properties.protectedItemType).toLowerCase() !== 'microsoft.compute/virtualmachines') {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, 'The emulator protects Azure VMs only (protectedItemType Microsoft.Compute/virtualMachines).', 'properties.protectedItemType');
    }
    if (properties.isRehydrate === true) return undeleteProtection(req, ctx, vault);
    const { resourceGroup, vmName } = parseItemPath(req);
    refuseIfSoftDeleted(ctx, vault, ctx.store.item(vault.id, `VM;iaasvmcontainerv2;${resourceGroup};${vmName}`));
    if (properties.protectionState === 'ProtectionStopped') return stopProtection(req, ctx, vault);
    if (typeof properties.policyId === 'string' && properties.policyId.trim() !== '') return enableProtection(req, ctx, vault, properties);
    // An empty policyId also stops protection (backup-azure-arm-userestapi-backupazurevms.md).
    if (properties.policyId === '') return stopProtection(req, ctx, vault);
    throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, 'A policyId (to protect) or protectionState ProtectionStopped (to stop protection) is required.', 'properties.policyId');
  },

  ProtectedItems_Delete: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const item = requireItem(req, ctx, vault);
    refuseIfSoftDeleted(ctx, vault, item);
    const job = ctx.engine.deleteProtection(vault, item);
    const op = ctx.ops.create({ kind: 'delete-item', scope: vault.id, jobIds: [job.name], completeAfterMs: ctx.settings.shortOperationMs });
    return {
      status: 202,
      headers: asyncHeaders(ctx, {
        asyncOperation: selfUrl(req, `${vault.id}/backupOperations/${op.id}`),
        location: selfUrl(req, `${vault.id}/backupOperationResults/${op.id}`),
      }),
    };
  },

  Backups_Trigger: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const item = requireItem(req, ctx, vault);
    const properties = isRecord(req.body) && isRecord(req.body.properties) ? req.body.properties : {};
    if (item.protectionState === 'ProtectionStopped') {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `Protection of '${item.vmName}' is stopped; resume protection before taking a backup.`);
    }
    const now = ctx.clock.now();
    const requested = typeof properties.recoveryPointExpiryTimeInUTC === 'string' ? Date.parse(properties.recoveryPointExpiryTimeInUTC) : undefined;
    if (requested !== undefined && requested <= now) {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, 'recoveryPointExpiryTimeInUTC must be in the future.', 'properties.recoveryPointExpiryTimeInUTC');
    }
    const latest = latestAdhocExpiry(now);
    if (requested !== undefined && requested > latest) {
      const spec = ARM_ERRORS.adhocRetentionTooLong;
      const message = fillMessage(spec.message, { expiry: String(properties.recoveryPointExpiryTimeInUTC), latest: new Date(latest).toISOString() });
      throw new ArmHttpError(spec.status, spec.code, message, 'properties.recoveryPointExpiryTimeInUTC');
    }
    const job = ctx.engine.startBackup(vault, item, { expiry: requested ?? now + DEFAULT_ADHOC_RETENTION_MS, userTriggered: true });
    if (!job) throw errorFrom(ARM_ERRORS.itemBusy);
    const op = ctx.ops.create({ kind: 'backup', scope: itemPath(vault, item), jobIds: [job.name], completeAfterMs: ctx.settings.shortOperationMs });
    return { status: 202, headers: itemOperationHeaders(req, ctx, vault, item, op) };
  },

  ProtectedItemOperationStatuses_Get: (req, ctx) => {
    const { op } = requireItemOperation(req, ctx);
    return ok(operationStatusBody(op, true));
  },

  ProtectedItemOperationResults_Get: (req, ctx) => {
    const { vault, op } = requireItemOperation(req, ctx);
    const { resourceGroup, vmName } = parseItemPath(req);
    const item = ctx.store.item(vault.id, `VM;iaasvmcontainerv2;${resourceGroup};${vmName}`);
    if (!op.done) {
      return { status: 202, headers: item ? itemOperationHeaders(req, ctx, vault, item, op) : asyncHeaders(ctx, {}) };
    }
    if (op.outcome.status === 'Failed') return failedOperation(op);
    if (op.kind === 'configure-protection' && item) return ok(itemToWire(ctx, vault, item));
    return noContent();
  },

  BackupOperationStatuses_Get: (req, ctx) => ok(operationStatusBody(requireVaultOperation(req, ctx), true)),

  BackupOperationResults_Get: (req, ctx) => {
    const op = requireVaultOperation(req, ctx);
    if (op.done) return noContent();
    const vault = requireVault(req, ctx);
    return {
      status: 202,
      headers: asyncHeaders(ctx, {
        asyncOperation: selfUrl(req, `${vault.id}/backupOperations/${op.id}`),
        location: selfUrl(req, `${vault.id}/backupOperationResults/${op.id}`),
      }),
    };
  },

  BackupStatus_Get: (req, ctx) => {
    requireSubscription(req, ctx);
    const body = isRecord(req.body) ? req.body : {};
    const resourceId = typeof body.resourceId === 'string' ? body.resourceId : '';
    const item = ctx.store.itemForVm(resourceId);
    const vault = item ? ctx.store.vault(item.vaultId) : undefined;
    if (!item || !vault) return ok({ protectionStatus: 'NotProtected' });
    return ok({
      protectionStatus: 'Protected',
      vaultId: vault.id,
      fabricName: 'Azure',
      containerName: `iaasvmcontainer;iaasvmcontainerv2;${item.vmResourceGroup};${item.vmName}`,
      protectedItemName: `vm;iaasvmcontainerv2;${item.vmResourceGroup};${item.vmName}`,
      ...(item.policyName ? { policyName: item.policyName } : {}),
      errorCode: 'Success',
      errorMessage: '',
    });
  },
};
