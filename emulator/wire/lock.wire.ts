import type { LockRecord } from '../state/locks';

/** A lock as Microsoft.Authorization 2020-05-01 returns it (ManagementLocks_ListAtResourceGroupLevel.json shape). */
export function lockToWire(lock: LockRecord): Record<string, unknown> {
  return {
    properties: { level: lock.level, ...(lock.notes !== undefined ? { notes: lock.notes } : {}) },
    id: lock.id,
    type: 'Microsoft.Authorization/locks',
    name: lock.name,
  };
}
