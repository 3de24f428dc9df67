import type { Express } from 'express';
import type { BackupService } from '../backup/backup.port';
import type { AppConfig } from '../config';
import type { Logger } from '../log';
import type { StoreDb } from '../store';
import { botIsBack, claimEvent, teamIsBack, waitForBot, createTrackedJobStore, lastInventorySize, platformConversationRefs, releaseEvent, saveInventorySize, savedInventory } from '../store';
import { createVmInventory } from '../inventory';
import { createGuardedFlows } from '../access';
import type { Flows } from '../flows/flows.types';
import type { SlackAdapter } from '../../adapters/slack';
import type { RegisteredTeams } from '../../adapters/teams';
import type { ChatPlatform } from '../store';
import { createNotificationsPort, startScheduler } from '../scheduler';
import type { Notifier } from '../notifications';
import { instrumentFlows } from '../metrics/instrumented-flows';
import type { BotMetrics } from '../metrics';
import type { Scheduler } from '../scheduler';
import { readCertificateKeyFile } from './certificate-key-file';
import { startJobMessageRefresh, type JobUpdatePublisher } from './job-message-refresh';

/** What the composition root hands the chat adapters (and the scheduler). */
export interface BotDeps {
  config: AppConfig;
  logger: Logger;
  db: StoreDb;
  backup: BackupService;
  /** The clock Azure runs on: the embedded emulator's scaled clock, or the system clock. */
  now: () => Date;
  /**
   * Registers cleanup to run at shutdown, after the HTTP server stops taking requests and before
   * the emulator and the store close (Socket Mode connections, cron tasks, timers). Last in, first run.
   */
  onClose(cleanup: () => Promise<void> | void): void;
  /** Flow timings for /metrics; absent: not recorded. */
  metrics?: BotMetrics;
}

/** What mounting produced, for the scheduler and for tests. */
export interface MountedAdapters {
  flows: Flows;
  slack?: SlackAdapter;
  teams?: RegisteredTeams;
  scheduler: Scheduler;
}

/** The platforms' names in the store and on tracked messages (each adapter's SLACK_PLATFORM / TEAMS_PLATFORM). */
const SLACK: ChatPlatform = 'slack';
const TEAMS: ChatPlatform = 'teams';

/** Longest shutdown waits for commands in flight (within main.ts's 10 s grace, after the listener's). */
const FLOW_DRAIN_MS = 1_500;
/** How often running jobs' messages are refreshed (a Backup now job takes minutes). */
const JOB_MESSAGE_REFRESH_MS = 5_000;
/** How often the VM inventory behind the type-ahead pickers is reloaded from Azure. */
const INVENTORY_REFRESH_MS = 5 * 60_000;

/**
 * Mounts the chat platforms on the bot's express app. Called once at start, after /healthz and
 * before the 404 and error handlers. Adapters bring their own body parsing: Slack verifies
 * signatures over the raw body, so no global JSON parser is installed on the app.
 */
export async function mountChatAdapters(app: Express, deps: BotDeps): Promise<MountedAdapters> {
  const { config, logger, db } = deps;
  // Every action passes the access checks (roles per workspace, scope per channel, audit,
  // one effect per request) before it reaches the flows.
  // The VM count of the last load (any replica, before a restart) lets the first load after a
  // start say how far it is ("42,000 of about 100,000"); each complete load records its count.
  const inventoryLogger = logger.child({ component: 'inventory' });
  const inventory = createVmInventory({
    backup: deps.backup,
    logger: inventoryLogger,
    ...(deps.now ? { now: deps.now } : {}),
    expectedSize: await lastInventorySize(db).catch((err: unknown) => {
      inventoryLogger.warn('inventory: could not read the last load\'s VM count', { err });
      return undefined;
    }),
    onLoaded: (vmCount) =>
      void saveInventorySize(db, vmCount, new Date()).catch((err: unknown) => inventoryLogger.warn('inventory: could not record the VM count', { err })),
    // A restart answers the pickers from the list kept in the store, then refreshes it from Azure.
    saved: savedInventory(db, () => deps.backup.subscriptions()),
  });
  const guarded = createGuardedFlows({
    flows: {
      backup: deps.backup,
      inventory,
      trackedJobs: createTrackedJobStore(db),
      portalBaseUrl: config.portalUrl,
      now: deps.now,
      logger: logger.child({ component: 'flows' }),
      ...(config.scheduler.excludeTag ? { excludeTag: config.scheduler.excludeTag } : {}),
      notifications: createNotificationsPort({ db, config: config.scheduler, access: config.access }),
    },
    db,
    access: config.access,
    logger,
    // Audit times, rate-limit windows and claims are wall-clock, even when Azure is the emulator's scaled clock.
    now: () => new Date(),
  });
  let flows: Flows = guarded;
  if (deps.metrics) {
    const instrumented = instrumentFlows(guarded, deps.metrics, logger);
    flows = instrumented.flows;
    // Runs after the listener stopped taking requests and before Azure and the store close: a
    // command Slack already acknowledged still gets its answer.
    deps.onClose(async () => {
      const left = await instrumented.settled(FLOW_DRAIN_MS);
      if (left > 0) logger.warn(`shutdown: ${left} command(s) still running after ${FLOW_DRAIN_MS} ms; stopping anyway`);
    });
  }
  flows.inventory.start(INVENTORY_REFRESH_MS);
  deps.onClose(() => flows.inventory.stop());

  const publishers: Record<string, JobUpdatePublisher> = {};
  // Each platform's SDK is loaded only when that platform is on (Bolt, Bot Framework: tens of MB
  // of resident memory each that a deployment without them should not carry).
  const slackAdapter = config.slack.enabled ? await import('../../adapters/slack') : undefined;
  let slack: SlackAdapter | undefined;
  if (config.slack.enabled && slackAdapter) {
    slack = slackAdapter.registerSlack(app, {
      config: config.slack,
      flows,
      claimEvent: (key) => claimEvent(db, key),
      logger,
      botBack: async (channel) => void (await botIsBack(db, SLACK, [channel], new Date())),
      ...(deps.metrics ? { onSocketAck: (status: number, seconds: number) => deps.metrics?.ack('slack', status, seconds) } : {}),
    });
    await slack.start();
    const mounted = slack;
    deps.onClose(() => mounted.stop());
    publishers[SLACK] = (update) => mounted.publishJobUpdate(update);
  }

  let teams: RegisteredTeams | undefined;
  const teamsRefs = platformConversationRefs(db, TEAMS);
  const teamsConfig = config.teams;
  const teamsAdapter = teamsConfig.enabled || teamsConfig.playground ? await import('../../adapters/teams') : undefined;
  if (teamsAdapter) {
    teams = teamsAdapter.registerTeams(app, {
      flows,
      claimEvent: (key) => claimEvent(db, key),
      releaseEvent: (key) => releaseEvent(db, key),
      conversationRefs: teamsRefs,
      presence: {
        removed: async (teamId, conversationIds) => {
          for (const conversationId of conversationIds) await waitForBot(db, { platform: TEAMS, conversationId }, { code: 'removed', at: new Date(), teamId });
        },
        back: async (teamId) => void (await teamIsBack(db, TEAMS, teamId, new Date())),
        seen: async (conversationId) => void (await botIsBack(db, TEAMS, [conversationId], new Date())),
      },
      auth: teamsConfig.enabled
        ? {
            appId: teamsConfig.appId,
            appPassword: teamsConfig.appPassword,
            ...(teamsConfig.certificate
              ? { certificateThumbprint: teamsConfig.certificate.thumbprint, certificatePrivateKey: readCertificateKeyFile(teamsConfig.certificate.keyFile) }
              : {}),
            tenantId: teamsConfig.tenantId,
            appType: teamsConfig.appType,
            channelService: teamsConfig.endpoints.channelService,
            oauthEndpoint: teamsConfig.endpoints.oauthEndpoint,
            openIdMetadataUrl: teamsConfig.endpoints.openIdMetadataUrl,
            loginUrl: teamsConfig.endpoints.loginUrl,
          }
        : {},
      playground: teamsConfig.playground,
      azure: config.azure.mode,
      logger,
    });
    const running = teams;
    // Turns answered before they ran end before the store closes.
    deps.onClose(() => running.idle());
    const messenger = teams.messenger;
    publishers[TEAMS] = (update) => messenger.publishJobUpdate(update);
  }

  // Scheduled notifications: sweeps on the replica holding the lease, the outbox sent by every replica.
  const notifiers: Notifier[] = [];
  if (config.slack.enabled && slackAdapter) {
    notifiers.push(slackAdapter.createSlackNotifier({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }));
  }
  if (teams && teamsAdapter) {
    notifiers.push(teamsAdapter.createTeamsChannelNotifier({ teams: teams.messenger, conversationRefs: teamsRefs }));
  }
  const scheduler = startScheduler({
    db,
    dialect: config.store.kind,
    backup: deps.backup,
    config: config.scheduler,
    access: config.access,
    notifiers,
    logger,
    azureNow: deps.now,
    portalBaseUrl: config.portalUrl,
    ...(deps.metrics ? { onNotificationOutcome: deps.metrics.notification.bind(deps.metrics) } : {}),
  });
  deps.onClose(() => scheduler.stop());

  const refresh = startJobMessageRefresh({ flows, publishers, intervalMs: JOB_MESSAGE_REFRESH_MS, logger });
  deps.onClose(() => refresh.stop());
  return { flows, scheduler, ...(slack ? { slack } : {}), ...(teams ? { teams } : {}) };
}
