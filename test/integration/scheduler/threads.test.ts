/**
 * Threaded job notifications on Slack, against the emulator and the fake Slack Web API: one
 * summary line a day per channel, updated in place (chat.update), each job a reply under it
 * (chat.postMessage thread_ts), a failure also shown in the channel (reply_broadcast); another
 * replica, or a restart, keeps using the same day's thread because its anchor is in the store.
 */
import { createSlackNotifier } from '../../../adapters/slack/slack.notifier';
import { createDispatcher } from '../../../src/notifications/dispatcher';
import { createScheduler } from '../../../src/scheduler';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { dayOf } from '../../../src/notifications/day-threads';
import { getThread, threadKeyOf } from '../../../src/store/repositories/threads.repository';
import { SEED } from '../../support/backup-harness';
import { CRONS, schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

const WEU = SEED.vaultIds.westeurope;
const DAY = 24 * 3600_000;
const CHANNEL = 'C-BUSY';

/** Keeps the test's outbox clock away from midnight (server time), so its jobs end on one day. */
function awayFromMidnight(f: SchedulerFixture): void {
  const now = f.clock.now();
  if (dayOf(now) !== dayOf(new Date(now.getTime() + 3 * 3600_000))) f.clock.advance(4 * 3600_000);
}

describe('threaded job notifications on Slack', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await schedulerFixture();
    awayFromMidnight(f);
  });
  afterEach(async () => {
    await f?.close();
  });

  const top = () => f.chat.arrivals({ channel: CHANNEL, method: 'chat.postMessage' }).filter((a) => a.threadTs === undefined);
  const replies = () => f.chat.arrivals({ channel: CHANNEL, method: 'chat.postMessage' }).filter((a) => a.threadTs !== undefined);
  const updates = () => f.chat.arrivals({ channel: CHANNEL, method: 'chat.update' });

  /** web-02 protected too, then both VMs' scheduled backups: two completed jobs. */
  async function twoBackupsComplete(): Promise<void> {
    await f.azure.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedVmId]);
    await f.passScheduledBackup(WEU);
  }

  /** A Backup now of web-01 that fails (a lock on the restore point collection's group). */
  async function oneBackupFails(): Promise<void> {
    f.azure.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptions.production, location: 'westeurope' });
    const item = await f.azure.service.findProtectedItem(SEED.protectedVmId);
    await f.azure.service.backupNow(item!, new Date(f.azure.emulator.now().getTime() + 10 * DAY));
    await f.azure.emulator.advance(10 * 60_000);
  }

  test('3 jobs end: one summary line updated in place, 3 replies in its thread, the failure also in the channel; a restarted or second replica keeps the thread', async () => {
    await f.subscribe(CHANNEL, { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all', threaded: true });
    await twoBackupsComplete();
    await f.tick('job-sweep');
    const [anchor] = top();
    expect(top()).toHaveLength(1);
    expect(anchor.text).toContain('2 jobs ended today: 2 completed');
    expect(replies().map((r) => r.threadTs)).toEqual([anchor.ts, anchor.ts]);
    expect(replies().map((r) => r.text).join('\n')).toMatch(/web-01[\s\S]*web-02|web-02[\s\S]*web-01/);

    await oneBackupFails();
    await f.tick('job-sweep');
    expect(top()).toHaveLength(1); // still one line in the channel
    expect(updates().map((u) => u.ts)).toEqual([anchor.ts]);
    expect(updates().at(-1)?.text).toContain('3 jobs ended today: 2 completed, 1 failed');
    expect(replies()).toHaveLength(3);
    expect(replies().every((r) => r.threadTs === anchor.ts)).toBe(true);
    const failure = replies().at(-1)!;
    expect(failure.text).toMatch(/failed/i);
    expect(failure.replyBroadcast).toBe(true);
    expect(replies().slice(0, 2).every((r) => r.replyBroadcast === false)).toBe(true);
    // Sweeping again tells nothing twice and counts nothing twice.
    await f.tick('job-sweep');
    expect(replies()).toHaveLength(3);
    expect(updates()).toHaveLength(1);

    // This replica stops (a restart, or its pod replaced); another on the same store takes over.
    await f.scheduler.stop();
    const replica = createScheduler({
      db: f.db,
      dialect: 'sqlite',
      backup: f.azure.service,
      config: CRONS,
      notifiers: [f.notifier],
      azureNow: () => f.botNow(),
      clock: f.clock,
      holderId: 'replica-2',
      portalBaseUrl: 'https://portal.azure.com',
      access: { defaultChannelScope: 'all' },
    });
    try {
      await oneBackupFails();
      const outcome = await replica.runTask('job-sweep', f.clock.now());
      expect(outcome).toMatchObject({ ran: true });
      f.clock.advance(20_000);
      await replica.dispatcher.drain();
      for (let i = 0; i < 5; i++) {
        f.clock.advance(1_000);
        await replica.dispatcher.drain();
      }
    } finally {
      await replica.stop();
    }
    expect(top()).toHaveLength(1);
    expect(replies()).toHaveLength(4);
    expect(replies().every((r) => r.threadTs === anchor.ts)).toBe(true);
    expect(updates().at(-1)?.text).toContain('4 jobs ended today: 2 completed, 2 failed');
    expect([...f.chat.postsByKey().values()].every((n) => n === 1)).toBe(true);
    const thread = await getThread(f.db, threadKeyOf({ platform: 'slack', conversationId: CHANNEL }, dayOf(f.clock.now())));
    expect(thread).toMatchObject({ anchorMessageId: anchor.ts, anchorState: 'posted', counts: { completed: 2, failed: 2 } });
  });

  test('a deleted summary line: the next one is posted anew and the day\'s later replies go under it; a channel without threads is unchanged', async () => {
    await f.subscribe(CHANNEL, { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all', threaded: true });
    await f.subscribe('C-PLAIN', { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all' });
    await twoBackupsComplete();
    await f.tick('job-sweep');
    const [first] = top();
    f.chat.deleteMessage(CHANNEL, first.ts);

    await oneBackupFails();
    await f.tick('job-sweep');
    expect(top()).toHaveLength(2);
    const second = top()[1];
    expect(second.text).toContain('3 jobs ended today: 2 completed, 1 failed');
    expect(replies().at(-1)).toMatchObject({ threadTs: second.ts, replyBroadcast: true });
    // The plain channel: each job a message of its own, no thread, no summary.
    const plain = f.chat.arrivals({ channel: 'C-PLAIN', method: 'chat.postMessage' });
    expect(plain).toHaveLength(3);
    expect(plain.every((a) => a.threadTs === undefined)).toBe(true);
    expect(plain.some((a) => /jobs ended today/.test(a.text ?? ''))).toBe(false);
  });

  test('a reply whose answer never came (in doubt) is looked for in its thread (conversations.replies) and not posted twice', async () => {
    await f.subscribe(CHANNEL, { kind: 'vault', vaultId: WEU }, { pendingDigest: false, jobs: 'all', threaded: true });
    await twoBackupsComplete();
    expect(await f.scheduler.runTask('job-sweep', f.clock.now())).toMatchObject({ ran: true });
    // The line is post 1; the first reply (post 2) arrives but Slack's answer never does.
    const held = f.chat.holdPost(2);
    const sender = createDispatcher({
      db: f.db,
      dialect: 'sqlite',
      notifiers: [createSlackNotifier({ botToken: f.chat.botToken, apiUrl: f.chat.apiUrl, timeoutMs: 300 })],
      holder: 'sender-with-short-timeout',
      clock: f.clock,
    });
    await sender.drain();
    const arrived = await held;
    expect((await listOutbox(f.db, { status: 'pending' })).filter((e) => e.inDoubt)).toHaveLength(1);
    for (let round = 0; round < 20 && (await listOutbox(f.db, { status: 'pending' })).length > 0; round++) {
      f.clock.advance(60_000);
      await sender.drain();
    }
    expect(await listOutbox(f.db, { status: 'pending' })).toEqual([]);
    expect(replies()).toHaveLength(2);
    expect([...f.chat.postsByKey().values()].every((n) => n === 1)).toBe(true);
    expect((await listOutbox(f.db)).find((e) => e.thread?.role === 'reply' && e.messageId === arrived.ts)).toBeDefined();
  });
});
