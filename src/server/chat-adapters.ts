import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { BackupService } from '../backup/backup.port';
import type { AppConfig } from '../config';
import type { Logger } from '../log';
import type { Database } from '../store';

/** What the composition root hands the chat adapters (and the scheduler). */
export interface BotDeps {
  config: AppConfig;
  logger: Logger;
  db: Kysely<Database>;
  backup: BackupService;
  /** The clock Azure runs on: the embedded emulator's scaled clock, or the system clock. */
  now: () => Date;
  /**
   * Registers cleanup to run at shutdown, after the HTTP server stops taking requests and before
   * the emulator and the store close (Socket Mode connections, cron tasks, timers). Last in, first run.
   */
  onClose(cleanup: () => Promise<void> | void): void;
}

/**
 * Mounts the chat platforms on the bot's express app. Called once at start, after /healthz and
 * before the 404 and error handlers. Adapters bring their own body parsing: Slack verifies
 * signatures over the raw body, so no global JSON parser is installed on the app.
 */
export async function mountChatAdapters(app: Express, deps: BotDeps): Promise<void> {
  // ┌──────────────────────────────────────────────────────────────────────────────────────┐
  // │ CHAT ADAPTERS AND SCHEDULER: wired here by the lead, e.g.                             │
  // │   if (deps.config.slack.enabled) await registerSlack(app, { ... from deps });         │
  // │   await registerTeams(app, { ... from deps });  // Bot Framework and/or playground   │
  // │   deps.onClose(startScheduler({ ... }).stop);                                        │
  // └──────────────────────────────────────────────────────────────────────────────────────┘
  void app;
  void deps;
}
