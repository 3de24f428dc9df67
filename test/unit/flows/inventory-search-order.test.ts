import type { VirtualMachine } from '../../../src/domain/backup.types';
import { CompactInventory } from '../../../src/inventory/compact-inventory';
import { searchInventory, type SearchOptions } from '../../../src/inventory/inventory-search';
import type { InventoryVm } from '../../../src/inventory/inventory.types';
import { rng } from '../inventory/support/seeded-random';

// The search keeps only the best `limit` matches while scanning; this checks it returns exactly
// what a full sort of every match would, on a seeded random inventory with many ties.

const random = rng(42);
const words = ['web', 'sql', 'app', 'api', 'cache', 'vm', 'web2', 'batch'];
const regions = ['westeurope', 'northeurope', 'eastus'];
const entries: InventoryVm[] = Array.from({ length: 3000 }, (_, i) => {
  const name = `${words[Math.floor(random() * words.length)]}-${Math.floor(random() * 50)}`;
  const rg = `rg-${words[Math.floor(random() * words.length)]}`;
  const vm: VirtualMachine = {
    id: `/subscriptions/s/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}-${i}`,
    subscriptionId: 's',
    resourceGroup: rg,
    name,
    location: regions[i % 3],
    agent: 'Unknown',
  };
  return { vm } as InventoryVm;
});
const index = new CompactInventory();
for (const e of entries) index.add(e.vm, e.protection);
index.seal();
const searchIndex = (inv: CompactInventory, query: string, options: SearchOptions) => searchInventory(inv, query, options);

function fullSort(query: string): string[] {
  const all = searchIndex(index, query, { limit: index.size }).matches;
  return all.map((e) => e.vm.id);
}

describe('searchIndex keeps the best matches in order', () => {
  it.each(['w', 'web', 'app 1', 'rg-sql', 'eastus', '', 'zzz'])('for %j', (query) => {
    for (const limit of [1, 25, 100]) {
      const result = searchIndex(index, query, { limit });
      expect(result.matches.map((e) => e.vm.id)).toEqual(fullSort(query).slice(0, limit));
      expect(result.total).toBe(searchIndex(index, query, { limit: index.size }).total);
    }
  });
});

describe('searchIndex narrowed to places (a channel scope)', () => {
  const rgOf = (e: InventoryVm): string => e.vm.resourceGroup.toLowerCase();

  it('keeps exactly the VMs a per-VM check of the same places keeps, ids compared case-insensitively', () => {
    const places = [{ subscriptionId: 'S', resourceGroup: 'RG-Web' }, { subscriptionId: 's', resourceGroup: 'rg-sql' }];
    const inPlaces = searchIndex(index, 'app', { places, limit: index.size }).matches.map((e) => e.vm.id);
    const checked = searchIndex(index, 'app', { where: (e) => ['rg-web', 'rg-sql'].includes(rgOf(e)), limit: index.size }).matches.map((e) => e.vm.id);
    expect(inPlaces.length).toBeGreaterThan(0);
    expect(inPlaces).toEqual(checked);
  });

  it('takes a whole subscription, and gives nothing for no places or another subscription', () => {
    expect(searchIndex(index, '', { places: [{ subscriptionId: 'S' }], limit: 10 }).total).toBe(index.size);
    expect(searchIndex(index, '', { places: [], limit: 10 }).total).toBe(0);
    expect(searchIndex(index, '', { places: [{ subscriptionId: 'other' }], limit: 10 }).total).toBe(0);
  });
});
