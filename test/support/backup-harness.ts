import { SEED, startEmulator } from '../../emulator';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/emulator.types';
import { type AzureBackupServiceOptions, createAzureBackupService, staticTokenCredential } from '../../src/backup/azure';
import type { BackupService } from '../../src/backup/backup.port';

export { SEED };

/** Emulator options plus overrides of the service's options (endpoint, ca and credential are the harness's). */
export interface BackupHarnessOptions extends EmulatorOptions {
  service?: Partial<Omit<AzureBackupServiceOptions, 'resourceManagerEndpoint' | 'ca' | 'credential'>>;
}

/** A running emulator and the real Azure BackupService pointed at it. Call close() in afterAll/afterEach. */
export interface BackupHarness {
  emulator: RunningEmulator;
  service: BackupService;
  close(): Promise<void>;
}

/**
 * Starts the ARM emulator (manual clock by default) and a BackupService on the real Azure SDK
 * that talks to it over HTTPS, trusting its certificate (and only through the service's `ca` option). The service's
 * clock is the emulator's, and its polling and retry waits are short, so tests move time with
 * `await emulator.advance(ms)` and never wait on the wall clock for long.
 */
export async function startBackupHarness(options: BackupHarnessOptions = {}): Promise<BackupHarness> {
  const { service: serviceOptions, ...emulatorOptions } = options;
  const emulator = await startEmulator({ clock: 'manual', ...emulatorOptions });
  const service = createAzureBackupService({
    subscriptionIds: emulator.subscriptionIds,
    credential: staticTokenCredential(),
    resourceManagerEndpoint: emulator.endpoint,
    ca: emulator.ca,
    pollIntervalMs: 5,
    maxRetryAfterMs: 2_000,
    maxPollAttempts: 200,
    retry: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
    now: () => emulator.now(),
    ...serviceOptions,
  });
  return { emulator, service, close: () => emulator.close() };
}
