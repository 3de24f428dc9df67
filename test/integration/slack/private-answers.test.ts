/**
 * What only the asker needs stays private; what changes Azure or the channel's settings is
 * announced. End to end over HTTP, with the slash command as Slack sends it in a public channel,
 * in a private channel the bot was not invited to, and in a DM with the bot
 * (docs.slack.dev/interactivity/implementing-slash-commands: `channel_name` is the channel's name,
 * `privategroup` or `directmessage`; the response_url answers ephemerally unless told
 * `in_channel`, and works where the app is not a member). Posting where the bot is not a member
 * answers `channel_not_found` for a private channel (docs.slack.dev/reference/methods/chat.postMessage).
 */
import type { AccessConfig } from '../../../src/config/config.types';
import { SHARE_ACTION_ID } from '../../../cards/slack';
import type { FakeEphemeral, FakeView, Json } from '../../support/fake-slack-api';
import { startSlackBot, type SlackBot } from './support/slack-bot';
import type { SlackPerson } from './support/slack-person';

const TEAM = 'T0OPS';
const PUBLIC = 'C0PUBLIC';
const PRIVATE = 'C0PRIVATE';
const DM = 'D0BOTDM';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ADMIN' }],
  defaultChannelScope: 'all',
  defaultRole: 'viewer',
  costlyActions: { limit: 100, windowMinutes: 10 },
};

const texts = (x: unknown): string => JSON.stringify(x);

describe('Slack: private answers and announcements', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot({ access: ACCESS, fake: { teamId: TEAM, channelsWithoutBot: [PRIVATE], privateChannels: [PRIVATE] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  /** Runs a command and waits until the person was answered (ephemerally or in the conversation). */
  const run = async (person: SlackPerson, text: string, expected: RegExp): Promise<void> => {
    const since = bot.fake.mark();
    expect((await person.slash(text)).status).toBe(200);
    await bot.fake.waitForCall(
      (c) => (c.method === 'response_url' || c.method === 'chat.postMessage' || c.method === 'views.open') && c.response.ok !== false && expected.test(texts(c.args)),
      `the answer to ${text}`,
      since,
    );
  };
  const seen = (user: string, expected: RegExp): FakeEphemeral[] => bot.fake.ephemerals(user).filter((e) => !e.deleted && expected.test(texts(e.blocks) + String(e.text)));
  const postedIn = (channel: string, expected: RegExp) => bot.fake.messages(channel).filter((m) => expected.test(texts(m.blocks) + String(m.text)));
  const opened = async (since: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'a modal', since);
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };

  /** Backup now of web-01 through its modal, kept `days` days (each test its own request); resolves once the job message is out. */
  const backupNow = async (person: SlackPerson, days: number): Promise<void> => {
    const since = bot.fake.mark();
    await person.slash('now web-01');
    const modal = await opened(since);
    expect(modal.view.callback_id).toBe('form:now.retain');
    person.type(modal.id, 'retainUntil', new Date(bot.harness.emulator.now().getTime() + days * 86_400_000).toISOString().slice(0, 10));
    expect((await person.submit(modal.id)).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.response.ok === true && /Backup of web-01/.test(String(c.args.text)), 'the job message', since);
  };

  describe('in a public channel the bot is in', () => {
    it('answers read-only commands, usage errors and refusals to the asker only', async () => {
      const ana = bot.person('U0ANA', PUBLIC);
      await run(ana, 'status', /rsv-|vault/i);
      await run(ana, 'vms web', /web-01/);
      await run(ana, 'jobs', /Backup jobs, last 24 hours/);
      await run(ana, 'enabel web-01', /enable/);
      await run(ana, 'now web-01', /needs the operator role/);
      expect(bot.fake.messages(PUBLIC)).toEqual([]);
      expect(bot.fake.calls('response_url').filter((c) => c.args.response_type !== 'ephemeral')).toEqual([]);
      expect(seen('U0ANA', /needs the operator role/)).toHaveLength(1);
      expect(seen('U0ANA', /Unknown command|Did you mean/i).length).toBeGreaterThan(0);
      // Status and jobs can be shown to others; a VM list or a refusal has no such button.
      expect(texts(seen('U0ANA', /vault/i)[0].blocks)).toContain(SHARE_ACTION_ID);
      expect(texts(seen('U0ANA', /web-01/)[0].blocks)).not.toContain(`"action_id":"${SHARE_ACTION_ID}"`);
      expect(texts(seen('U0ANA', /needs the operator role/)[0].blocks)).not.toContain(`"action_id":"${SHARE_ACTION_ID}"`);
    });

    it('posts the answer for everyone on Share in channel, and removes the private copy', async () => {
      const bo = bot.person('U0BO', PUBLIC);
      await run(bo, 'status web-01', /web-01/);
      const privateStatus = seen('U0BO', /web-01/)[0];
      const since = bot.fake.mark();
      expect((await bo.clickEphemeralButton(privateStatus, SHARE_ACTION_ID)).status).toBe(200);
      await bot.fake.waitForCall((c) => c.method === 'response_url' && c.args.delete_original === true, 'the private copy removed', since);
      const shared = postedIn(PUBLIC, /web-01/);
      expect(shared).toHaveLength(1);
      expect(texts(shared[0].blocks)).toContain('<@U0BO> shared this');
      expect(texts(shared[0].blocks)).not.toContain(`"action_id":"${SHARE_ACTION_ID}"`);
      expect(bot.fake.ephemerals('U0BO').find((e) => e.id === privateStatus.id)?.deleted).toBe(true);
    });

    it('announces what changes Azure or the channel\'s settings, and the job message updates in place', async () => {
      const admin = bot.person('U0ADMIN', PUBLIC);
      await run(admin, 'admin grant operator <@U0CY>', /is now operator/);
      expect(postedIn(PUBLIC, /is now operator/)).toHaveLength(1);
      await backupNow(bot.person('U0CY', PUBLIC), 20);
      const job = postedIn(PUBLIC, /Backup of web-01/);
      expect(job).toHaveLength(1);
      await bot.trackedJobs.waitForTracked(1);
      await bot.harness.emulator.advance(30 * 60_000);
      await bot.refreshJobs();
      expect(bot.fake.message(PUBLIC, job[0].ts)?.updates).toBeGreaterThan(0);
    });
  });

  describe('in a private channel the bot was not invited to', () => {
    it('answers read-only commands privately through the response URL', async () => {
      const dee = bot.person('U0DEE', PRIVATE, 'privategroup');
      await run(dee, 'status web-01', /web-01/);
      expect(seen('U0DEE', /web-01/)[0].via).toBe('response_url');
      expect(bot.fake.calls('chat.postMessage').filter((c) => c.args.channel === PRIVATE && c.response.ok === true)).toEqual([]);
    });

    it('announces a change through the response URL, and says to /invite the bot', async () => {
      const admin = bot.person('U0ADMIN', PRIVATE, 'privategroup');
      await run(admin, 'admin grant viewer <@U0EVE>', /is now viewer/);
      await bot.fake.waitForCall((c) => c.method === 'response_url' && /\/invite @Azure Backup/.test(texts(c.args)), 'the invite advice');
      expect(postedIn(PRIVATE, /is now viewer/)).toHaveLength(1);
      expect(bot.fake.calls('chat.postMessage').some((c) => c.args.channel === PRIVATE && c.response.error === 'channel_not_found')).toBe(true);
      expect(seen('U0ADMIN', /\/invite @Azure Backup/)).toHaveLength(1);
    });

    it('gives the job from a modal to the person in their DM with the app, and says to /invite the bot', async () => {
      const admin = bot.person('U0ADMIN', PRIVATE, 'privategroup');
      const since = bot.fake.mark();
      await backupNow(admin, 21);
      await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.response.ok === true && /\/invite @Azure Backup/.test(texts(c.args)), 'the invite advice', since);
      expect(postedIn('U0ADMIN', /Backup of web-01/)).toHaveLength(1);
      expect(postedIn('U0ADMIN', /\/invite @Azure Backup/)).toHaveLength(1);
      // The job message in the DM is the bot's own: it follows the job.
      await bot.trackedJobs.waitForTracked(2);
    });
  });

  describe('in a DM with the bot', () => {
    it('answers read-only commands privately and posts the job in the DM, where it updates', async () => {
      const admin = bot.person('U0ADMIN', DM);
      await run(admin, 'jobs', /Backup jobs, last 24 hours/);
      expect(seen('U0ADMIN', /Backup jobs, last 24 hours/).some((e) => e.channel === DM)).toBe(true);
      expect(postedIn(DM, /./)).toEqual([]);
      // The earlier Backup now of web-01 ends first: Azure runs one backup of an item at a time.
      await bot.harness.emulator.advance(60 * 60_000);
      await backupNow(admin, 22);
      expect(postedIn(DM, /Backup of web-01/)).toHaveLength(1);
      await bot.trackedJobs.waitForTracked(3);
    });
  });
});
