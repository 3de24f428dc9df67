/**
 * Threaded job notifications in a Teams channel, end to end: `backup subscribe … threaded` typed
 * in the channel, backup jobs that end on the emulator, the scheduler and the Teams notifier
 * through the fake Bot Connector. The day's summary line is a new post in the channel (POST
 * /v3/conversations), updated in place (PUT …/activities/{id} in the thread it opened); each job
 * is a reply in that thread (POST /v3/conversations/{channel};messageid={post id}/activities:
 * Microsoft, "Send proactive messages", and TeamsBotApplication.ReplyAsync, "Constructs a threaded
 * conversation ID from the conversation ID and message ID"); a failure is also a post of its own.
 */
import { nextScheduledRun } from '../../../src/domain/backup-policy.rule';
import { createTeamsChannelNotifier } from '../../../adapters/teams/teams.notifier';
import { dayOf } from '../../../src/notifications/day-threads';
import { createScheduler, type Scheduler } from '../../../src/scheduler';
import { platformConversationRefs } from '../../../src/store';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { SEED } from '../../support/backup-harness';
import type { ConnectorCall } from '../../support/fake-connector';
import { ManualClock } from '../../unit/notifications/support/manual-clock';
import { CHANNEL, channelPost } from './teams-activities';
import { cardText, TeamsDriver } from './teams-driver';
import { HARNESS_CRONS, startTeamsHarness, type TeamsHarness } from './teams-harness';

const WEU = SEED.vaultIds.westeurope;
const DAY = 24 * 3600_000;
const thread = (postId: string) => `${CHANNEL.id};messageid=${postId}`;

describe('Teams: threaded job notifications in a channel', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  let clock: ManualClock;
  const schedulers: Scheduler[] = [];

  const startScheduler = (holderId: string): Scheduler => {
    const scheduler = createScheduler({
      db: h.store.db,
      dialect: 'sqlite',
      backup: h.backup.service,
      config: HARNESS_CRONS,
      access: { defaultChannelScope: 'all' },
      notifiers: [createTeamsChannelNotifier({ teams: h.teams.messenger, conversationRefs: platformConversationRefs(h.store.db, 'teams') })],
      azureNow: () => h.backup.emulator.now(),
      clock,
      holderId,
    });
    schedulers.push(scheduler);
    return scheduler;
  };

  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
    clock = new ManualClock(h.backup.emulator.now());
    // The jobs below must end on one day of the server's time zone.
    if (dayOf(clock.now()) !== dayOf(new Date(clock.now().getTime() + 3 * 3600_000))) clock.advance(4 * 3600_000);
  });
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    await h?.close();
  });

  async function sweepJobs(scheduler: Scheduler): Promise<void> {
    const outcome = await scheduler.runTask('job-sweep', clock.now());
    if (!outcome.ran || outcome.error) throw new Error(`job-sweep: ${outcome.ran ? outcome.error : outcome.reason}`);
    for (let round = 0; round < 50; round++) {
      await scheduler.dispatcher.drain();
      if ((await listOutbox(h.store.db, { status: 'pending' })).length === 0) return;
      clock.advance(1_000);
    }
    throw new Error('the outbox did not settle');
  }

  async function oneBackupFails(): Promise<void> {
    h.backup.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptions.production, location: 'westeurope' });
    const item = await h.backup.service.findProtectedItem(SEED.protectedVmId);
    await h.backup.service.backupNow(item!, new Date(h.backup.emulator.now().getTime() + 10 * DAY));
    await h.backup.emulator.advance(10 * 60_000);
    clock.advance(60_000);
  }

  const text = (c: ConnectorCall): string => h.connector.cardsOf(c).map((card) => cardText(card)).join('\n');

  test('subscribed with `threaded`: 3 jobs end, one summary line updated in place, 3 replies in its thread, the failure also in the channel; a restart keeps the thread', async () => {
    const subscribed = await teams.in(channelPost()).say('backup subscribe rsv-prod-weu jobs threaded');
    expect(cardText(subscribed.card)).toContain('in one thread a day');
    const listed = await teams.in(channelPost()).say('backup subscriptions');
    expect(cardText(listed.card)).toMatch(/Every finished backup job in one thread a day/);

    let scheduler = startScheduler('replica-a');
    await h.backup.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedVmId]);
    const policy = await h.backup.service.getPolicy(WEU, 'DefaultPolicy');
    const now = h.backup.emulator.now();
    await h.backup.emulator.advance(nextScheduledRun(policy.schedule, now).getTime() - now.getTime() + 5 * 60_000);

    const before = h.connector.calls.length;
    await sweepJobs(scheduler);
    let calls = h.connector.calls.slice(before);
    const anchor = calls.find((c) => c.kind === 'create')!;
    expect(calls.filter((c) => c.kind === 'create')).toHaveLength(1);
    expect(anchor.conversationId).toBe(CHANNEL.id);
    expect(text(anchor)).toContain('2 jobs ended today: 2 completed');
    const replies = () => h.connector.calls.slice(before).filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === thread(anchor.newId!));
    expect(replies().map(text).join('\n')).toMatch(/Backup of web-0[12][\s\S]*Backup of web-0[12]/);

    await oneBackupFails();
    await sweepJobs(scheduler);
    calls = h.connector.calls.slice(before);
    const updates = calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: thread(anchor.newId!), activityId: anchor.newId });
    expect(text(updates[0])).toContain('3 jobs ended today: 2 completed, 1 failed');
    expect(replies()).toHaveLength(3);
    expect(text(replies()[2])).toMatch(/failed/i);
    // Teams has no broadcast reply: the failure is also a post of its own in the channel.
    const posts = calls.filter((c) => c.kind === 'create');
    expect(posts).toHaveLength(2);
    expect(text(posts[1])).toMatch(/Backup of web-01[\s\S]*failed/i);

    // A restart (or the next replica): the same day's thread, from the store.
    await scheduler.stop();
    scheduler = startScheduler('replica-b');
    await oneBackupFails();
    await sweepJobs(scheduler);
    calls = h.connector.calls.slice(before);
    expect(replies()).toHaveLength(4);
    expect(calls.filter((c) => c.kind === 'update').at(-1)).toMatchObject({ activityId: anchor.newId });
    expect(text(calls.filter((c) => c.kind === 'update').at(-1)!)).toContain('4 jobs ended today: 2 completed, 2 failed');
    expect(calls.filter((c) => c.kind === 'create')).toHaveLength(3); // the line and two failures' posts, no second line
  });
});
