import { fail, ok, type RuleResult } from './errors';

/** Azure region names compare without case and spaces: "West Europe" and "westeurope" are one region. */
export function normalizeLocation(location: string): string {
  return (location ?? '').replace(/\s+/g, '').toLowerCase();
}

/** A vault serves VMs of its own region only. */
export function checkSameRegion(vmLocation: string, vaultLocation: string, vmName = 'The VM'): RuleResult<void> {
  if (normalizeLocation(vmLocation) === normalizeLocation(vaultLocation)) return ok(undefined);
  return fail(
    'vm',
    'VM_REGION_MISMATCH',
    `${vmName} is in ${normalizeLocation(vmLocation)} but the vault is in ${normalizeLocation(vaultLocation)}; a vault protects VMs of its own region only. Pick or create a vault in ${normalizeLocation(vmLocation)}.`,
  );
}
