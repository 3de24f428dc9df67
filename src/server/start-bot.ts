import fs from 'node:fs';
import express, { type Express } from 'express';
import { ConfigError, type AppConfig } from '../config';
import { createLogger, type Logger } from '../log';
import { openStore, type Store } from '../store';
import { startAzureBackend, type AzureBackend } from './azure-backend';
import { mountChatAdapters, type BotDeps } from './chat-adapters';
import { healthRouter } from './health.route';
import { errorHandler, notFound } from './http-errors';
import { listen } from './http-listener';

/** A started bot: everything `npm start` runs, in this process. */
export interface RunningBot {
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  config: AppConfig;
  logger: Logger;
  store: Store;
  azure: AzureBackend;
  app: Express;
  /** Stops taking requests, then closes adapters, the emulator and the store. Idempotent. */
  close(): Promise<void>;
}

export interface StartBotOptions {
  /** Default: JSON lines on stdout at config.logLevel. */
  logger?: Logger;
}

type Cleanup = () => Promise<void> | void;

/**
 * The composition root: opens and migrates the store, starts the embedded Azure emulator unless
 * subscriptions are configured, builds the backup service, serves /healthz and the chat adapters,
 * and listens. Whatever was started is stopped again if a later step fails.
 */
export async function startBot(config: AppConfig, options: StartBotOptions = {}): Promise<RunningBot> {
  const startedAt = Date.now();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  for (const warning of config.warnings) logger.warn(warning);

  const cleanups: Cleanup[] = [];
  const runCleanups = async (): Promise<void> => {
    for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error('error while shutting down', { error });
      }
    }
  };

  try {
    makeDataDir(config.dataDir);
    const store = await openStore(config.store, { logger });
    cleanups.push(() => store.close());
    const azure = await startAzureBackend(config.azure, logger);
    cleanups.push(() => azure.close());

    const app = express();
    app.disable('x-powered-by');
    app.use(
      healthRouter(
        {
          store,
          azure,
          slack: config.slack.enabled,
          teams: config.teams.enabled,
          playground: config.teams.playground,
          startedAt,
        },
        logger,
      ),
    );
    const deps: BotDeps = {
      config,
      logger,
      db: store.db,
      backup: azure.backup,
      now: azure.now,
      onClose: (cleanup) => void cleanups.push(cleanup),
    };
    await mountChatAdapters(app, deps);
    app.use(notFound);
    app.use(errorHandler(logger));

    const listener = await listen(app, config.server.host, config.server.port);
    cleanups.push(() => listener.close()); // last in, so requests stop first

    logger.info(startupLine(listener.url, store, azure, config), {
      url: listener.url,
      store: store.kind,
      storeLocation: store.location,
      azure: azure.mode,
      endpoint: azure.endpoint,
    });

    let closing: Promise<void> | undefined;
    return {
      url: listener.url,
      port: listener.port,
      config,
      logger,
      store,
      azure,
      app,
      close: () =>
        (closing ??= (async () => {
          logger.info('vm-backup-bot shutting down');
          await runCleanups();
          logger.info('vm-backup-bot stopped');
        })()),
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

function startupLine(url: string, store: Store, azure: AzureBackend, config: AppConfig): string {
  const where = azure.mode === 'emulator' ? `embedded emulator at ${azure.endpoint}` : `Azure Resource Manager at ${azure.endpoint}`;
  const teams = config.teams.enabled ? 'on' : 'off';
  const playground = config.teams.playground ? `, playground at ${url}/` : '';
  return (
    `vm-backup-bot listening on ${url} | store: ${store.kind} ${store.location} | ` +
    `azure: ${where} (${azure.subscriptionIds.length} subscription${azure.subscriptionIds.length === 1 ? '' : 's'}) | ` +
    `slack: ${config.slack.enabled ? (config.slack.socketMode ? 'on (Socket Mode)' : 'on') : 'off'} | teams: ${teams}${playground}`
  );
}

function makeDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError([{ variable: 'DATA_DIR', message: `DATA_DIR must be a folder this process can create and write, got ${JSON.stringify(dir)} (${reason})` }]);
  }
}
