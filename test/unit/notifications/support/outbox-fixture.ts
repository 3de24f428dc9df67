import type { NoticeView } from '../../../../src/flows/views';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../../../src/notifications/dispatcher';
import { createSlackNotifier } from '../../../../adapters/slack/slack.notifier';
import { keyDigest } from '../../../../src/notifications/outbox';
import { openStore, type Store } from '../../../../src/store';
import type { StoreDb } from '../../../../src/store';
import { enqueueNotifications, listOutbox, type NewOutboxEntry } from '../../../../src/store/repositories/outbox.repository';
import { startFakeRateLimitedChat, type FakeChat } from '../../../support/fake-rate-limited-chat';
import { ManualClock } from './manual-clock';

export const notice = (title: string): NoticeView => ({ kind: 'notice', tone: 'info', title, text: `${title} text`, actions: [] });

/** A Slack notification for the outbox. */
export function slackEntry(channel: string, n: number, extra: Partial<NewOutboxEntry> = {}): NewOutboxEntry {
  return { key: `test|${channel}|${n}`, platform: 'slack', conversationId: channel, action: 'post', label: 'job-ended', viewJson: JSON.stringify(notice(`${channel} #${n}`)), ...extra };
}

/** SQLite in memory, a manual clock, the fake chat API and the real Slack notifier pointed at it. */
export interface OutboxFixture {
  store: Store;
  db: StoreDb;
  clock: ManualClock;
  chat: FakeChat;
  dispatcher(holder: string, options?: Partial<DispatcherOptions>): Dispatcher;
  enqueue(entries: NewOutboxEntry[]): Promise<string[]>;
  /** Drains, moving the clock to the next due time whenever nothing is due now, until nothing is pending. */
  settle(dispatcher: Dispatcher, maxRounds?: number): Promise<void>;
  /** Accepted posts per key, by the key as written (the fake sees digests). */
  postsPerKey(keys: string[]): number[];
  close(): Promise<void>;
}

export async function outboxFixture(options: { store?: Store } = {}): Promise<OutboxFixture> {
  const store = options.store ?? (await openStore({ kind: 'sqlite', file: ':memory:' }));
  const db = store.db;
  const clock = new ManualClock();
  const chat = await startFakeRateLimitedChat({ now: () => clock.now() });
  const notifier = createSlackNotifier({ botToken: chat.botToken, apiUrl: chat.apiUrl, timeoutMs: 5_000 });
  const dispatcher = (holder: string, extra: Partial<DispatcherOptions> = {}): Dispatcher =>
    createDispatcher({ db: store.db, dialect: store.kind, notifiers: [notifier], holder, clock, random: () => 0.5, ...extra });
  return {
    store,
    db,
    clock,
    chat,
    dispatcher,
    enqueue: (entries) => enqueueNotifications(db, entries, clock.now()),
    async settle(d, maxRounds = 500) {
      for (let round = 0; round < maxRounds; round++) {
        await d.drain();
        const pending = await listOutbox(db, { status: 'pending' });
        if (pending.length === 0) return;
        const channels = await db.selectFrom('notification_channels').select(['next_send_at', 'claimed_until']).execute();
        const times = [
          ...pending.map((p) => p.notBefore.getTime()),
          ...pending.flatMap((p) => (p.claimedUntil ? [p.claimedUntil.getTime() + 1] : [])),
          ...channels.map((c) => new Date(c.next_send_at).getTime()),
          ...channels.flatMap((c) => (c.claimed_until ? [new Date(c.claimed_until).getTime() + 1] : [])),
        ].filter((t) => t > clock.now().getTime());
        clock.set(new Date(times.length > 0 ? Math.min(...times) : clock.now().getTime() + 1_000));
      }
      throw new Error('the outbox did not settle');
    },
    postsPerKey: (keys) => {
      const counts = chat.postsByKey();
      return keys.map((k) => counts.get(keyDigest(k)) ?? 0);
    },
    async close() {
      await chat.close();
      await store.close();
    },
  };
}
