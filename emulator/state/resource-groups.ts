import type { ResourceGroupRecord } from './model';

/** /subscriptions/{sub}/resourceGroups/{name}, as ARM writes a group's id. */
export function resourceGroupId(subscriptionId: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
}

/**
 * The resource groups of every subscription. Names are case-insensitive in ARM; a group keeps
 * the casing it was created with. Listing keeps creation order.
 */
export class ResourceGroups {
  private readonly byKey = new Map<string, ResourceGroupRecord>();

  add(group: ResourceGroupRecord): void {
    this.byKey.set(key(group.subscriptionId, group.name), group);
  }

  /** Adds the group when it does not exist yet (seeding from VMs and vaults). */
  ensure(subscriptionId: string, name: string, location: string, now: number): ResourceGroupRecord {
    const found = this.find(subscriptionId, name);
    if (found) return found;
    const group: ResourceGroupRecord = { id: resourceGroupId(subscriptionId, name), subscriptionId, name, location, tags: {}, createdAt: now };
    this.add(group);
    return group;
  }

  find(subscriptionId: string, name: string): ResourceGroupRecord | undefined {
    return this.byKey.get(key(subscriptionId, name));
  }

  inSubscription(subscriptionId: string): ResourceGroupRecord[] {
    const sub = subscriptionId.toLowerCase();
    return [...this.byKey.values()].filter((g) => g.subscriptionId.toLowerCase() === sub);
  }

  get size(): number {
    return this.byKey.size;
  }
}

function key(subscriptionId: string, name: string): string {
  return `${subscriptionId}/${name}`.toLowerCase();
}
