import { AzureError } from '../../../src/domain/errors';
import { createVmInventory } from '../../../src/inventory/vm-inventory';
import { FakeBackupService } from './support/fake-backup-service';

const REGIONS = ['westeurope', 'northeurope', 'eastus', 'uksouth'];

/** 10,000 VMs with names like app-0042-db, plus a few named to test ranking. */
function bigInventory(): FakeBackupService {
  const backup = new FakeBackupService();
  for (let i = 0; i < 10_000; i++) {
    const role = ['web', 'db', 'cache', 'worker'][i % 4];
    backup.addVm({ name: `app-${String(i).padStart(4, '0')}-${role}`, resourceGroup: `rg-team-${i % 50}`, location: REGIONS[i % REGIONS.length] });
  }
  backup.addVm({ name: 'web', resourceGroup: 'rg-exact' });
  backup.addVm({ name: 'web-01', resourceGroup: 'rg-front' });
  backup.addVm({ name: 'webhook-relay', resourceGroup: 'rg-front' });
  backup.addVm({ name: 'old-web-proxy', resourceGroup: 'rg-front' });
  backup.addVm({ name: 'mail', resourceGroup: 'rg-web-mail' });
  return backup;
}

describe('VM inventory', () => {
  it('loads once and answers every search locally (no Azure call per keystroke)', async () => {
    const backup = bigInventory();
    const inv = createVmInventory({ backup });
    await inv.ready();
    const callsAfterLoad = backup.calls.length;
    for (const q of ['w', 'we', 'web', 'web-', 'web-0', 'web-01']) inv.search(q, { limit: 10 });
    expect(backup.calls.length).toBe(callsAfterLoad);
    expect(inv.size()).toBe(10_005);
  });

  it('ranks exact name, then prefix, then word prefix, then substring, then resource group', async () => {
    const inv = createVmInventory({ backup: bigInventory() });
    await inv.ready();
    const r = inv.search('web', { limit: 8 });
    const names = r.matches.map((m) => m.vm.name);
    expect(names.slice(0, 3)).toEqual(['web', 'web-01', 'webhook-relay']);
    // then word-prefix matches, shorter names first, then A-Z: app-0000-web (12) before old-web-proxy (13)
    expect(names.slice(3)).toEqual(['app-0000-web', 'app-0004-web', 'app-0008-web', 'app-0012-web', 'app-0016-web']);
    const all = inv.search('web', { limit: 10_000 }).matches.map((m) => m.vm.name);
    expect(all.indexOf('old-web-proxy')).toBe(3 + 2_500);
    // 2,500 app-*-web, web, web-01, webhook-relay, old-web-proxy, and mail (its resource group)
    expect(r.total).toBe(2_505);
    expect(inv.search('web', { limit: 10_000 }).matches.at(-1)?.vm.name).toBe('mail');
  });

  it('returns at most the limit, best first, with the total', async () => {
    const inv = createVmInventory({ backup: bigInventory() });
    await inv.ready();
    const r = inv.search('app-00', { limit: 5 });
    expect(r.matches).toHaveLength(5);
    expect(r.total).toBe(100);
    // all 100 are name prefixes: shorter names first, then A-Z
    expect(r.matches.map((m) => m.vm.name)).toEqual(['app-0001-db', 'app-0005-db', 'app-0009-db', 'app-0013-db', 'app-0017-db']);
  });

  it('needs every word to match (name, resource group or region)', async () => {
    const inv = createVmInventory({ backup: bigInventory() });
    await inv.ready();
    const r = inv.search('db northeurope', { limit: 50 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.matches.every((m) => m.vm.name.endsWith('-db') && m.vm.location === 'northeurope')).toBe(true);
    expect(inv.search('web rg-front', { limit: 10 }).matches.map((m) => m.vm.name)).toEqual(['web-01', 'webhook-relay', 'old-web-proxy']);
    expect(inv.search('nothing-like-this').total).toBe(0);
  });

  it('filters by region, subscription and protection', async () => {
    const backup = bigInventory();
    const vault = backup.addVault('vault-weu');
    const web01 = backup.vms.find((v) => v.name === 'web-01')!;
    backup.protect(web01, vault, 'IRPending');
    const inv = createVmInventory({ backup });
    await inv.ready();
    expect(inv.search('web-01', { unprotectedOnly: true }).matches.map((m) => m.vm.name)).not.toContain('web-01');
    expect(inv.search('', { protectedOnly: true }).matches.map((m) => m.vm.name)).toEqual(['web-01']);
    expect(inv.get(web01.id)?.protection).toEqual({ vaultId: vault.id, state: 'IRPending' });
    const east = inv.search('app', { location: 'East US', limit: 20_000 });
    expect(east.total).toBe(2_500);
    expect(inv.search('app', { subscriptionId: 'other', limit: 5 }).total).toBe(0);
  });

  it('searches 10,000 VMs many times without reloading', async () => {
    const backup = bigInventory();
    const inv = createVmInventory({ backup });
    await inv.ready();
    const before = backup.calls.length;
    let found = 0;
    for (let i = 0; i < 200; i++) found += inv.search(`app-${String(i).padStart(4, '0')}`, { limit: 10 }).total;
    expect(found).toBe(200);
    expect(backup.calls.length).toBe(before);
  });

  it('shares one load between concurrent refreshes and keeps the last load when a refresh fails', async () => {
    const backup = new FakeBackupService();
    backup.addVm({ name: 'a' });
    const inv = createVmInventory({ backup });
    await Promise.all([inv.ready(), inv.ready(), inv.refresh()]);
    expect(backup.callsOf('listVirtualMachines')).toHaveLength(1);
    backup.addVm({ name: 'b' });
    backup.failNext('listVirtualMachines', new AzureError('THROTTLED', 'Too many requests', 'TooManyRequests', 429));
    await expect(inv.refresh()).rejects.toThrow('Too many requests');
    expect(inv.size()).toBe(1);
    await inv.refresh();
    expect(inv.size()).toBe(2);
  });

  it('keeps what it knew of a vault whose items cannot be read', async () => {
    const backup = new FakeBackupService();
    const vm = backup.addVm({ name: 'a' });
    const vault = backup.addVault('v1');
    backup.protect(vm, vault);
    const inv = createVmInventory({ backup });
    await inv.ready();
    backup.failNext('listProtectedItems', new AzureError('X', 'boom', 'InternalError', 500));
    await inv.refresh();
    expect(inv.get(vm.id)?.protection?.state).toBe('Protected');
  });

  it('finds by exact name and id regardless of case, and records protection changes', async () => {
    const backup = new FakeBackupService();
    const a1 = backup.addVm({ name: 'App', resourceGroup: 'rg1' });
    backup.addVm({ name: 'app', resourceGroup: 'rg2' });
    const inv = createVmInventory({ backup });
    await inv.ready();
    expect(inv.findByName('APP')).toHaveLength(2);
    expect(inv.get(a1.id.toUpperCase())?.vm.name).toBe('App');
    inv.setProtection(a1.id, { vaultId: 'v', state: 'IRPending' });
    expect(inv.search('app', { protectedOnly: true }).matches.map((m) => m.vm.resourceGroup)).toEqual(['rg1']);
  });

  it('lets identical keystroke searches under way share one scan', async () => {
    const inv = createVmInventory({ backup: bigInventory() });
    await inv.ready();
    const [a, b] = await Promise.all([inv.searchSliced('web', { limit: 10 }), inv.searchSliced(' WEB ', { limit: 10 })]);
    expect(a).toBe(b);
    expect(a).toEqual(inv.search('web', { limit: 10 }));
    expect(await inv.searchSliced('web', { limit: 10, unprotectedOnly: true })).not.toBe(a);
  });
});
