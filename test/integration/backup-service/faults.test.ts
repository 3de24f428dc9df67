import { AzureError } from '../../../src/domain/errors';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';

/** Throttling, persistent server errors and faults in the middle of a multi-VM enable. */
describe('BackupService under Azure faults', () => {
  let h: BackupHarness;

  beforeEach(async () => {
    h = await startBackupHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    h.emulator.injectFault({ kind: 'throttle', pathPattern: '/providers/Microsoft\\.RecoveryServices/vaults$', method: 'GET', count: 2, retryAfterSeconds: 1 });
    const vaults = await h.service.listVaults({ subscriptionId: SEED.subscriptions.production });
    expect(vaults.map((v) => v.name).sort()).toEqual(Object.values(SEED.vaultNames).sort());
    const calls = h.emulator.requests().filter((r) => r.method === 'GET' && /\/providers\/Microsoft\.RecoveryServices\/vaults$/i.test(r.path));
    expect(calls.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('surfaces a persistent 500 as a typed AzureError with a clear message, after the retries', async () => {
    h.emulator.injectFault({ kind: 'server-error', pathPattern: '/backupPolicies$', method: 'GET', count: 50, status: 500 });
    const attempt = h.service.listPolicies(SEED.vaultIds.westeurope);
    await expect(attempt).rejects.toBeInstanceOf(AzureError);
    await expect(attempt).rejects.toMatchObject({
      code: 'AZURE_SERVER_ERROR',
      status: 500,
      message: expect.stringMatching(/^Azure had an internal error \(HTTP 500\) and could not list the backup policies of vault rsv-prod-weu; it kept failing after the bot retried\. Try again in a few minutes/),
    });
    const calls = h.emulator.requests().filter((r) => /\/backupPolicies$/i.test(r.path));
    // One try and the three retries of the SDK pipeline (both expects await the same call).
    expect(calls.length).toBe(4);
    expect(calls.every((r) => r.status === 500)).toBe(true);
  });

  it('reports each VM\'s exact outcome when faults hit the middle of a multi-VM enable', async () => {
    const vaultId = SEED.vaultIds.westeurope;
    const [web02, web03, sql01, redis01] = ['web-02', 'web-03', 'sql-01', 'redis-01'].map((n) => SEED.vmId(n));
    // web-03: Azure keeps failing the enable PUT; sql-01: its agent stops reporting.
    h.emulator.injectFault({ kind: 'server-error', pathPattern: 'protectedItems/[^/]*web-03$', method: 'PUT', count: 50, status: 500 });
    h.emulator.injectFault({ kind: 'vm-agent-missing', vmId: sql01 });

    const outcomes = await h.service.enableProtection(vaultId, 'DefaultPolicy', [web02, web03, sql01, redis01]);

    expect(outcomes.map((o) => [o.vmId, o.ok, o.ok ? o.item.protectionState : o.code])).toEqual([
      [web02, true, 'IRPending'],
      [web03, false, 'AZURE_SERVER_ERROR'],
      [sql01, false, 'VM_AGENT_NOT_READY'],
      [redis01, true, 'IRPending'],
    ]);
    const failed = outcomes.find((o) => o.vmId === web03);
    expect(failed && !failed.ok && failed.reason).toMatch(/could not enable protection of web-03/);
    const agent = outcomes.find((o) => o.vmId === sql01);
    expect(agent && !agent.ok && agent.reason).toMatch(/VM agent of sql-01 is not reporting/);

    const items = await h.service.listProtectedItems(vaultId);
    const protectedVms = items.map((i) => i.vmName).sort();
    expect(protectedVms).toEqual(['redis-01', 'web-01', 'web-02']);
  });

  it('explains a failed backup caused by a lock on the AzureBackupRG group', async () => {
    h.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptions.production, location: 'westeurope' });
    const item = await h.service.findProtectedItem(SEED.protectedVmId);
    expect(item).toBeDefined();
    const retainUntil = new Date(h.emulator.now().getTime() + 10 * 24 * 60 * 60 * 1000);
    let job = await h.service.backupNow(item!, retainUntil);
    for (let i = 0; i < 20 && job.status === 'InProgress'; i++) {
      await h.emulator.advance(30_000);
      job = await h.service.getJob(item!.vaultId, job.name);
    }
    expect(job.status).toBe('Failed');
    expect(job.errors.length).toBeGreaterThan(0);
    expect(job.errors.flatMap((e) => e.recommendations).join('\n')).toMatch(/Remove the lock on the restore point resource group \(AzureBackupRG_/);
  });

  it('never retries into a half-done vault: a vault created but not set to LRS is reported as such', async () => {
    h.emulator.injectFault({ kind: 'server-error', pathPattern: 'backupstorageconfig/vaultstorageconfig$', method: 'PUT', count: 50, status: 500 });
    const attempt = h.service.createVault({
      subscriptionId: SEED.subscriptions.production,
      resourceGroup: SEED.vaultResourceGroup,
      name: 'rsv-half-done',
      location: 'westeurope',
      storageRedundancy: 'LocallyRedundant',
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'VAULT_CREATED_REDUNDANCY_NOT_SET',
      message: expect.stringMatching(/^Vault rsv-half-done was created in westeurope, but setting its storage redundancy to locally redundant \(LRS\) failed: .*internal error/),
    });
    const vault = (await h.service.listVaults({ location: 'westeurope' })).find((v) => v.name === 'rsv-half-done');
    expect(vault).toBeDefined();
    expect((await h.service.getStorageRedundancy(vault!.id)).redundancy).toBe('GeoRedundant');
  });
});
