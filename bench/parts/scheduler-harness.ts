/**
 * The scheduler as the product composes it (src/scheduler's createScheduler with its default
 * tuning, the Slack notifier of src/notifications, the store on a SQLite file), against the
 * benchmark's backends: the emulator for Azure, the fake Slack for chat. Sweeps are run by hand
 * (runTask) so that each one can be measured; the dispatcher runs as the scheduler runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAzureBackupService, staticTokenCredential } from '../../src/backup/azure';
import { DEFAULT_JOB_SWEEP_CRON, DEFAULT_PENDING_DIGEST_CRON } from '../../src/config/settings';
import { createSlackNotifier } from '../../adapters/slack';
import { createSubscriptionStore, type SubscriptionStore } from '../../src/notifications';
import { createScheduler, type Scheduler } from '../../src/scheduler';
import { openStore, type Store } from '../../src/store';
import { BOT_TOKEN } from '../lib/bench-identity';
import type { Backends } from '../lib/stack';

export interface SchedulerHarness {
  scheduler: Scheduler;
  subscriptions: SubscriptionStore;
  store: Store;
  /** The emulator's clock as the sweeps see it: set it after moving a manual clock. */
  setAzureNow(at: Date): void;
  close(): Promise<void>;
}

export async function startSchedulerHarness(workDir: string, backends: Backends, name: string): Promise<SchedulerHarness> {
  const store = await openStore({ kind: 'sqlite', file: path.join(workDir, `${name}.sqlite`) });
  let azureNow = await backends.azureNow();
  const backup = createAzureBackupService({
    subscriptionIds: backends.subscriptionIds,
    credential: staticTokenCredential(),
    resourceManagerEndpoint: backends.endpoint,
    ca: fs.readFileSync(backends.caFile, 'utf8'),
    now: () => azureNow,
  });
  const scheduler = createScheduler({
    db: store.db,
    dialect: 'sqlite',
    backup,
    config: { pendingDigestCron: DEFAULT_PENDING_DIGEST_CRON, jobSweepCron: DEFAULT_JOB_SWEEP_CRON },
    // The embedded emulator's default: every channel nobody bound is told everything.
    access: { defaultChannelScope: 'all' },
    notifiers: [createSlackNotifier({ botToken: BOT_TOKEN, apiUrl: backends.slackApiUrl })],
    azureNow: () => azureNow,
    holderId: `bench-${name}`,
  });
  return {
    scheduler,
    subscriptions: createSubscriptionStore(store.db),
    store,
    setAzureNow: (at) => {
      azureNow = at;
    },
    close: async () => {
      await scheduler.stop();
      await store.close();
    },
  };
}
