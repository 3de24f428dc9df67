import { ArmHttpError, isRecord, ok, type ArmRequest } from '../http/arm-http';
import type { VaultRecord } from '../state/model';
import { ARM_ERRORS } from '../backup/azure-error-catalog';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { requireVault } from './lookups';

/** backupconfig/vaultconfig as BackupResourceVaultConfigs_Put.json shows it. */
function vaultConfigToWire(vault: VaultRecord): Record<string, unknown> {
  return {
    id: `${vault.id}/backupconfig/vaultconfig`,
    name: 'vaultconfig',
    type: 'Microsoft.RecoveryServices/vaults/backupconfig',
    properties: {
      enhancedSecurityState: 'Enabled',
      softDeleteFeatureState: vault.softDeleteFeatureState,
    },
  };
}

const SOFT_DELETE_STATES = ['Enabled', 'Disabled'] as const;

function applyVaultConfig(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): void {
  const properties = isRecord(req.body) && isRecord(req.body.properties) ? req.body.properties : {};
  if (properties.softDeleteFeatureState === undefined) return;
  const wanted = SOFT_DELETE_STATES.find((s) => s.toLowerCase() === String(properties.softDeleteFeatureState).toLowerCase());
  if (!wanted) {
    throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `softDeleteFeatureState '${String(properties.softDeleteFeatureState)}' is not supported here: use Enabled or Disabled.`, 'properties.softDeleteFeatureState');
  }
  vault.softDeleteFeatureState = wanted;
  vault.updatedAt = ctx.clock.now();
}

/** backupconfig/vaultconfig: the vault's soft delete setting (on by default). */
export const vaultConfigHandlers: HandlerTable = {
  BackupResourceVaultConfigs_Get: (req, ctx) => ok(vaultConfigToWire(requireVault(req, ctx))),

  BackupResourceVaultConfigs_Update: (req, ctx) => {
    const vault = requireVault(req, ctx);
    applyVaultConfig(req, ctx, vault);
    return ok(vaultConfigToWire(vault));
  },

  BackupResourceVaultConfigs_Put: (req, ctx) => {
    const vault = requireVault(req, ctx);
    applyVaultConfig(req, ctx, vault);
    return ok(vaultConfigToWire(vault));
  },
};
