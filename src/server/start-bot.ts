import fs from 'node:fs';
import express, { type Express } from 'express';
import { ConfigError, type AppConfig } from '../config';
import { createLogger, type Logger } from '../log';
import { BotMetrics } from '../metrics';
import { createSchedulerHealth } from '../scheduler';
import { MESSAGES_PATH } from '../../adapters/teams/messages-path';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/events-path';
import { openStore, type Store } from '../store';
import { startAzureBackend, type AzureBackend } from './azure-backend';
import { mountChatAdapters, type BotDeps } from './chat-adapters';
import { healthRouter } from './health.route';
import { errorHandler, notFound } from './http-errors';
import { listen, type HttpListener } from './http-listener';
import { startMetricsListener } from './metrics-listener';
import { readinessRouter, type Lifecycle } from './readiness.route';
import { requestTracking } from './request-tracking';
import { plural } from '../flows/plural';

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
  metrics: BotMetrics;
  /** Where GET /metrics is served (METRICS_PORT), e.g. http://127.0.0.1:9464/metrics; undefined when off. */
  metricsUrl?: string;
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
    const metrics = new BotMetrics();
    let lifecycle: Lifecycle = 'starting';
    const store = await openStore(config.store, { logger });
    cleanups.push(() => store.close());
    const azureLogger = logger.child({ component: 'azure' });
    const azure = await startAzureBackend(config.azure, logger, (attempt) => {
      metrics.azureAttempt(attempt);
      azureLogger.debug('azure call', { ...attempt, durationMs: Math.round(attempt.durationMs) });
    });
    cleanups.push(() => azure.close());

    const app = express();
    app.disable('x-powered-by');
    app.use(requestTracking(metrics, { [SLACK_EVENTS_PATH]: 'slack', [MESSAGES_PATH]: 'teams' }));
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
    let scheduler: { lease: { isLeader(): boolean } } | undefined;
    app.use(
      readinessRouter(
        {
          store,
          lifecycle: () => lifecycle,
          lease: () => (scheduler === undefined ? 'off' : scheduler.lease.isLeader() ? 'leader' : 'follower'),
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
      metrics,
    };
    const mounted = await mountChatAdapters(app, deps);
    scheduler = mounted.scheduler;
    const health = createSchedulerHealth({ db: store.db, config: config.scheduler });
    metrics.watchScheduler({ health, isLeader: () => mounted.scheduler.lease.isLeader() });
    app.use(notFound);
    app.use(errorHandler(logger));

    // With credentials, a caller without a token is refused before the body limit is applied.
    const listener = await listen(app, config.server.host, config.server.port, 'PORT', config.server.limits, { bearerPaths: config.teams.enabled ? [MESSAGES_PATH] : [] });
    cleanups.push(() => listener.close()); // last in, so requests stop first
    let metricsListener: HttpListener | undefined;
    if (config.server.metricsPort !== undefined) {
      const started = await startMetricsListener(metrics, config.server.host, config.server.metricsPort, logger);
      metricsListener = started;
      cleanups.push(() => started.close());
    }
    lifecycle = 'started';

    logger.info(startupLine(listener.url, store, azure, config), {
      url: listener.url,
      store: store.kind,
      storeLocation: store.location,
      azure: azure.mode,
      endpoint: azure.endpoint,
      ...(metricsListener ? { metrics: `${metricsListener.url}/metrics` } : {}),
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
      metrics,
      ...(metricsListener ? { metricsUrl: `${metricsListener.url}/metrics` } : {}),
      close: () =>
        (closing ??= (async () => {
          lifecycle = 'stopping';
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
    `azure: ${where} (${plural(azure.subscriptionIds.length, 'subscription')}) | ` +
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
