import type { VmRecord } from './model';

/**
 * The compute inventory: a Map by lower-case id plus insertion-ordered indexes per subscription,
 * per resource group and per location, so list pages are slices (O(page)), even with 100,000 VMs.
 */
export class VmInventory {
  private readonly byId = new Map<string, VmRecord>();
  private readonly bySubscription = new Map<string, VmRecord[]>();
  private readonly byResourceGroup = new Map<string, VmRecord[]>();
  private readonly byLocation = new Map<string, VmRecord[]>();

  add(vm: VmRecord): void {
    const key = vm.id.toLowerCase();
    if (this.byId.has(key)) throw new Error(`duplicate VM ${vm.id}`);
    this.byId.set(key, vm);
    push(this.bySubscription, vm.subscriptionId.toLowerCase(), vm);
    push(this.byResourceGroup, `${vm.subscriptionId}/${vm.resourceGroup}`.toLowerCase(), vm);
    push(this.byLocation, `${vm.subscriptionId}/${vm.location}`.toLowerCase(), vm);
  }

  get(id: string): VmRecord | undefined {
    return this.byId.get(id.toLowerCase());
  }

  find(subscriptionId: string, resourceGroup: string, name: string): VmRecord | undefined {
    return this.get(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`);
  }

  inSubscription(subscriptionId: string): readonly VmRecord[] {
    return this.bySubscription.get(subscriptionId.toLowerCase()) ?? [];
  }

  inResourceGroup(subscriptionId: string, resourceGroup: string): readonly VmRecord[] {
    return this.byResourceGroup.get(`${subscriptionId}/${resourceGroup}`.toLowerCase()) ?? [];
  }

  inLocation(subscriptionId: string, location: string): readonly VmRecord[] {
    return this.byLocation.get(`${subscriptionId}/${normalizeLocation(location)}`.toLowerCase()) ?? [];
  }

  get size(): number {
    return this.byId.size;
  }
}

/** "West Europe" and "westeurope" are the same region to ARM. */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

function push(map: Map<string, VmRecord[]>, key: string, vm: VmRecord): void {
  const list = map.get(key);
  if (list) list.push(vm);
  else map.set(key, [vm]);
}
