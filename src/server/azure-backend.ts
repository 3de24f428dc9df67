import fs from 'node:fs';
import type { RunningEmulator } from '../../emulator/emulator.types';
import type { BackupService } from '../backup/backup.port';
import { createAzureBackupService, staticTokenCredential } from '../backup/azure';
import type { AzureCallObserver } from '../backup/azure/call-observer.policy';
import { ConfigError, type AzureConfig } from '../config';
import type { Logger } from '../log';

/** Polling the in-process emulator can be brisk: it answers at once and its clock runs fast. */
const EMULATOR_POLL_INTERVAL_MS = 200;

/** The Azure the bot talks to: the embedded emulator, or Azure Resource Manager (or an emulator elsewhere). */
export interface AzureBackend {
  backup: BackupService;
  mode: 'emulator' | 'azure';
  /** Resource Manager endpoint the SDK calls. */
  endpoint: string;
  subscriptionIds: string[];
  /** The clock Azure runs on: the emulator's (scaled) clock, or the system clock. */
  now: () => Date;
  /** Present in emulator mode, for tests and the admin surface. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

/**
 * Starts the embedded emulator when no subscriptions are configured, and builds the
 * BackupService on whichever Azure is in use. The only place that picks a credential.
 */
export async function startAzureBackend(config: AzureConfig, logger: Logger, observeCall?: AzureCallObserver): Promise<AzureBackend> {
  const observed = observeCall !== undefined ? { observeCall } : {};
  if (config.mode === 'emulator') {
    // Loaded only here: a bot on Azure never carries the emulator (its state, specs, TLS tooling).
    const { startEmulator } = await import('../../emulator');
    const emulator = await startEmulator({
      port: config.emulator.port,
      clock: 'real',
      timeScale: config.emulator.timeScale,
      seed: { extraVms: config.emulator.extraVms },
    });
    const now = (): Date => emulator.now();
    const backup = createAzureBackupService({
      subscriptionIds: emulator.subscriptionIds,
      credential: staticTokenCredential(),
      resourceManagerEndpoint: emulator.endpoint,
      ca: emulator.ca,
      pollIntervalMs: config.pollIntervalMs ?? EMULATOR_POLL_INTERVAL_MS,
      now,
      ...observed,
    });
    logger.debug('embedded Azure emulator started', { endpoint: emulator.endpoint, subscriptions: emulator.subscriptionIds.length });
    return { backup, mode: 'emulator', endpoint: emulator.endpoint, subscriptionIds: emulator.subscriptionIds, now, emulator, close: () => emulator.close() };
  }

  const ca = config.caFile === undefined ? undefined : readCaFile(config.caFile);
  // @azure/identity (MSAL and its friends) is loaded only when it picks the credential.
  const credential =
    config.credential === 'emulator'
      ? staticTokenCredential()
      : new (await import('@azure/identity')).DefaultAzureCredential(config.authorityHost !== undefined ? { authorityHost: config.authorityHost } : {});
  const backup = createAzureBackupService({
    subscriptionIds: config.subscriptionIds,
    credential,
    resourceManagerEndpoint: config.resourceManagerEndpoint,
    ...(ca !== undefined ? { ca } : {}),
    ...(config.pollIntervalMs !== undefined ? { pollIntervalMs: config.pollIntervalMs } : {}),
    ...observed,
  });
  return {
    backup,
    mode: 'azure',
    endpoint: config.resourceManagerEndpoint,
    subscriptionIds: config.subscriptionIds,
    now: () => new Date(),
    close: async () => undefined,
  };
}

function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError([{ variable: 'AZURE_CA_FILE', message: `AZURE_CA_FILE must be a readable PEM file, got ${JSON.stringify(file)} (${reason})` }]);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError([{ variable: 'AZURE_CA_FILE', message: `AZURE_CA_FILE must be a PEM certificate (-----BEGIN CERTIFICATE-----), got ${JSON.stringify(file)}` }]);
  }
  return pem;
}
