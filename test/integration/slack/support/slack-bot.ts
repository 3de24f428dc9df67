/**
 * The bot's Slack side as the product runs it, for integration tests: Bolt mounted on an
 * express app on a loopback port (HTTP mode), the real flows on the Azure SDK against the ARM
 * emulator (backup harness), the real store (SQLite in memory) for idempotency, and the fake
 * Slack Web API. With `access` set, the flows are the guarded ones (src/access) on that store, as
 * the server composes them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { registerSlack, type SlackAdapter } from '../../../../adapters/slack';
import { createGuardedFlows } from '../../../../src/access';
import type { AccessConfig } from '../../../../src/config/config.types';
import { createFlows } from '../../../../src/flows';
import type { Flows } from '../../../../src/flows/flows.types';
import { createLogger, type Logger } from '../../../../src/log';
import { claimEvent, openStore, type Store } from '../../../../src/store';
import { startBackupHarness, type BackupHarness } from '../../../support/backup-harness';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackOptions } from '../../../support/fake-slack-api';
import { MemoryTrackedJobs } from '../../../support/memory-tracked-jobs';
import { SlackPerson } from './slack-person';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackBot {
  url: string;
  fake: FakeSlackApi;
  harness: BackupHarness;
  flows: Flows;
  adapter: SlackAdapter;
  store: Store;
  trackedJobs: MemoryTrackedJobs;
  /** Log lines at warn and above, to check that nothing failed unnoticed. */
  problems: string[];
  person(userId?: string, channelId?: string, channelName?: string): SlackPerson;
  /** One pass of the job tracker, publishing to Slack (what the scheduler does on its cron). */
  refreshJobs(): Promise<number>;
  /** Stops the Slack side only (the emulator, fake Slack and store stay), as a process restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface SlackBotOptions {
  answerBudgetMs?: number;
  fake?: FakeSlackOptions;
  /** Access control (roles, channel scopes, audit) on; default off (plain flows). */
  access?: AccessConfig;
  /** Socket Mode (an app token; the bot connects to the fake's WebSocket) instead of HTTP events. */
  socketMode?: boolean;
}

export async function startSlackBot(options: SlackBotOptions = {}): Promise<SlackBot> {
  const harness = await startBackupHarness();
  const fake = await startFakeSlackApi(options.fake);
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const trackedJobs = new MemoryTrackedJobs();
  const problems: string[] = [];
  const logger: Logger = createLogger({
    level: 'warn',
    write: (line) => {
      problems.push(line);
    },
  });

  let server: Server;
  let url = '';
  let flows: Flows;
  let adapter: SlackAdapter;

  const boot = async (): Promise<void> => {
    const flowDeps = {
      backup: harness.service,
      trackedJobs,
      portalBaseUrl: 'https://portal.azure.com',
      now: () => harness.emulator.now(),
      logger,
    };
    flows = options.access ? createGuardedFlows({ flows: flowDeps, db: store.db, access: options.access, logger }) : createFlows(flowDeps);
    const app = express();
    adapter = registerSlack(app, {
      config: options.socketMode
        ? { enabled: true, botToken: fake.botToken, signingSecret: SIGNING_SECRET, socketMode: true, appToken: fake.appToken, apiUrl: fake.apiUrl }
        : { enabled: true, botToken: fake.botToken, signingSecret: SIGNING_SECRET, socketMode: false, apiUrl: fake.apiUrl },
      flows,
      claimEvent: (key) => claimEvent(store.db, key),
      logger,
      answerBudgetMs: options.answerBudgetMs,
    });
    await adapter.start();
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  };
  const shutdown = async (): Promise<void> => {
    await adapter.stop();
    flows.inventory.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await boot();

  const bot: SlackBot = {
    get url() {
      return url;
    },
    fake,
    harness,
    get flows() {
      return flows;
    },
    get adapter() {
      return adapter;
    },
    store,
    trackedJobs,
    problems,
    person: (userId = 'U0PERSON', channelId = 'C0OPS', channelName?: string) =>
      new SlackPerson({ url, signingSecret: SIGNING_SECRET, fake, userId, channelId, ...(channelName ? { channelName } : {}), ...(options.socketMode ? { socketMode: true } : {}) }),
    refreshJobs: async () => (await flows.jobs.refreshTrackedJobs((u) => adapter.publishJobUpdate(u))).length,
    restart: async () => {
      await shutdown();
      await boot();
    },
    close: async () => {
      await shutdown();
      await fake.close();
      await store.close();
      await harness.close();
    },
  };
  return bot;
}
