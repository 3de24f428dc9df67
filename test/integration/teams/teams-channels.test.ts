/**
 * A Teams channel is one channel: whatever post or reply a command is typed in, the channel's
 * bindings, subscriptions and notifications are the channel's; notifications arrive as new posts
 * in the channel. Activities follow the shapes Microsoft documents (see teams-activities.ts).
 */
import { nextScheduledRun } from '../../../src/domain/backup-policy.rule';
import type { AccessConfig } from '../../../src/config/config.types';
import { createTeamsChannelNotifier} from '../../../adapters/teams/teams.notifier';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import { createScheduler, type Scheduler } from '../../../src/scheduler';
import { listConversationRefs, platformConversationRefs } from '../../../src/store';
import { queryAuditLog } from '../../../src/store/repositories/audit-log.repository';
import { listOutbox } from '../../../src/store/repositories/outbox.repository';
import { SEED } from '../../support/backup-harness';
import type { ConnectorCall } from '../../support/fake-connector';
import { ManualClock } from '../../unit/notifications/support/manual-clock';
import { CHANNEL, channelPost, GROUP, GROUP_CHAT, PERSONAL, TEAMS, threadReply, type TeamsPlace } from './teams-activities';
import { cardText, findInput, TeamsDriver } from './teams-driver';
import { HARNESS_CRONS, startTeamsHarness, type TeamsHarness } from './teams-harness';
import { eventually } from '../../support/eventually';

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
      notifiers: [createTeamsChannelNotifier({ teams: h.teams.messenger, conversationRefs: platformConversationRefs(h.store.db, 'teams') })],
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
  test('a change typed in a thread is announced in the channel as a new post; what only the asker needs stays in the thread', async () => {
    const post = channelPost();
    await teams.in(post).say('backup status web-01');
    const reply = threadReply(post.postId);

    let before = h.connector.calls.length;
    await teams.in(reply).say('backup subscribe rsv-prod-neu failures');
    const announced = callsSince(before);
    expect(announced.map((c) => [c.kind, c.conversationId])).toEqual([['create', CHANNEL.id]]);
    expect(cardText(h.connector.cardsOf(announced[0])[0])).toContain('rsv-prod-neu');

    // A refusal (nothing changed) and a usage error are the asker's: in the thread.
    before = h.connector.calls.length;
    await teams.in(reply).say('backup subscribe rsv-no-such-vault');
    await teams.in(reply).say('backup stop');
    expect(callsSince(before).map((c) => c.conversationId)).toEqual([inThread(post.postId), inThread(post.postId)]);
  });

  test('when Teams refuses the bot a new post in the channel, the change is answered in the thread instead', async () => {
    const post = channelPost();
    await teams.in(post).say('backup status web-01');
    h.connector.refuseNewPosts = 403;
    try {
      const before = h.connector.calls.length;
      const answer = await teams.in(threadReply(post.postId)).say('backup subscribe rsv-prod-eus failures');
      expect(cardText(answer.card)).toContain('rsv-prod-eus');
      expect(callsSince(before).map((c) => c.conversationId)).toEqual([inThread(post.postId)]);
    } finally {
      h.connector.refuseNewPosts = undefined;
    }
  });

  test('Backup now from a thread: the form stays in the thread; the job message is a new post in the channel and updates there', async () => {
    const post = channelPost();
    const inPost = teams.in(threadReply(post.postId));
    const form = await inPost.say('backup now web-01');
    expect(h.connector.calls.find((c) => c.newId === form.activityId)?.conversationId).toBe(inThread(post.postId));

    const before = h.connector.calls.length;
    const replaced = await inPost.pressAndReplace(form, 'Back up now', { retainUntil: String(findInput(form.card, 'retainUntil').value) });
    expect(cardText(replaced.card)).toMatch(/posted in the channel/i);
    // The post follows the invoke's answer, which never waits on the connector.
    const job = await eventually(() => {
      const created = callsSince(before).filter((c) => c.kind === 'create');
      return created.length > 0 && created;
    }, { what: 'the job message posted in the channel' });
    expect(job).toHaveLength(1);
    expect(job[0].conversationId).toBe(CHANNEL.id);
    expect(cardText(h.connector.cardsOf(job[0])[0])).toContain('Backup of web-01');

    for (let pass = 0; pass < 12 && (await h.trackedJobs.listOpen()).length > 0; pass += 1) {
      await h.backup.emulator.advance(5 * 60_000);
      await h.flows.jobs.refreshTrackedJobs((update) => h.teams.messenger.publishJobUpdate(update));
    }
    const updates = callsSince(before).filter((c) => c.kind === 'update' && c.activityId === job[0].newId);
    expect(updates.length).toBeGreaterThan(0);
    // Updated in place: in the thread the post opened, never posted again.
    expect(updates.every((u) => u.conversationId === inThread(job[0].newId!))).toBe(true);
    expect(cardText(h.connector.cardsOf(updates.at(-1)!)[0])).toMatch(/Completed/);
    expect(callsSince(before).filter((c) => c.kind === 'create')).toHaveLength(1);
  });
  test('a change slower than the invoke: the working card in the thread says the result was posted in the channel, where it arrives', async () => {
    const inThread = teams.in(threadReply(channelPost().postId));
    const vaultStep = await inThread.say('backup enable web-04');
    const policyStep = await inThread.pressAndReplace(vaultStep, 'Next', { vault: WEU, vaultName: '' });
    const confirm = await inThread.pressAndReplace(policyStep, 'Next', { policy: 'default' });

    // Enabling is held until Teams has had its answer to the invoke (as when Azure is slow).
    const handle = h.flows.handle;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    h.flows.handle = async (intent, actor) => {
      if (intent.type === 'enable.confirm') await held;
      return handle.call(h.flows, intent, actor);
    };
    try {
      const before = h.connector.calls.length;
      const working = await inThread.pressAndReplace(confirm, 'Enable Backup');
      expect(cardText(working.card)).toMatch(/Working on it/);
      release();

      const notice = await eventually(() => callsSince(before).find((c) => c.kind === 'update' && c.activityId === confirm.activityId));
      expect(cardText(h.connector.cardsOf(notice)[0])).toMatch(/posted in the channel/i);
      const posted = callsSince(before).filter((c) => c.kind === 'create');
      expect(posted.map((c) => c.conversationId)).toEqual([CHANNEL.id]);
      expect(cardText(h.connector.cardsOf(posted[0])[0])).toContain('web-04');
    } finally {
      h.flows.handle = handle;
    }
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
  // The root post and the reply are in the same channel: each follows a vault of its own.
  const places: [string, () => TeamsPlace, string, string][] = [
    ['a personal chat', () => PERSONAL, TEAMS.conversationId, 'rsv-prod-neu'],
    ['a group chat', () => GROUP, GROUP_CHAT.id, 'rsv-prod-neu'],
    ['a channel root post', () => channelPost(), CHANNEL.id, 'rsv-prod-neu'],
    ['a reply in a channel thread', () => reply, CHANNEL.id, 'rsv-prod-eus'],
  ];
  test.each(places)('%s: the answer comes where it was typed; a change is the conversation\'s', async (_where, place, keyedBy, vault) => {
    const here = place();
    const before = h.connector.calls.length;
    const answer = await teams.in(here).say('backup subscriptions');
    expect(cardText(answer.card)).toMatch(/follows|subscri/i);
    expect(h.connector.calls.slice(before).map((c) => c.conversationId)).toEqual([String(here.conversation.id)]);

    // A change is announced: in a chat, in the chat; in a channel, as a new post in the channel.
    const subscribedAt = h.connector.calls.length;
    await teams.in(place()).say(`backup subscribe ${vault}`);
    const announced = h.connector.calls.slice(subscribedAt);
    expect(announced.map((c) => c.conversationId)).toEqual([keyedBy]);
    expect(announced[0].kind === 'create').toBe(keyedBy === CHANNEL.id);
    const subs = await createSubscriptionStore(h.store.db).list({ platform: 'teams', conversationId: keyedBy });
    expect(subs.map((s) => s.scopeName)).toContain(vault);
    const refs = await listConversationRefs(h.store.db, { platform: 'teams' });
    expect(refs.map((r) => r.conversationId)).toContain(keyedBy);
    expect(refs.some((r) => r.conversationId.includes(';messageid='))).toBe(false);
  });
});
