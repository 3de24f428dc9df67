/**
 * Roles granted to a Slack user group, end to end: the bot with access control on, Slack's
 * requests signed as Slack signs them, and the fake Slack API answering usergroups.list.
 */
import type { AccessConfig } from '../../../src/config/config.types';
import type { RecordedSlackCall } from '../../support/fake-slack-api';
import { startSlackBot, type SlackBot } from './support/slack-bot';
import type { SlackPerson } from './support/slack-person';

const TEAM = 'T0OPS';
const CHANNEL = 'C0OPS';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ROOT' }],
  // Every channel sees every VM: only roles decide here.
  defaultChannelScope: 'all',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};

/** Runs a slash command and waits for what the bot answered, by a text it must contain. */
async function answer(bot: SlackBot, person: SlackPerson, text: string, expected: RegExp | string): Promise<RecordedSlackCall> {
  const since = bot.fake.mark();
  const r = await person.slash(text);
  expect(r.status).toBe(200);
  const match = (c: RecordedSlackCall): boolean => c.response.ok !== false && (typeof expected === 'string' ? JSON.stringify(c.args).includes(expected) : expected.test(JSON.stringify(c.args)));
  return bot.fake.waitForCall(match, `an answer to "${text}" matching ${String(expected)}`, since);
}

/** Whether the person's `/backup now web-01` opened the retain-until form, or was refused by role. */
async function backupNow(bot: SlackBot, person: SlackPerson): Promise<'form' | 'refused'> {
  const since = bot.fake.mark();
  await person.slash('now web-01');
  const outcome = await bot.fake.waitForCall((c) => /form:now\.retain|needs the operator role/.test(JSON.stringify(c.args)), 'the form or the refusal', since);
  return JSON.stringify(outcome.args).includes('form:now.retain') ? 'form' : 'refused';
}

describe('Slack: a role granted to a user group counts for its members', () => {
  let bot: SlackBot;
  let root: SlackPerson;

  beforeAll(async () => {
    bot = await startSlackBot({
      access: ACCESS,
      fake: {
        teamId: TEAM,
        userGroups: [
          { id: 'S0OPS', handle: 'ops', users: ['U0BO', 'U0ANA'] },
          { id: 'S0OLD', handle: 'old-ops', users: ['U0CY'], disabled: true },
        ],
      },
    });
    root = bot.person('U0ROOT', CHANNEL);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('refuses a member before the grant, lets them act after it without a restart, and still refuses others', async () => {
    const bo = bot.person('U0BO', CHANNEL);
    const cy = bot.person('U0CY', CHANNEL);
    const dee = bot.person('U0DEE', CHANNEL);
    expect(await backupNow(bot, bo)).toBe('refused');

    await answer(bot, root, 'admin grant operator <!subteam^S0OPS|@ops>', 'group ops (S0OPS) is now operator');
    expect(await backupNow(bot, bo)).toBe('form');
    expect(await backupNow(bot, bot.person('U0ANA', 'C0OTHER'))).toBe('form');

    expect(await backupNow(bot, dee)).toBe('refused');
    // A disabled group gives nothing, even with a grant.
    await answer(bot, root, 'admin grant operator <!subteam^S0OLD|@old-ops>', 'group old-ops (S0OLD) is now operator');
    expect(await backupNow(bot, cy)).toBe('refused');

    expect(bot.fake.calls('usergroups.list').length).toBeGreaterThan(0);
    expect(bot.fake.calls('usergroups.list').every((c) => c.args.include_users === 'true' || c.args.include_users === true)).toBe(true);
    expect(bot.problems).toEqual([]);
  });

  it('tells a member the role they hold through the group', async () => {
    await answer(bot, bot.person('U0BO', CHANNEL), 'admin roles', 'You are operator.');
  });
});

describe('Slack: user group grants when the app lacks usergroups:read', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot({
      access: ACCESS,
      fake: {
        teamId: TEAM,
        userGroups: [{ id: 'S0OPS', handle: 'ops', users: ['U0BO'] }],
        scopes: ['commands', 'chat:write', 'channels:history', 'groups:history'],
      },
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('counts no group, tells the operator once what to do, and does not ask Slack on every request', async () => {
    const root = bot.person('U0ROOT', CHANNEL);
    const bo = bot.person('U0BO', CHANNEL);
    await answer(bot, root, 'admin grant operator <!subteam^S0OPS|@ops>', 'group ops (S0OPS) is now operator');
    expect(await backupNow(bot, bo)).toBe('refused');
    expect(await backupNow(bot, bo)).toBe('refused');

    expect(bot.fake.calls('usergroups.list')).toHaveLength(1);
    expect(bot.fake.calls('usergroups.list')[0].response.error).toBe('missing_scope');
    const warnings = bot.problems.filter((line) => line.includes('usergroups:read'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('manifest/slack/manifest.yaml');
    expect(bot.problems).toEqual(warnings);
  });
});
