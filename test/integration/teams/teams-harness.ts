import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { createGuardedFlows } from '../../../src/access';
import type { AccessConfig } from '../../../src/config/config.types';
import type { Flows } from '../../../src/flows';
import { createNotificationsPort } from '../../../src/scheduler/notifications-on-store';
import { silentLogger, type Logger } from '../../../src/log';
import { claimEvent, openStore, platformConversationRefs, releaseEvent, type Store } from '../../../src/store';
import { registerTeams, TEAMS_PLATFORM, type RegisteredTeams, type TeamsAuthConfig } from '../../../adapters/teams';
import { startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

/** The bot's HTTP server with the Teams adapter, the emulator behind the real backup service, and a fake connector. */
export interface TeamsHarness {
  baseUrl: string;
  port: number;
  backup: BackupHarness;
  connector: FakeConnector;
  flows: Flows;
  store: Store;
  teams: RegisteredTeams;
  trackedJobs: MemoryTrackedJobs;
  close(): Promise<void>;
}

export interface TeamsHarnessOptions {
  auth?: TeamsAuthConfig;
  playground?: boolean;
  /** Listen on this address (default 127.0.0.1). */
  host?: string;
  /** Skip the emulator (auth tests need no Azure). */
  withoutAzure?: boolean;
  /** Default: silent. */
  logger?: Logger;
  /** Longest one call to the connector (the activity's serviceUrl) may take (default: the adapter's). */
  connectorCallTimeoutMs?: number;
  /** How long a card action may work inside its invoke (default: the adapter's). */
  invokeBudgetMs?: number;
  /** Access control; default what `npm start` on the emulator uses (every channel sees all, everyone is admin). */
  access?: AccessConfig;
}

/** The embedded defaults on the emulator (src/config/load-config.ts), without a rate limit. */
const EMBEDDED_ACCESS: AccessConfig = { bootstrapAdmins: [], defaultChannelScope: 'all', defaultRole: 'admin', costlyActions: { limit: 0, windowMinutes: 10 } };

/** The scheduler's settings the notifications port reads (`backup health`). */
export const HARNESS_CRONS = { pendingDigestCron: '0 9 * * *', jobSweepCron: '*/20 * * * * *' };

export async function startTeamsHarness(options: TeamsHarnessOptions = {}): Promise<TeamsHarness> {
  const backup = options.withoutAzure ? undefined : await startBackupHarness();
  const connector = await startFakeConnector();
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const trackedJobs = new MemoryTrackedJobs();
  const access = options.access ?? EMBEDDED_ACCESS;
  // The guarded flows, as the server composes them (with channel subscriptions): one effect per
  // identical request is theirs to decide.
  const flows = createGuardedFlows({
    flows: {
      backup: backup?.service ?? ({} as never),
      trackedJobs,
      portalBaseUrl: 'https://portal.azure.com',
      now: backup ? () => backup.emulator.now() : undefined,
      logger: silentLogger,
      notifications: createNotificationsPort({ db: store.db, config: HARNESS_CRONS, access }),
    },
    db: store.db,
    access,
    logger: silentLogger,
  });
  const app = express();
  const teams = registerTeams(app, {
    flows,
    claimEvent: (key) => claimEvent(store.db, key),
    releaseEvent: (key) => releaseEvent(store.db, key),
    conversationRefs: platformConversationRefs(store.db, TEAMS_PLATFORM),
    auth: options.auth ?? {},
    playground: options.playground ?? false,
    logger: options.logger ?? silentLogger,
    ...(options.invokeBudgetMs !== undefined ? { invokeBudgetMs: options.invokeBudgetMs } : {}),
    ...(options.connectorCallTimeoutMs !== undefined ? { connectorCallTimeoutMs: options.connectorCallTimeoutMs } : {}),
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    backup: backup as BackupHarness,
    connector,
    flows,
    store,
    teams,
    trackedJobs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await store.close();
      await backup?.close();
    },
  };
}
