import { performance } from 'node:perf_hooks';
import { scopedBackupService } from '../../../src/access/scoped-backup.service';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';
import { setVmTags } from '../../support/vm-tags';

const PROD = SEED.subscriptions.production;
const EXTRA_VMS = 3_000;

/**
 * listCoverage on the real Azure SDK against the emulator at a few thousand VMs: per subscription,
 * the VM listing's pages (models only: no statusOnly listing, no call per VM) and one protected
 * items listing per vault; tags as ARM returns them; and a channel's view of it through its scope.
 */
describe('BackupService.listCoverage', () => {
  let h: BackupHarness;
  beforeAll(async () => {
    h = await startBackupHarness({ seed: { extraVms: EXTRA_VMS } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reads a subscription of 1,524 VMs with one paged VM listing and one item listing per vault, tags and protection included', async () => {
    await setVmTags(h.emulator, SEED.vmId('web-03'), { backup: 'exclude' });
    const before = h.emulator.requests().length;
    const started = performance.now();
    const vms = await h.service.listCoverage!(PROD);
    const ms = performance.now() - started;
    const calls = h.emulator.requests().slice(before).filter((r) => r.method === 'GET');

    expect(vms).toHaveLength(24 + EXTRA_VMS / 2);
    const vmPages = calls.filter((r) => /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(r.path));
    expect(vmPages).toHaveLength(Math.ceil(vms.length / 200));
    expect(vmPages.every((r) => r.query.statusOnly === undefined)).toBe(true);
    expect(calls.filter((r) => /\/virtualMachines\/[^/]+$/i.test(r.path))).toEqual([]); // no call per VM
    expect(calls.filter((r) => /\/backupProtectedItems$/i.test(r.path))).toHaveLength(SEED.regions.length); // one per vault of the subscription
    expect(vms.find((v) => v.name === 'web-03')?.tags).toEqual({ backup: 'exclude' });
    expect(vms.find((v) => v.name === 'jump-01')?.tags.backup).toBe('exclude');
    expect(vms.find((v) => v.name === 'web-01')?.protection).toEqual({ vaultId: SEED.protectedVmVaultId, state: 'Protected' });
    // Reported, not asserted: no test depends on the machine's speed.
    console.info(`listCoverage: ${vms.length} VMs, ${calls.length} requests, ${Math.round(ms)} ms`);
  });

  it('through a channel bound to one resource group: only its VMs, and a protecting vault outside the binding is not named', async () => {
    const scoped = scopedBackupService(h.service, { kind: 'bound', places: [{ subscriptionId: PROD, resourceGroup: 'rg-web-prod' }] });
    const vms = await scoped.listCoverage!(PROD);
    expect(vms.map((v) => v.name).sort()).toEqual(['lb-01', 'web-01', 'web-02', 'web-03', 'web-04']);
    // web-01's vault lives in rg-backup, which this channel is not bound to.
    expect(vms.find((v) => v.name === 'web-01')?.protection).toEqual({ state: 'Protected' });
  });
});
