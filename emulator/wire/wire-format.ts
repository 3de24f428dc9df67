/** Small formatting helpers for Azure's wire values. */

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** .NET TimeSpan as ISO 8601 duration, the way the Backup RP writes job durations (PT12.4272909S). */
export function isoDuration(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total % 60) * 1000) / 1000;
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  out += `${seconds}S`;
  return out;
}

/** Vault etags look like W/"datetime'2017-12-15T12%3A36%3A51.68Z'". */
export function vaultEtag(ms: number): string {
  return `W/"datetime'${encodeURIComponent(isoTime(ms))}'"`;
}
