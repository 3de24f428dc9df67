/**
 * How the Slack adapter treats requests as Slack really sends them: signatures and timestamps,
 * retries, conversations the bot is not in, failures of the Slack API, slow work
 * behind a modal, and stale modals.
 */
import { SEED } from '../../support/backup-harness';
import type { FakeView, Json } from '../../support/fake-slack-api';
import { SIGNING_SECRET, startSlackBot, type SlackBot } from './support/slack-bot';
import { postSigned } from './support/slack-person';

const backupTriggers = (bot: SlackBot): number =>
  bot.harness.emulator.requests().filter((r) => r.method === 'POST' && /\/protectedItems\/[^/]+\/backup$/i.test(r.path) && r.status < 300).length;

describe('Slack requests', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot({ fake: { channelsWithoutBot: ['C0NOBOT'] } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  describe('signature checks (Bolt)', () => {
    const body = (): string => new URLSearchParams(bot.person().commandFields('status web-01')).toString();
    const contentType = 'application/x-www-form-urlencoded';

    it('answers a correctly signed command with 200', async () => {
      const since = bot.fake.mark();
      const r = await postSigned(bot.url, SIGNING_SECRET, body(), contentType);
      expect(r.status).toBe(200);
      await bot.fake.waitForCall((c) => c.method === 'response_url', 'the answer', since);
    });

    it('refuses a wrong signature with 401 and does nothing', async () => {
      const calls = bot.fake.calls().length;
      const r = await postSigned(bot.url, 'not-the-signing-secret', body(), contentType);
      expect(r.status).toBe(401);
      const tampered = await postSigned(bot.url, SIGNING_SECRET, body(), contentType, { signature: 'v0=0000' });
      expect(tampered.status).toBe(401);
      expect(bot.fake.calls()).toHaveLength(calls);
    });

    it('refuses a timestamp older than five minutes with 401', async () => {
      const calls = bot.fake.calls().length;
      const stale = Math.floor(Date.now() / 1000) - 6 * 60;
      const r = await postSigned(bot.url, SIGNING_SECRET, body(), contentType, { timestamp: stale });
      expect(r.status).toBe(401);
      expect(bot.fake.calls()).toHaveLength(calls);
    });
  });

  it('does the work of a slash command once when Slack retries it', async () => {
    const person = bot.person('U0RETRY', 'C0RETRY');
    const fields = person.commandFields('status web-01');
    const since = bot.fake.mark();
    expect((await person.sendCommand(fields)).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-01/.test(String(c.args.text)), 'the first answer', since);
    expect((await person.sendCommand(fields, { retryNum: 1 })).status).toBe(200);
    expect((await person.sendCommand(fields, { retryNum: 2 })).status).toBe(200);
    // A later, different command in the same channel is answered: the retries above were not.
    await person.slash('help');
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /help|command/i.test(JSON.stringify(c.args.blocks)), 'the help answer', since);
    const answers = bot.fake.ephemerals('U0RETRY');
    expect(answers).toHaveLength(2);
    expect(answers.filter((e) => String(e.text).includes('web-01'))).toHaveLength(1);
  });

  it('answers through the response URL where the bot is not a member', async () => {
    const person = bot.person('U0NOBOT', 'C0NOBOT');
    await person.slash('status web-01');
    const posted = await bot.fake.waitForCall((c) => c.method === 'response_url' && String(c.args.text).includes('web-01'), 'the answer through response_url');
    expect(posted.args.response_type).toBe('ephemeral');
    expect(bot.fake.calls('chat.postMessage').filter((c) => c.args.channel === 'C0NOBOT' && c.response.ok === true)).toHaveLength(0);
  });

  it('tells the person, with a reference, when Slack refuses an answer', async () => {
    bot.fake.failNext('views.open', 'fatal_error');
    const person = bot.person('U0FAIL', 'C0FAIL');
    await person.slash('enable');
    const told = await bot.fake.waitForCall((c) => c.method === 'response_url' && /reference [0-9a-f]+/i.test(String(c.args.text)), 'the apology');
    expect(told.args.response_type).toBe('ephemeral');
    expect(bot.problems.some((line) => line.includes('answering a request failed'))).toBe(true);
    bot.problems.length = 0;
  });

  it('answers a type-ahead with at most 100 options, within Slack limits', async () => {
    const person = bot.person('U0TYPE', 'C0TYPE');
    const since = bot.fake.mark();
    await person.slash('enable');
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('form:enable.vm'), 'the VM picker', since);
    const options = await person.suggest((call.response.view as Json).id as string, 'vm', '');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(100);
    for (const o of options) {
      expect(String((o.text as Json).text).length).toBeLessThanOrEqual(75);
      expect(String(o.value).length).toBeLessThanOrEqual(150);
    }
    const none = await person.suggest((call.response.view as Json).id as string, 'vm', 'zz-no-such-vm');
    expect(none).toEqual([]);
  });

  it('refuses a modal whose metadata is not ours, changing nothing', async () => {
    const person = bot.person('U0STALE', 'C0STALE');
    const since = bot.fake.mark();
    await person.slash(`now ${SEED.protectedVmId}`);
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('form:now.retain') && c.response.ok === true, 'the retain form', since);
    const view = bot.fake.view((call.response.view as Json).id as string) as FakeView;
    view.view = { ...view.view, private_metadata: '{"submit":{"type":"nonsense"}}' };
    const triggers = backupTriggers(bot);
    const r = await person.submit(view.id);
    expect(r.json?.response_action).toBe('update');
    expect(JSON.stringify(r.json)).toMatch(/older version/);
    expect(backupTriggers(bot)).toBe(triggers);
  });
});

/**
 * With a budget of 0 the command opens a "working on it" window at once, and the retain form
 * replaces it there: the window's id once the form is in it.
 */
async function retainForm(bot: SlackBot, since: number): Promise<string> {
  const opened = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'the working window', since);
  const id = (opened.response.view as Json).id as string;
  await bot.fake.waitForCall((c) => c.method === 'views.update' && c.args.view_id === id && JSON.stringify(c.args.view).includes('form:now.retain'), 'the retain form', since);
  return id;
}

describe('Slack: slow work behind a modal', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    // A budget of 0 makes every submission take the "working on it" path.
    bot = await startSlackBot({ answerBudgetMs: 0 });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('shows "working on it", then the outcome in the modal and the channel', async () => {
    const person = bot.person('U0SLOW', 'C0SLOW');
    await person.slash('now web-01');
    const id = await retainForm(bot, 0);
    const r = await person.submit(id);
    expect(r.json?.response_action).toBe('update');
    expect(JSON.stringify(r.json)).toMatch(/Working on it/);
    await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0SLOW' && /Backup of web-01/.test(String(c.args.text)), 'the job message');
    await bot.fake.waitForCall((c) => c.method === 'views.update' && c.args.view_id === id && /Backup of web-01/.test(JSON.stringify(c.args.view)), 'the outcome in the modal');
    expect(bot.problems).toEqual([]);
  });

  it('opens a "working on it" window for a slow command that leads to a form, then turns it into the form', async () => {
    const person = bot.person('U0SLOW3', 'C0SLOW');
    const since = bot.fake.mark();
    await person.slash('enable web-02');
    const opened = await bot.fake.waitForCall((c) => c.method === 'views.open', 'the working window', since);
    expect(opened.response.ok).toBe(true);
    expect(JSON.stringify(opened.args.view)).toMatch(/Working on it/);
    const id = (opened.response.view as Json).id as string;
    const form = await bot.fake.waitForCall((c) => c.method === 'views.update' && c.args.view_id === id, 'the form in the same window', since);
    expect(JSON.stringify(form.args.view)).toContain('form:enable.vault');
    expect(bot.fake.calls('views.open').filter((c) => bot.fake.calls().indexOf(c) >= since)).toHaveLength(1);
  });

  it('says so when the person closed the working window before the form was ready', async () => {
    const person = bot.person('U0SLOW5', 'C0SLOW5');
    const since = bot.fake.mark();
    bot.fake.failNext('views.update', 'not_found');
    await person.slash('enable web-03');
    await bot.fake.waitForCall((c) => c.method === 'views.open', 'the working window', since);
    const told = await bot.fake.waitForCall((c) => (c.method === 'response_url' || c.method === 'chat.postEphemeral') && /window was closed before the form was ready/.test(JSON.stringify(c.args)), 'the explanation', since);
    expect(JSON.stringify(told.args)).toMatch(/Nothing was changed; run the command again/);
  });

  it('answers a slow command that only ever posts a message without opening a window', async () => {
    const person = bot.person('U0SLOW4', 'C0SLOW4');
    const since = bot.fake.mark();
    await person.slash('status web-01');
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-01/.test(JSON.stringify(c.args)), 'the status answer', since);
    expect(bot.fake.calls('views.open').filter((c) => bot.fake.calls().indexOf(c) >= since)).toHaveLength(0);
  });

  it('shows field errors inside the modal when they come late', async () => {
    const person = bot.person('U0SLOW2', 'C0SLOW');
    const since = bot.fake.mark();
    await person.slash('now web-01');
    const id = await retainForm(bot, since);
    person.type(id, 'retainUntil', '2001-01-01');
    const submitted = bot.fake.mark();
    const r = await person.submit(id);
    expect(r.json?.response_action).toBe('update');
    const updated = await bot.fake.waitForCall((c) => c.method === 'views.update' && c.args.view_id === id, 'the form with its error', submitted);
    expect(JSON.stringify(updated.args.view)).toMatch(/future/);
    expect(JSON.stringify(updated.args.view)).toContain('form:now.retain');
  });
});
