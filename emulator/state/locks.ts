/** A management lock (Microsoft.Authorization/locks) on a resource group. */
export interface LockRecord {
  /** /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Authorization/locks/{name} */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  level: 'NotSpecified' | 'CanNotDelete' | 'ReadOnly';
  notes?: string;
}

/**
 * The management locks of every subscription, at resource group level (the only level the bot
 * reads). Names are case-insensitive in ARM; a lock keeps the casing it was created with.
 */
export class ManagementLocks {
  private readonly byKey = new Map<string, LockRecord>();

  put(lock: Omit<LockRecord, 'id'>): { lock: LockRecord; created: boolean } {
    const k = key(lock.subscriptionId, lock.resourceGroup, lock.name);
    const existing = this.byKey.get(k);
    const record: LockRecord = { ...lock, id: existing?.id ?? lockId(lock.subscriptionId, lock.resourceGroup, lock.name) };
    this.byKey.set(k, record);
    return { lock: record, created: !existing };
  }

  get(subscriptionId: string, resourceGroup: string, name: string): LockRecord | undefined {
    return this.byKey.get(key(subscriptionId, resourceGroup, name));
  }

  delete(subscriptionId: string, resourceGroup: string, name: string): boolean {
    return this.byKey.delete(key(subscriptionId, resourceGroup, name));
  }

  inResourceGroup(subscriptionId: string, resourceGroup: string): LockRecord[] {
    const prefix = `${subscriptionId}/${resourceGroup}/`.toLowerCase();
    return [...this.byKey.entries()].filter(([k]) => k.startsWith(prefix)).map(([, lock]) => lock);
  }

  inSubscription(subscriptionId: string): LockRecord[] {
    const prefix = `${subscriptionId}/`.toLowerCase();
    return [...this.byKey.entries()].filter(([k]) => k.startsWith(prefix)).map(([, lock]) => lock);
  }

  /**
   * Whether a CanNotDelete or ReadOnly lock sits on one of the AzureBackupRG_<geo>_<n> groups of
   * that region, where Azure Backup keeps restore point collections: their cleanup then fails.
   */
  restorePointGroupLocked(subscriptionId: string, location: string): boolean {
    const pattern = restorePointGroupPattern(location);
    return this.inSubscription(subscriptionId).some((l) => l.level !== 'NotSpecified' && pattern.test(l.resourceGroup));
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** AzureBackupRG_<geo>_<number>, the naming Azure Backup uses for its restore point groups. */
export function restorePointGroupPattern(location: string): RegExp {
  return new RegExp(`^AzureBackupRG_${location.replace(/\s+/g, '').replace(/[^A-Za-z0-9]/g, '')}_\\d+$`, 'i');
}

export function lockId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Authorization/locks/${name}`;
}

function key(subscriptionId: string, resourceGroup: string, name: string): string {
  return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
}
