/**
 * One effect per identical request, decided in one place (the guarded flows' effect claim): a
 * submission that failed or was refused never blocks the same submission later, and a second
 * person pressing the same shared button (a status message's or a digest's Backup now, whose
 * default date is the same for everyone) is told who did it and when. The bot runs as the product
 * composes it (access control on, the real store, Bolt over HTTP, the Azure SDK against the
 * emulator); payloads follow docs.slack.dev reference/interaction-payloads (see slack-person.ts).
 */
import type { AccessConfig } from '../../../src/config/config.types';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult, FormView } from '../../../src/flows/views';
import { pendingDigestView } from '../../../src/notifications/notification-views';
import { SHARE_ACTION_ID } from '../../../cards/slack';
import type { FakeEphemeral, FakeMessage, Json, RecordedSlackCall } from '../../support/fake-slack-api';
import { SEED } from '../../support/backup-harness';
import { startSlackBot, type SlackBot } from './support/slack-bot';
import { buttonFor, type SlackPerson } from './support/slack-person';

const TEAM = 'T0OPS';
const CHANNEL = 'C0OPS';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ROOT' }],
  defaultChannelScope: 'all',
  defaultRole: 'none',
  // Two costly actions an hour per person: ana reaches it within this file.
  costlyActions: { limit: 2, windowMinutes: 60 },
};
const ROOT: Actor = { platform: 'slack', workspaceId: TEAM, userId: 'U0ROOT', channelId: CHANNEL, displayName: 'root' };
const WEB_02 = SEED.unprotectedVmId;

const successfulTriggers = (bot: SlackBot, vm: string): number =>
  bot.harness.emulator.requests().filter((r) => r.method === 'POST' && new RegExp(`/protectedItems/[^/]*;${vm}/backup$`, 'i').test(r.path) && r.status < 300).length;

const formOf = (r: FlowResult): FormView => {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(r).slice(0, 400)}`);
  return r.view;
};
const submitted = (f: FormView, values: Record<string, string>): Intent => ({ ...f.submit.intent, values }) as Intent;

describe('Slack: a failed or refused submission never blocks the next one', () => {
  let bot: SlackBot;
  let ana: SlackPerson;
  let bo: SlackPerson;

  /** What the bot said (a message, an ephemeral, a modal) after `since` that contains `expected`. */
  const said = (expected: RegExp, since: number): Promise<RecordedSlackCall> =>
    bot.fake.waitForCall((c) => c.response.ok !== false && c.method !== 'views.open' && expected.test(JSON.stringify(c.args)), `an answer matching ${String(expected)}`, since);

  const slashAndWait = async (person: SlackPerson, text: string, expected: RegExp): Promise<RecordedSlackCall> => {
    const since = bot.fake.mark();
    expect((await person.slash(text)).status).toBe(200);
    return said(expected, since);
  };

  /** Presses a message's Backup now, leaves the default retain-until date, submits; returns what the bot said. */
  const backupNowFrom = async (person: SlackPerson, message: FakeMessage, vm: string, expected: RegExp): Promise<string> => {
    const opened = bot.fake.mark();
    expect((await person.clickMessageButton(message, buttonFor(message.blocks, 'now.start', `/${vm}`))).status).toBe(200);
    const open = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true && JSON.stringify(c.args.view).includes('form:now.retain'), 'the retain-until form', opened);
    const since = bot.fake.mark();
    const answer = await person.submit((open.response.view as Json).id as string);
    expect(answer.status).toBe(200);
    return JSON.stringify((await said(expected, since)).args);
  };

  /** Runs `/backup status <vm>` (a private answer), shares it in the channel, and returns the shared message. */
  const statusMessage = async (person: SlackPerson, vm: string): Promise<FakeMessage> => {
    const since = bot.fake.mark();
    expect((await person.slash(`status ${vm}`)).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'response_url' && JSON.stringify(c.args).includes('now.start'), 'the private status', since);
    const own = bot.fake.ephemerals(person.userId).filter((e) => !e.deleted && JSON.stringify(e.blocks).includes('now.start')).pop() as FakeEphemeral;
    expect((await person.clickEphemeralButton(own, SHARE_ACTION_ID)).status).toBe(200);
    const call = await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.response.ok === true && JSON.stringify(c.args).includes('now.start'), 'the shared status', since);
    return bot.fake.message(call.response.channel as string, call.response.ts as string) as FakeMessage;
  };

  let status: FakeMessage;

  beforeAll(async () => {
    bot = await startSlackBot({ access: ACCESS, fake: { teamId: TEAM } });
    const root = bot.person('U0ROOT', CHANNEL);
    ana = bot.person('U0ANA', CHANNEL);
    bo = bot.person('U0BO', CHANNEL);
    await slashAndWait(root, 'admin grant operator <@U0ANA|ana>', /now operator/);
    await slashAndWait(root, 'admin grant operator <@U0BO|bo>', /now operator/);
    status = await statusMessage(ana, 'web-01');
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('runs the same Backup now again once the Azure fault that failed it has cleared', async () => {
    bot.harness.emulator.injectFault({ kind: 'server-error', pathPattern: 'protectedItems/[^/]*web-01/backup$', method: 'POST', count: 1000, status: 500 });
    expect(await backupNowFrom(ana, status, 'web-01', /did not start/)).toMatch(/Backup of web-01 did not start/);
    expect(successfulTriggers(bot, 'web-01')).toBe(0);

    bot.harness.emulator.clearFaults();
    expect(await backupNowFrom(ana, status, 'web-01', /Backup of web-01|Already/)).toMatch(/Backup of web-01/);
    expect(successfulTriggers(bot, 'web-01')).toBe(1);
  });

  it('tells a second person pressing the same shared button who did it and when, and runs nothing', async () => {
    const answer = await backupNowFrom(bo, status, 'web-01', /Already|Backup of web-01/);
    expect(answer).toMatch(/Already done/);
    expect(answer).toMatch(/\(U0ANA\) already made this exact request at [A-Z][a-z]{2} \d+ [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);
    expect(answer).toContain('Done by');
    expect(successfulTriggers(bot, 'web-01')).toBe(1);
  });

  it('runs a digest\'s Backup now for a second operator after the first was over the rate limit, then tells the first who did it', async () => {
    // web-02 protected now, so it waits for its first backup: the digest the scheduler posts lists it.
    const vaultStep = formOf(await bot.flows.handleText('backup enable web-02', ROOT));
    const policyStep = formOf(await bot.flows.handle(submitted(vaultStep, { vault: SEED.vaultIds.westeurope }), ROOT));
    const confirm = formOf(await bot.flows.handle(submitted(policyStep, { policy: 'default' }), ROOT));
    const enabled = await bot.flows.handle(submitted(confirm, {}), ROOT);
    expect(enabled.kind === 'message' && enabled.view.kind === 'protection-result' && enabled.view.tone).toBe('success');
    const now = bot.harness.emulator.now();
    const posted = await bot.adapter.postMessage(
      CHANNEL,
      pendingDigestView([{ vmId: WEB_02, vmName: 'web-02', vaultName: SEED.vaultNames.westeurope, policyName: 'DefaultPolicy', pendingSince: now }], [], now),
    );
    const digest = bot.fake.message(posted.channel, posted.ts) as FakeMessage;

    // ana has used her two costly actions of the hour (the failed and the successful backup above).
    expect(await backupNowFrom(ana, digest, 'web-02', /Too many costly actions|Already|Backup of web-02/)).toMatch(/Too many costly actions/);
    expect(successfulTriggers(bot, 'web-02')).toBe(0);

    expect(await backupNowFrom(bo, digest, 'web-02', /Too many costly actions|Already|Backup of web-02/)).toMatch(/Backup of web-02/);
    expect(successfulTriggers(bot, 'web-02')).toBe(1);

    // A repeat is answered from the effect that stands, even for someone over the limit.
    const again = await backupNowFrom(ana, digest, 'web-02', /Too many costly actions|Already|Backup of web-02/);
    expect(again).toMatch(/Already done/);
    expect(again).toMatch(/\(U0BO\) already made this exact request/);
    expect(successfulTriggers(bot, 'web-02')).toBe(1);
  });

  it('starts one backup when "Backup now" is clicked twice and both modals are submitted', async () => {
    await bot.harness.emulator.advance(2 * 60 * 60_000);
    const message = await statusMessage(bo, 'web-01');
    const action = buttonFor(message.blocks, 'now.start', '/web-01');
    const opened = bot.fake.mark();
    await Promise.all([bo.clickMessageButton(message, action), bo.clickMessageButton(message, action)]);
    const opens = (): RecordedSlackCall[] => bot.fake.calls().slice(opened).filter((c) => c.method === 'views.open' && c.response.ok === true);
    await bot.fake.waitForCall(() => opens().length >= 2, 'two modals', opened);
    const modals = opens().map((c) => (c.response.view as Json).id as string);
    expect(modals).toHaveLength(2);

    const before = successfulTriggers(bot, 'web-01');
    const since = bot.fake.mark();
    const answers = [await bo.submit(modals[0]), await bo.submit(modals[1]), await bo.submit(modals[0])];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await said(/Backup of web-01/, since);
    await bot.fake.waitForCall(
      () => bot.fake.calls().slice(since).filter((c) => /Already (done|in progress)/.test(JSON.stringify(c.args))).length >= 2,
      'two "already" answers',
      since,
    );
    expect(successfulTriggers(bot, 'web-01') - before).toBe(1);

    // "Refresh" on the job message replaces that message, it does not post another.
    const jobCall = bot.fake.calls().slice(since).find((c) => c.method === 'chat.postMessage' && /Backup of web-01/.test(String(c.args.text)));
    const job = bot.fake.message(CHANNEL, jobCall?.response.ts as string) as FakeMessage;
    const posts = bot.fake.calls('chat.postMessage').length;
    const refreshed = bot.fake.mark();
    await bo.clickMessageButton(job, 'job.refresh');
    const updated = await bot.fake.waitForCall((c) => c.method === 'chat.update', 'the refreshed job message', refreshed);
    expect(updated.args.ts).toBe(job.ts);
    expect(bot.fake.calls('chat.postMessage')).toHaveLength(posts);
  });
});
