import type { ProtectionState, VirtualMachine } from '../../../src/domain/backup.types';
import { CompactInventory } from '../../../src/inventory/compact-inventory';
import { searchInventory, searchInventorySliced, type SearchOptions } from '../../../src/inventory/inventory-search';
import type { InventoryVm } from '../../../src/inventory/inventory.types';
import { indexVm, searchIndex } from './support/reference-search';
import { rng } from './support/seeded-random';

/**
 * The compact inventory (columns, shared strings, one joined string of names) must answer every
 * search exactly as the object-per-VM search before it did: same VMs, same order, same total.
 */

const random = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const SUBS = ['0000aaaa-0000-0000-0000-000000000001', '0000BBBB-0000-0000-0000-000000000002', 'ffff0000-0000-0000-0000-000000000003'];
const GROUPS = ['rg-web', 'RG-Web', 'rg-sql', 'rg-app_tier', 'data.lake', 'rg-westeurope-ops'];
const REGIONS = ['westeurope', 'West Europe', 'northeurope', 'eastus', 'eastus2'];
const WORDS = ['web', 'sql', 'App', 'api', 'cache', 'vm', 'web2', 'batch', 'west', 'rg'];
const SEPS = ['-', '_', '.', ''];
const STATES: ProtectionState[] = ['Protected', 'ProtectionStopped', 'IRPending', 'ProtectionError'];
const VAULTS = ['/subscriptions/s/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/v1', '/subscriptions/s/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/V2'];

function randomVm(i: number): InventoryVm {
  const sub = pick(SUBS);
  const rg = pick(GROUPS);
  const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS));
  const name = parts.join(pick(SEPS)) + (random() < 0.7 ? `${pick(SEPS)}${Math.floor(random() * 40)}` : '');
  // Azure sometimes spells the id's segments otherwise (upper-case group): kept as given.
  const id = i % 97 === 0
    ? `/subscriptions/${sub}/resourcegroups/${rg.toUpperCase()}/providers/Microsoft.Compute/virtualMachines/${name}`
    : `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
  const vm: VirtualMachine = { id, subscriptionId: sub, resourceGroup: rg, name, location: pick(REGIONS), agent: pick(['Ready', 'NotReady', 'Unknown'] as const) };
  if (random() < 0.8) vm.osType = pick(['Windows', 'Linux'] as const);
  if (random() < 0.9) vm.powerState = pick(['running', 'deallocated']);
  return random() < 0.4 ? { vm, protection: { vaultId: pick(VAULTS), state: pick(STATES) } } : { vm };
}

const entries = Array.from({ length: 2500 }, (_, i) => randomVm(i));
const reference = entries.map(indexVm);
const compact = new CompactInventory();
for (const e of entries) compact.add(e.vm, e.protection);
compact.seal();

const QUERIES = ['', 'w', 'we', 'web', 'web-', 'web-1', 'web2', 'app', 'APP', 'a', '1', '-', '_', '.', 'rg', 'rg-web', 'rg-sql', 'west', 'westeurope', 'europe', 'eastus', 'east', '0000b', 'ffff', 'sql 1', 'web sql', 'cache api 2', 'tier', 'lake', 'zzz', 'web-api', '  web  ', 'api.cache', 'vm_web'];
const FILTERS: SearchOptions[] = [
  {},
  { location: 'West Europe' },
  { subscriptionId: SUBS[1].toLowerCase() },
  { unprotectedOnly: true },
  { protectedOnly: true },
  { places: [{ subscriptionId: SUBS[0].toUpperCase() }, { subscriptionId: SUBS[2], resourceGroup: 'RG-SQL' }] },
  { places: [] },
  { where: (e) => e.vm.agent === 'Ready' },
];

describe('the compact inventory answers as the object-per-VM search did', () => {
  it.each(QUERIES)('for %j, with every filter and limit', (query) => {
    for (const filter of FILTERS) {
      for (const limit of [0, 1, 25, 50, 300, entries.length]) {
        const before = searchIndex(reference, query, { ...filter, limit });
        const now = searchInventory(compact, query, { ...filter, limit });
        expect(now.total).toBe(before.total);
        expect(now.matches).toEqual(before.matches.map((e) => ({ vm: e.vm, ...(e.protection ? { protection: e.protection } : {}) })));
      }
    }
  });

  it('gives the same answer when the scan is sliced, and while a load is still adding rows (unranked)', async () => {
    const growing = new CompactInventory();
    for (const e of entries.slice(0, 1500)) growing.add(e.vm, e.protection);
    for (const query of ['web', 'a', '', 'rg-sql 1']) {
      const whole = searchInventory(compact, query, { limit: 50 });
      expect(await searchInventorySliced(compact, query, { limit: 50 }, 97)).toEqual(whole);
      const part = searchIndex(reference.slice(0, 1500), query, { limit: 50 });
      expect(searchInventory(growing, query, { limit: 50 }).matches.map((e) => e.vm.id)).toEqual(part.matches.map((e) => e.vm.id));
    }
  });

  it('gives every VM back as it was loaded, and finds it by id and name in any case', () => {
    for (let row = 0; row < entries.length; row += 13) {
      const e = entries[row];
      expect(compact.entryAt(row)).toEqual(e);
      expect(compact.find(e.vm.id.toUpperCase())).toBe(compact.find(e.vm.id));
      expect(compact.entryAt(compact.find(e.vm.id)).vm.id.toLowerCase()).toBe(e.vm.id.toLowerCase());
      expect(compact.rowsNamed(e.vm.name.toLowerCase()).map((r) => compact.entryAt(r).vm.name.toLowerCase())).toContain(e.vm.name.toLowerCase());
    }
    expect(compact.find('/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/nope')).toBe(-1);
    expect(compact.find('not an id')).toBe(-1);
  });

  it('keeps an id that is not a VM id as it came, and finds it', () => {
    const inv = new CompactInventory();
    const vm: VirtualMachine = { id: '/odd/ID/of/a/vm', subscriptionId: 's', resourceGroup: 'g', name: 'n', location: 'eastus', agent: 'Ready' };
    inv.add(vm);
    expect(inv.entryAt(inv.find('/ODD/id/of/a/vm'))).toEqual({ vm });
  });
});

describe('a keystroke search shares the event loop', () => {
  it('lets other work run between its slices, and answers as the whole scan does', async () => {
    const order: string[] = [];
    const search = searchInventorySliced(compact, 'web', { limit: 25 }, 100).then((r) => {
      order.push('search');
      return r;
    });
    setImmediate(() => order.push('another request'));
    const result = await search;
    expect(order).toEqual(['another request', 'search']);
    expect(result).toEqual(searchInventory(compact, 'web', { limit: 25 }));
  });
});
