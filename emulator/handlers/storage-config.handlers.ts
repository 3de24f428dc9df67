import { ARM_ERRORS } from '../backup/azure-error-catalog';
import { ArmHttpError, isRecord, noContent, ok, type ArmRequest } from '../http/arm-http';
import type { StorageType, VaultRecord } from '../state/model';
import { storageConfigToWire } from '../wire/backup.wire';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { requireVault } from './lookups';

/** Storage replication locks once the vault holds a protected item (stopped items with data count). */
export function isStorageLocked(ctx: EmulatorContext, vault: VaultRecord): boolean {
  return ctx.store.itemsInVault(vault.id).length > 0;
}

const STORAGE_TYPES: readonly StorageType[] = ['GeoRedundant', 'LocallyRedundant', 'ZoneRedundant', 'ReadAccessGeoZoneRedundant'];

function applyStorageConfig(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): void {
  const properties = isRecord(req.body) && isRecord(req.body.properties) ? req.body.properties : {};
  const wanted = STORAGE_TYPES.find((t) => t.toLowerCase() === String(properties.storageType ?? properties.storageModelType ?? '').toLowerCase());
  if (wanted && wanted !== vault.storageType) {
    if (isStorageLocked(ctx, vault)) {
      const spec = ARM_ERRORS.storageTypeLocked;
      throw new ArmHttpError(spec.status, spec.code, spec.message);
    }
    vault.storageType = wanted;
  }
  if (typeof properties.crossRegionRestoreFlag === 'boolean') vault.crossRegionRestore = properties.crossRegionRestoreFlag;
  vault.updatedAt = ctx.clock.now();
}

/** backupstorageconfig/vaultstorageconfig: the vault's backup storage replication (GRS by default). */
export const storageConfigHandlers: HandlerTable = {
  BackupResourceStorageConfigsNonCRR_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    return ok(storageConfigToWire(vault, isStorageLocked(ctx, vault)));
  },

  BackupResourceStorageConfigsNonCRR_Update: (req, ctx) => {
    const vault = requireVault(req, ctx);
    applyStorageConfig(req, ctx, vault);
    return ok(storageConfigToWire(vault, isStorageLocked(ctx, vault)));
  },

  BackupResourceStorageConfigsNonCRR_patch: (req, ctx) => {
    const vault = requireVault(req, ctx);
    applyStorageConfig(req, ctx, vault);
    return noContent();
  },
};
