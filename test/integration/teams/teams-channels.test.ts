/**
 * A Teams channel is one channel: whatever post or reply a command is typed in, the channel's
 * bindings, subscriptions and notifications are the channel's; notifications arrive as new posts
 * in the channel. Activities follow the shapes Microsoft documents (see teams-activities.ts).
 */
import { nextScheduledRun } from '../../../src/domain/backup-policy.rule';
import type { AccessConfig } from '../../../src/config/config.types';
import { createTeamsChannelNotifier, proactivePoster } from '../../../src/notifications/notifiers/teams.notifier';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import { createScheduler, type Scheduler } from '../../../src/scheduler';
import { listConversationRefs } from '../../../src/store';
import { queryAuditLog } from '../../../src/store/repositories/audit-log.repository';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { SEED } from '../../support/backup-harness';
import type { ConnectorCall } from '../../support/fake-connector';
import { ManualClock } from '../../unit/notifications/support/manual-clock';
import { CHANNEL, channelPost, GROUP, GROUP_CHAT, PERSONAL, TEAMS, threadReply, type TeamsPlace } from './teams-activities';
import { cardText, TeamsDriver } from './teams-driver';
import { HARNESS_CRONS, startTeamsHarness, type TeamsHarness } from './teams-harness';

const PROD = SEED.subscriptions.production;
const WEU = SEED.vaultIds.westeurope;

/** As on Azure: a channel nobody bound sees nothing; the test's user is an admin of the tenant. */
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'teams', workspaceId: TEAMS.tenantId, userId: TEAMS.user.aadObjectId }],
  defaultChannelScope: 'none',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};

const inThread = (postId: string) => `${CHANNEL.id};messageid=${postId}`;

describe('Teams: a channel is one channel, whichever post a command is typed in', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  let scheduler: Scheduler;
  let clock: ManualClock;
  beforeAll(async () => {
    h = await startTeamsHarness({ access: ACCESS });
    teams = new TeamsDriver(h);
    clock = new ManualClock(h.backup.emulator.now());
    scheduler = createScheduler({
      db: h.store.db,
      dialect: 'sqlite',
      backup: h.backup.service,
      config: HARNESS_CRONS,
      access: ACCESS,
      notifiers: [createTeamsChannelNotifier({ teams: proactivePoster(h.teams.adapter, ''), db: h.store.db })],
      azureNow: () => h.backup.emulator.now(),
      clock,
      holderId: 'teams-channels-test',
    });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await h?.close();
  });

  /** Runs the job sweep and sends what it wrote. */
  async function sweepJobs(): Promise<void> {
    const outcome = await scheduler.runTask('job-sweep', clock.now());
    if (!outcome.ran || outcome.error) throw new Error(`job-sweep: ${outcome.ran ? outcome.error : outcome.reason}`);
    for (let round = 0; round < 50; round++) {
      await scheduler.dispatcher.drain();
      if ((await listOutbox(h.store.db, { status: 'pending' })).length === 0) return;
      clock.advance(1_000);
    }
    throw new Error('the outbox did not settle');
  }

  const callsSince = (before: number): ConnectorCall[] => h.connector.calls.slice(before);

  test('bound in post A, post B lists the VMs; subscribed in a reply to post A, post C lists the subscription', async () => {
    // Nobody bound the channel yet: a post sees nothing.
    expect(cardText((await teams.in(channelPost()).say('backup vms web')).card)).toMatch(/not bound/i);

    const postA = channelPost();
    const bound = await teams.in(postA).say(`backup admin bind ${PROD}`);
    expect(cardText(bound.card)).toContain(PROD);

    const postB = channelPost();
    const before = h.connector.calls.length;
    const vms = await teams.in(postB).say('backup vms web');
    expect(cardText(vms.card)).toContain('web-01');
    // A read-only answer goes back into the thread where it was asked.
    expect(callsSince(before).map((c) => c.conversationId)).toEqual([inThread(postB.postId)]);
    // And in a reply to post B just the same.
    expect(cardText((await teams.in(threadReply(postB.postId)).say('backup vms web')).card)).toContain('web-01');

    await teams.in(threadReply(postA.postId)).say('backup subscribe rsv-prod-weu jobs');
    const listed = await teams.in(channelPost()).say('backup subscriptions');
    expect(cardText(listed.card)).toContain('rsv-prod-weu');

    // One conversation reference for the channel (the channel itself, not a thread), and the
    // audit log says the channel.
    const refs = (await listConversationRefs(h.store.db, { platform: 'teams' })).map((r) => r.conversationId);
    expect(refs).toEqual([CHANNEL.id]);
    const audit = await queryAuditLog(h.store.db, {});
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.actor.channelId === CHANNEL.id)).toBe(true);
  });

  test('a job that ends is posted to the channel as a new post, not into the thread where someone subscribed', async () => {
    await sweepJobs(); // the first sweep only sets where the next one starts
    const policy = await h.backup.service.getPolicy(WEU, 'DefaultPolicy');
    const now = h.backup.emulator.now();
    await h.backup.emulator.advance(nextScheduledRun(policy.schedule, now).getTime() - now.getTime() + 5 * 60_000);
    clock.set(h.backup.emulator.now());

    const before = h.connector.calls.length;
    for (let i = 0; i < 4; i++) {
      await h.backup.emulator.advance(60_000);
      clock.advance(60_000);
      await sweepJobs();
    }
    const posted = callsSince(before).filter((c) => JSON.stringify(h.connector.cardsOf(c)).includes('Backup of web-01'));
    expect(posted).toHaveLength(1);
    // POST /v3/conversations with channelData.channel.id: a new post in the channel.
    expect(posted[0]).toMatchObject({ kind: 'create', conversationId: CHANNEL.id });
    expect(callsSince(before).some((c) => c.conversationId.includes(';messageid='))).toBe(false);
  });
});

describe('Teams: where answers go and how the conversation is keyed, in each place Teams sends from', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness({ access: { ...ACCESS, defaultChannelScope: 'all' } });
    teams = new TeamsDriver(h);
  });
  afterAll(() => h?.close());

  // A root post is one message: each command below is typed in a new post of the channel.
  const reply = threadReply(channelPost().postId);
  const places: [string, () => TeamsPlace, string][] = [
    ['a personal chat', () => PERSONAL, TEAMS.conversationId],
    ['a group chat', () => GROUP, GROUP_CHAT.id],
    ['a channel root post', () => channelPost(), CHANNEL.id],
    ['a reply in a channel thread', () => reply, CHANNEL.id],
  ];
  test.each(places)('%s: the answer comes where it was typed; the subscription is the conversation\'s', async (_where, place, keyedBy) => {
    const here = place();
    const before = h.connector.calls.length;
    const answer = await teams.in(here).say('backup subscriptions');
    expect(cardText(answer.card)).toMatch(/follows|subscri/i);
    expect(h.connector.calls.slice(before).map((c) => c.conversationId)).toEqual([String(here.conversation.id)]);

    await teams.in(place()).say('backup subscribe rsv-prod-neu');
    const subs = await createSubscriptionStore(h.store.db).list({ platform: 'teams', conversationId: keyedBy });
    expect(subs.map((s) => s.scopeName)).toContain('rsv-prod-neu');
    const refs = await listConversationRefs(h.store.db, { platform: 'teams' });
    expect(refs.map((r) => r.conversationId)).toContain(keyedBy);
    expect(refs.some((r) => r.conversationId.includes(';messageid='))).toBe(false);
  });
});
