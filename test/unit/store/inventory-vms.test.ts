import type { InventoryVm } from '../../../src/inventory';
import { createVmInventory } from '../../../src/inventory';
import { readInventoryVms, savedInventory, writeInventoryVms, type Store } from '../../../src/store';
import { FakeBackupService, SUB } from '../flows/support/fake-backup-service';
import { eventually } from '../../support/eventually';
import { describeTarget, storeTargets } from './store-targets';

const OTHER = '00000000-0000-0000-0000-0000000000FF';

function vm(name: string, sub = SUB, extra: Partial<InventoryVm['vm']> = {}): InventoryVm['vm'] {
  return {
    id: `/subscriptions/${sub}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/${name}`,
    subscriptionId: sub,
    resourceGroup: 'rg-app',
    name,
    location: 'westeurope',
    agent: 'Ready',
    ...extra,
  };
}

async function readAll(store: Store, subs: string[]): Promise<{ entries: InventoryVm[]; loadedAt?: Date }> {
  const entries: InventoryVm[] = [];
  const loadedAt = await readInventoryVms(store.db, subs, (e) => entries.push(e));
  return { entries, ...(loadedAt ? { loadedAt } : {}) };
}

for (const target of storeTargets()) {
  describeTarget(target)(`the VM inventory kept in the store (${target.name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    it('gives back a complete load as it was written, in listing order, with when it was loaded', async () => {
      const load: InventoryVm[] = [
        { vm: vm('web-01', SUB, { osType: 'Linux', powerState: 'running' }), protection: { vaultId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1', state: 'Protected' } },
        { vm: vm('DB-01', SUB, { agent: 'NotReady' }) },
        { vm: { ...vm('odd'), id: '/subscriptions/x/resourcegroups/RG-APP/providers/microsoft.compute/virtualmachines/odd' } },
      ];
      expect(await readAll(store, [SUB])).toEqual({ entries: [] });
      await writeInventoryVms(store.db, [SUB], load, new Date('2026-12-08T10:00:00Z'));
      expect(await readAll(store, [SUB.toUpperCase()])).toEqual({ entries: load, loadedAt: new Date('2026-12-08T10:00:00Z') });
    });

    it('drops the VMs a later load no longer saw, and keeps each subscription to the bots configured for it', async () => {
      await writeInventoryVms(store.db, [OTHER], [{ vm: vm('theirs', OTHER) }], new Date('2026-12-08T09:00:00Z'));
      await writeInventoryVms(store.db, [SUB], ['a', 'b', 'c'].map((n) => ({ vm: vm(n) })), new Date('2026-12-08T10:00:00Z'));
      // b deleted in Azure; c now protected
      const later: InventoryVm[] = [{ vm: vm('a') }, { vm: vm('c'), protection: { vaultId: 'v', state: 'IRPending' } }, { vm: vm('d') }];
      await writeInventoryVms(store.db, [SUB], later, new Date('2026-12-08T10:05:00Z'));
      expect((await readAll(store, [SUB])).entries).toEqual(later);
      expect((await readAll(store, [OTHER])).entries.map((e) => e.vm.name)).toEqual(['theirs']);
      expect((await readAll(store, [])).entries).toEqual([]);
    });

    it('never lets an older load (another replica, slower) overwrite or drop a newer one', async () => {
      await writeInventoryVms(store.db, [SUB], [{ vm: vm('a', SUB, { powerState: 'running' }) }, { vm: vm('new') }], new Date('2026-12-08T10:05:00Z'));
      await writeInventoryVms(store.db, [SUB], [{ vm: vm('a', SUB, { powerState: 'deallocated' }) }], new Date('2026-12-08T10:00:00Z'));
      const { entries, loadedAt } = await readAll(store, [SUB]);
      expect(entries.map((e) => [e.vm.name, e.vm.powerState])).toEqual([['a', 'running'], ['new', undefined]]);
      expect(loadedAt).toEqual(new Date('2026-12-08T10:05:00Z'));
    });

    it('reads and writes more VMs than one batch holds, in order', async () => {
      const many = Array.from({ length: 12_345 }, (_, i) => ({ vm: vm(`vm-${String(i).padStart(5, '0')}`) }));
      await writeInventoryVms(store.db, [SUB], many, new Date('2026-12-08T10:00:00Z'));
      const { entries } = await readAll(store, [SUB]);
      expect(entries.length).toBe(many.length);
      expect(entries.map((e) => e.vm.name)).toEqual(many.map((e) => e.vm.name));
    });

    it('lets a restarted inventory answer from the store before Azure answers, then refresh from Azure', async () => {
      const backup = new FakeBackupService(() => new Date('2026-12-08T10:00:00Z'));
      for (const name of ['web-01', 'web-02', 'db-01']) backup.addVm({ name });
      const saved = savedInventory(store.db, () => backup.subscriptions());
      const first = createVmInventory({ backup, saved });
      await first.ready();
      // The write follows the load in the background.
      await eventually(async () => (await readAll(store, [SUB])).entries.length === 3, { what: 'the first load kept in the store' });

      // web-02 is deleted in Azure; the restarted bot's listing has not answered at all yet.
      backup.vms = backup.vms.filter((v) => v.name !== 'web-02');
      const release = backup.holdLaterPages({ firstPage: true });
      const restarted = createVmInventory({ backup, saved });
      const refreshed = restarted.refresh();
      await restarted.ready();
      expect(restarted.progress()).toBeUndefined();
      expect((await restarted.searchSliced('web')).matches.map((e) => e.vm.name)).toEqual(['web-01', 'web-02']);
      release();
      await refreshed;
      expect((await restarted.searchSliced('web')).matches.map((e) => e.vm.name)).toEqual(['web-01']);
    });

    it('answers from the store, not from the first pages under the loading note, when Azure is quick to start', async () => {
      const backup = new FakeBackupService(() => new Date('2026-12-08T10:00:00Z'));
      for (const name of ['web-01', 'web-02', 'db-01']) backup.addVm({ name });
      const saved = savedInventory(store.db, () => backup.subscriptions());
      await writeInventoryVms(store.db, [SUB], backup.vms.map((vm) => ({ vm })), new Date('2026-12-08T09:00:00Z'));
      const release = backup.holdLaterPages();
      const restarted = createVmInventory({ backup, saved, now: backup.now });
      const refreshed = restarted.refresh();
      await eventually(() => backup.calls.some((c) => c.method === 'listVirtualMachines'), { what: 'the listing from Azure to start' });
      expect(restarted.progress()).toBeUndefined();
      expect(restarted.loadedAt()).toEqual(new Date('2026-12-08T09:00:00Z'));
      expect(restarted.size()).toBe(3);
      release();
      await refreshed;
      expect(restarted.loadedAt()).toEqual(new Date('2026-12-08T10:00:00Z'));
    });
  });
}
