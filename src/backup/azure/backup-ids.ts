/**
 * Ids nested under a Recovery Services vault (protected items, jobs, policies). Top-level ids
 * are parsed by src/domain/azure-ids; these helpers only cut nested ids at known segments.
 */
const VAULT_PREFIX = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+)/i;
// The fabric segment is optional: list answers (BackupProtectedItems_List.json) omit backupFabrics/Azure.
const PROTECTED_ITEM = /(?:\/backupFabrics\/([^/]+))?\/protectionContainers\/([^/]+)\/protectedItems\/([^/]+)/i;

/** The vault id a nested backup id starts with, or undefined. */
export function vaultIdOf(nestedId: string): string | undefined {
  return VAULT_PREFIX.exec(nestedId ?? '')?.[1];
}

export interface ProtectedItemIdParts {
  vaultId: string;
  fabricName: string;
  containerName: string;
  itemName: string;
}

/** Parts of a protected item id: .../vaults/{v}/backupFabrics/{f}/protectionContainers/{c}/protectedItems/{i}. */
export function parseProtectedItemId(id: string): ProtectedItemIdParts | undefined {
  const vaultId = vaultIdOf(id);
  const m = PROTECTED_ITEM.exec(id ?? '');
  if (!vaultId || !m) return undefined;
  return { vaultId, fabricName: m[1] ? decodeURIComponent(m[1]) : 'Azure', containerName: decodeURIComponent(m[2]), itemName: decodeURIComponent(m[3]) };
}

/** The last segment of an id: a policy's name from its id, a VM's name from its id. */
export function lastSegment(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const trimmed = id.replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last || undefined;
}
