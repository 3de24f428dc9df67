import { ARM_ERRORS } from '../backup/azure-error-catalog';
import { newVaultRecord } from '../backup/vault-factory';
import { ArmHttpError, isRecord, noContent, ok, type ArmRequest } from '../http/arm-http';
import type { AsyncOperation } from '../state/async-operations';
import type { StorageType, VaultRecord } from '../state/model';
import { vaultResourceId } from '../state/resource-ids';
import { pageOf } from '../wire/paging';
import { isoTime } from '../wire/wire-format';
import { vaultToWire } from '../wire/vault.wire';
import { asyncHeaders, selfUrl } from './async-urls';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { bodyOf, stringMap } from './request-body';
import { notFound, param, requireSubscription, requireVault } from './lookups';
import { isStorageLocked } from './storage-config.handlers';

/** Vault names: 2 to 50 characters, a letter first, then letters, digits and hyphens. */
const VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,49}$/;
const VAULT_NAME_RULE = 'Vault name must be 2 to 50 characters long, start with a letter and contain only letters, digits and hyphens.';

function vaultOperationUrls(req: ArmRequest, vault: VaultRecord, op: AsyncOperation) {
  return {
    asyncOperation: selfUrl(req, `${vault.id}/operationStatus/${op.id}`),
    location: selfUrl(req, `${vault.id}/operationResults/${op.id}`),
  };
}

function sameNameElsewhere(ctx: EmulatorContext, subscriptionId: string, name: string, id: string): VaultRecord | undefined {
  return ctx.store
    .vaultsInSubscription(subscriptionId)
    .find((v) => v.name.toLowerCase() === name.toLowerCase() && v.id.toLowerCase() !== id.toLowerCase());
}

function redundancyOf(body: Record<string, unknown>): StorageType | undefined {
  const properties = isRecord(body.properties) ? body.properties : {};
  const redundancy = isRecord(properties.redundancySettings) ? properties.redundancySettings.standardTierStorageRedundancy : undefined;
  return redundancy === 'GeoRedundant' || redundancy === 'LocallyRedundant' || redundancy === 'ZoneRedundant' ? redundancy : undefined;
}

/** Applies PUT/PATCH properties that the emulator keeps; refuses a redundancy change on a locked vault. */
function applyVaultChanges(ctx: EmulatorContext, vault: VaultRecord, body: Record<string, unknown>): void {
  const redundancy = redundancyOf(body);
  if (redundancy && redundancy !== vault.storageType) {
    if (isStorageLocked(ctx, vault)) throw errorFrom(ARM_ERRORS.storageTypeLocked);
    vault.storageType = redundancy;
  }
  const tags = stringMap(body.tags);
  if (tags) vault.tags = tags;
  const properties = isRecord(body.properties) ? body.properties : {};
  if (typeof properties.publicNetworkAccess === 'string') vault.publicNetworkAccess = properties.publicNetworkAccess;
  const redundancySettings = isRecord(properties.redundancySettings) ? properties.redundancySettings : {};
  if (typeof redundancySettings.crossRegionRestore === 'string') vault.crossRegionRestore = redundancySettings.crossRegionRestore === 'Enabled';
  vault.updatedAt = ctx.clock.now();
}

export function errorFrom(spec: { status: number; code: string; message: string }, detail?: string): ArmHttpError {
  return new ArmHttpError(spec.status, spec.code, detail ? `${spec.message} ${detail}` : spec.message);
}

/** Finds an operation of a vault; a vault that was deleted meanwhile still answers for its delete operation. */
function vaultOperation(req: ArmRequest, ctx: EmulatorContext): { op: AsyncOperation; vaultId: string } {
  const subscriptionId = requireSubscription(req, ctx);
  const vaultId = vaultResourceId(subscriptionId, param(req, 'resourceGroupName'), param(req, 'vaultName'));
  const op = ctx.ops.find(param(req, 'operationId'), vaultId);
  // Backup operations live under the vault too, but have their own endpoints.
  if (!op || !op.kind.startsWith('vault-')) throw notFound('Microsoft.RecoveryServices/vaults/operationStatus', param(req, 'operationId'));
  return { op: ctx.ops.poll(op), vaultId };
}

function runningHeaders(req: ArmRequest, ctx: EmulatorContext, vaultId: string, op: AsyncOperation): Record<string, string> {
  return asyncHeaders(ctx, {
    asyncOperation: selfUrl(req, `${vaultId}/operationStatus/${op.id}`),
    location: selfUrl(req, `${vaultId}/operationResults/${op.id}`),
  });
}

/** Recovery Services vaults (2026-07-01): CRUD as long-running operations, listing, name check. */
export const vaultHandlers: HandlerTable = {
  Vaults_ListBySubscriptionId: (req, ctx) => {
    const vaults = ctx.store.vaultsInSubscription(requireSubscription(req, ctx));
    return ok(pageOf(req, vaults, ctx.settings.listPageSize, vaultToWire));
  },

  Vaults_ListByResourceGroup: (req, ctx) => {
    const rg = param(req, 'resourceGroupName').toLowerCase();
    const vaults = ctx.store.vaultsInSubscription(requireSubscription(req, ctx)).filter((v) => v.resourceGroup.toLowerCase() === rg);
    return ok(pageOf(req, vaults, ctx.settings.listPageSize, vaultToWire));
  },

  Vaults_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    // A client polling the resource itself (no async header) moves a pending create along.
    for (const op of ctx.ops.pendingFor(vault.id)) ctx.ops.poll(op);
    return ok(vaultToWire(vault));
  },

  Vaults_CreateOrUpdate: (req, ctx) => {
    const subscriptionId = requireSubscription(req, ctx);
    const resourceGroup = param(req, 'resourceGroupName');
    const name = param(req, 'vaultName');
    if (!VAULT_NAME.test(name)) throw new ArmHttpError(400, 'InvalidResourceName', `Resource name '${name}' is invalid. ${VAULT_NAME_RULE}`, 'vaultName');
    const id = vaultResourceId(subscriptionId, resourceGroup, name);
    const body = bodyOf(req);
    const existing = ctx.store.vault(id);
    if (existing) {
      applyVaultChanges(ctx, existing, body);
      return ok(vaultToWire(existing), 200);
    }
    const clash = sameNameElsewhere(ctx, subscriptionId, name, id);
    if (clash) {
      throw new ArmHttpError(409, 'Conflict', `Resource already exists with the same name. A vault named '${clash.name}' exists in resource group '${clash.resourceGroup}' of this subscription; vault names are unique in a subscription.`);
    }
    const identity = isRecord(body.identity) ? body.identity : {};
    const properties = isRecord(body.properties) ? body.properties : {};
    const vault = newVaultRecord({
      subscriptionId,
      resourceGroup,
      name,
      location: String(body.location ?? ''),
      now: ctx.clock.now(),
      tags: stringMap(body.tags),
      storageType: redundancyOf(body),
      identityType: typeof identity.type === 'string' ? identity.type : undefined,
      publicNetworkAccess: typeof properties.publicNetworkAccess === 'string' ? properties.publicNetworkAccess : undefined,
    });
    vault.provisioningState = 'Provisioning';
    ctx.store.addVault(vault);
    const op = ctx.ops.create({
      kind: 'vault-create',
      scope: vault.id,
      completeAfterMs: ctx.settings.shortOperationMs,
      onComplete: () => {
        vault.provisioningState = 'Succeeded';
      },
    });
    return ok(vaultToWire(vault), 201, asyncHeaders(ctx, vaultOperationUrls(req, vault, op)));
  },

  Vaults_Update: (req, ctx) => {
    const vault = requireVault(req, ctx);
    applyVaultChanges(ctx, vault, bodyOf(req));
    const op = ctx.ops.create({ kind: 'vault-update', scope: vault.id, completeAfterMs: ctx.settings.shortOperationMs });
    return { status: 202, headers: asyncHeaders(ctx, vaultOperationUrls(req, vault, op)) };
  },

  Vaults_Delete: (req, ctx) => {
    const subscriptionId = requireSubscription(req, ctx);
    const vault = ctx.store.vault(vaultResourceId(subscriptionId, param(req, 'resourceGroupName'), param(req, 'vaultName')));
    // ARM deletes are idempotent: deleting what is not there answers 204.
    if (!vault) return noContent();
    const items = ctx.store.itemsInVault(vault.id);
    if (items.length > 0) {
      throw errorFrom(ARM_ERRORS.vaultNotEmpty, `Protected items: ${items.map((i) => i.vmName).join(', ')}.`);
    }
    vault.provisioningState = 'Deleting';
    const op = ctx.ops.create({
      kind: 'vault-delete',
      scope: vault.id,
      completeAfterMs: ctx.settings.shortOperationMs,
      onComplete: () => ctx.store.removeVault(vault),
    });
    return { status: 202, headers: asyncHeaders(ctx, vaultOperationUrls(req, vault, op)) };
  },

  RecoveryServices_CheckNameAvailability: (req, ctx) => {
    const subscriptionId = requireSubscription(req, ctx);
    const body = bodyOf(req);
    const name = String(body.name ?? '');
    if (!VAULT_NAME.test(name)) return ok({ nameAvailable: false, reason: 'Invalid', message: VAULT_NAME_RULE });
    const taken = ctx.store.vaultsInSubscription(subscriptionId).some((v) => v.name.toLowerCase() === name.toLowerCase());
    return ok(taken ? { nameAvailable: false, reason: 'AlreadyExists', message: 'Resource already exists with the same name.' } : { nameAvailable: true });
  },

  GetOperationStatus: (req, ctx) => {
    const { op, vaultId } = vaultOperation(req, ctx);
    const body: Record<string, unknown> = {
      id: `${vaultId}/operationStatus/${op.id}`,
      name: op.id,
      status: op.done ? op.outcome.status : 'InProgress',
      startTime: isoTime(op.startTime),
    };
    if (!op.done) return ok(body, 200, runningHeaders(req, ctx, vaultId, op)); // real traffic repeats them while running
    if (op.endTime !== undefined) body.endTime = isoTime(op.endTime);
    if (op.outcome.status === 'Failed') body.error = op.outcome.error;
    return ok(body);
  },

  GetOperationResult: (req, ctx) => {
    const { op, vaultId } = vaultOperation(req, ctx);
    if (!op.done) return { status: 202, headers: runningHeaders(req, ctx, vaultId, op) };
    if (op.outcome.status === 'Failed') return { status: 400, body: { error: op.outcome.error } };
    const vault = ctx.store.vault(vaultId);
    if (op.kind === 'vault-delete' || !vault) return noContent();
    return ok(vaultToWire(vault));
  },
};
