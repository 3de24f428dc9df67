import tls from 'node:tls';
import { ARM_MAX_CONNECTIONS } from '../../../src/backup/azure/arm-agent';
import { createAzureBackupService, staticTokenCredential } from '../../../src/backup/azure';
import { AzureError } from '../../../src/domain/errors';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';

/** How the SDK clients reach Resource Manager: one bounded keep-alive pool, and only a trusted certificate. */
describe('BackupService connections to Resource Manager', () => {
  let h: BackupHarness;
  let connects: jest.SpyInstance;

  beforeEach(async () => {
    h = await startBackupHarness();
    connects = jest.spyOn(tls, 'connect');
  });
  afterEach(async () => {
    connects.mockRestore();
    await h?.close();
  });

  const burst = (): Promise<unknown> => {
    const vmIds = ['web-01', 'web-02', 'web-03', 'sql-01', 'redis-01'].map((n) => SEED.vmId(n));
    // Three SDK clients (compute, backup, vaults) at once, as a burst of status requests does.
    return Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        Promise.all([h.service.getVirtualMachine(vmIds[i % vmIds.length]), h.service.listJobs(SEED.vaultIds.westeurope), h.service.getVault(SEED.vaultIds.westeurope)]),
      ),
    );
  };

  // Connections to this test's emulator only: other suites in the same process may still be closing theirs.
  const toEmulator = (): number => {
    const port = Number(new URL(h.emulator.endpoint).port);
    return connects.mock.calls.filter(([options]) => typeof options === 'object' && options !== null && Number((options as { port?: unknown }).port) === port).length;
  };

  it('shares one bounded pool across the SDK clients and reuses its connections', async () => {
    await burst();
    const opened = toEmulator();
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(ARM_MAX_CONNECTIONS);

    await burst();
    expect(toEmulator()).toBe(opened);
  });

  it('refuses an endpoint whose certificate it was not told to trust, and says which setting fixes it', async () => {
    const untrusting = createAzureBackupService({
      subscriptionIds: h.emulator.subscriptionIds,
      credential: staticTokenCredential(),
      resourceManagerEndpoint: h.emulator.endpoint,
      retry: { maxRetries: 0 },
    });
    const attempt = untrusting.listVaults({ subscriptionId: SEED.subscriptions.production });
    await expect(attempt).rejects.toBeInstanceOf(AzureError);
    await expect(attempt).rejects.toMatchObject({ code: 'AZURE_UNREACHABLE', message: expect.stringMatching(/TLS certificate is not trusted \([A-Z_]+\).*AZURE_CA_FILE/) });
    expect(h.emulator.requests()).toHaveLength(0);
  });
});
