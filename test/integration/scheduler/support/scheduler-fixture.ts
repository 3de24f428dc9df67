import { decodeMessageRef } from '../../../../adapters/slack/message-address';
import { nextScheduledRun } from '../../../../src/domain/backup-policy.rule';
import type { JobTracker } from '../../../../src/flows';
import { createJobTracker } from '../../../../src/flows/job-tracker';
import { createTrackedJobStore } from '../../../../src/store';
import type { Notifier } from '../../../../src/notifications/notifier.port';
import { createSlackNotifier } from '../../../../adapters/slack/slack.notifier';
import { createSubscriptionStore } from '../../../../src/notifications/subscription-store';
import type { SubscriptionEvents, SubscriptionScope, SubscriptionStore } from '../../../../src/notifications/subscription.types';
import { createScheduler, type Scheduler, type SchedulerDeps, type TaskName } from '../../../../src/scheduler';
import { openStore, type Store } from '../../../../src/store';
import type { StoreDb } from '../../../../src/store';
import { listOutbox } from '../../../../src/store/repositories/outbox.repository';
import { startBackupHarness, type BackupHarness } from '../../../support/backup-harness';
import { startFakeRateLimitedChat, type Arrival, type FakeChat } from '../../../support/fake-rate-limited-chat';
import { ManualClock } from '../../../unit/notifications/support/manual-clock';
import { createGuardedFlows } from '../../../../src/access';
import type { AccessConfig } from '../../../../src/config/config.types';
import type { Flows } from '../../../../src/flows/flows.types';
import { createNotificationsPort } from '../../../../src/scheduler';
import { MemoryTrackedJobs } from '../../../support/memory-tracked-jobs';

export const CRONS = { pendingDigestCron: '0 9 * * *', jobSweepCron: '*/20 * * * * *' };

/**
 * The scheduler of one replica, driven by hand: the emulator (manual Azure clock) behind the real
 * backup service, SQLite in memory, the fake chat API and the real Slack notifier, and a manual
 * wall clock for the outbox. No cron runs: tests call runTask and settle.
 */
export interface SchedulerFixture {
  azure: BackupHarness;
  store: Store;
  db: StoreDb;
  clock: ManualClock;
  /** The bot's clock: the emulator's less SchedulerFixtureOptions.azureAheadMs. */
  botNow(): Date;
  chat: FakeChat;
  notifier: Notifier;
  subscriptions: SubscriptionStore;
  /** The flows' job tracker on the store, publishing through the Slack notifier (what the adapter does). */
  tracker: JobTracker;
  scheduler: Scheduler;
  subscribe(channel: string, scope: SubscriptionScope, events?: SubscriptionEvents, platform?: 'slack' | 'teams'): Promise<void>;
  /** Runs the task as the cron would at `slot`, then sends everything it wrote. */
  tick(task: TaskName, slot?: Date): Promise<void>;
  /** Sends what is in the outbox, moving the manual wall clock over waits. */
  settle(): Promise<void>;
  /** Moves Azure's clock past the next run of a vault's DefaultPolicy and the backup it starts. */
  passScheduledBackup(vaultId: string): Promise<void>;
  /** Accepted posts (and updates) in a channel, as text: title line plus every block. */
  messages(channel: string, method?: Arrival['method']): string[];
  close(): Promise<void>;
}

export interface SchedulerFixtureOptions {
  /**
   * How far Azure's clock (the emulator's) runs ahead of the bot's (negative: behind). The bot
   * then reads its own clock for "now", its queries and its bindings, as in production, where it
   * cannot read Azure's. Default 0: the bot runs on the emulator's clock.
   */
  azureAheadMs?: number;
}

export async function schedulerFixture(extra: Partial<SchedulerDeps> = {}, options: SchedulerFixtureOptions = {}): Promise<SchedulerFixture> {
  const ahead = options.azureAheadMs ?? 0;
  let botNow = (): Date => new Date();
  const azure = await startBackupHarness(ahead === 0 ? {} : { service: { now: () => botNow() } });
  botNow = () => new Date(azure.emulator.now().getTime() - ahead);
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const db = store.db;
  const clock = new ManualClock(botNow());
  const chat = await startFakeRateLimitedChat({ now: () => clock.now() });
  const notifier = createSlackNotifier({ botToken: chat.botToken, apiUrl: chat.apiUrl, timeoutMs: 5_000 });
  const subscriptions = createSubscriptionStore(store.db);
  const tracker = createJobTracker({ backup: azure.service, store: createTrackedJobStore(store.db), now: botNow });
  const scheduler = createScheduler({
    db: store.db,
    dialect: 'sqlite',
    backup: azure.service,
    config: CRONS,
    notifiers: [notifier],
    azureNow: botNow,
    clock,
    holderId: 'replica-test',
    portalBaseUrl: 'https://portal.azure.com',
    refreshTrackedJobs: () =>
      tracker.refreshTrackedJobs(async (update) => {
        const address = decodeMessageRef(update.tracked.messageRef);
        if (!address) throw new Error('not a Slack message');
        await notifier.update(address.channel, address.ts, update.view);
      }),
    ...extra,
    // The embedded emulator's default unless a test says otherwise: unbound channels are told everything.
    access: extra.access ?? { defaultChannelScope: 'all' },
  });

  const settle = async (): Promise<void> => {
    for (let round = 0; round < 200; round++) {
      await scheduler.dispatcher.drain();
      const pending = await listOutbox(db, { status: 'pending' });
      if (pending.length === 0) return;
      clock.advance(1_000);
    }
    throw new Error('outbox did not settle');
  };

  return {
    azure,
    store,
    db,
    clock,
    botNow: () => botNow(),
    chat,
    notifier,
    subscriptions,
    tracker,
    scheduler,
    async subscribe(channel, scope, events = { pendingDigest: true, jobs: 'all' }, platform = 'slack') {
      await subscriptions.subscribe({ channel: { platform, conversationId: channel }, scope, scopeName: scope.kind === 'vault' ? scope.vaultId.split('/').pop() ?? '' : 'x', events, createdBy: 'U1', at: botNow() });
    },
    async tick(task, slot) {
      const outcome = await scheduler.runTask(task, slot ?? clock.now());
      if (!outcome.ran) throw new Error(`${task} did not run: ${outcome.reason}`);
      if (outcome.error) throw new Error(`${task} failed: ${outcome.error}`);
      clock.advance(20_000);
      await settle();
    },
    settle,
    async passScheduledBackup(vaultId) {
      const policy = await azure.service.getPolicy(vaultId, 'DefaultPolicy');
      const now = azure.emulator.now();
      const next = nextScheduledRun(policy.schedule, now);
      await azure.emulator.advance(next.getTime() - now.getTime() + 5 * 60_000);
    },
    messages: (channel, method = 'chat.postMessage') => chat.arrivals({ channel, method }).map((a) => `${a.text ?? ''}\n${JSON.stringify(a.blocks ?? [])}`),
    async close() {
      await scheduler.stop();
      await chat.close();
      await store.close();
      await azure.close();
    },
  };
}

/**
 * The guarded flows on the fixture's Azure and store, for typed `backup admin bind` and
 * `backup subscribe`. Bindings are timed on Azure's clock, like the jobs, so "ended before the
 * binding" is exact in these tests. Stop `flows.inventory` after the test.
 */
export function guardedFlowsOn(f: SchedulerFixture, access: AccessConfig): Flows {
  return createGuardedFlows({
    flows: {
      backup: f.azure.service,
      trackedJobs: new MemoryTrackedJobs(),
      portalBaseUrl: 'https://portal.azure.com',
      now: () => f.azure.emulator.now(),
      notifications: createNotificationsPort({ db: f.store.db, config: CRONS, access }),
    },
    db: f.store.db,
    access,
    now: () => f.azure.emulator.now(),
  });
}
