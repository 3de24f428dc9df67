/**
 * Slack caps an option's value at 150 characters, and ARM ids (a VM's or a vault's) can be
 * longer. Option values are therefore written in a compact form for the two resource types the
 * bot offers in menus, and read back to the full ARM id when a form is submitted.
 *
 *   /subscriptions/S/resourceGroups/R/providers/Microsoft.Compute/virtualMachines/N  ->  ~vm/S/R/N
 *   /subscriptions/S/resourceGroups/R/providers/Microsoft.RecoveryServices/vaults/N  ->  ~rsv/S/R/N
 *
 * Any other value is kept as it is. Names, groups and subscription ids never contain '/'.
 */
const TYPES: Record<string, string> = {
  vm: 'Microsoft.Compute/virtualMachines',
  rsv: 'Microsoft.RecoveryServices/vaults',
};
const SHORT_OF: Record<string, string> = Object.fromEntries(Object.entries(TYPES).map(([short, long]) => [long.toLowerCase(), short]));
const ARM = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)$/i;
const COMPACT = /^~([a-z]+)\/([^/]+)\/([^/]+)\/([^/]+)$/;

export function encodeOptionValue(value: string): string {
  const m = ARM.exec(value);
  const short = m ? SHORT_OF[m[3].toLowerCase()] : undefined;
  if (!m || short === undefined) return value;
  return `~${short}/${m[1]}/${m[2]}/${m[4]}`;
}

export function decodeOptionValue(value: string): string {
  const m = COMPACT.exec(value);
  const type = m ? TYPES[m[1]] : undefined;
  if (!m || type === undefined) return value;
  return `/subscriptions/${m[2]}/resourceGroups/${m[3]}/providers/${type}/${m[4]}`;
}
