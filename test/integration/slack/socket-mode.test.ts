/**
 * Socket Mode, walked for real: the bot gets its WebSocket URL from the fake's
 * apps.connections.open, connects, and gets Slack's requests as envelopes
 * (docs.slack.dev/apis/events-api/using-socket-mode; the payloads inside are the ones HTTP
 * carries, see slack-person.ts). Each envelope is acknowledged with its envelope id and answered;
 * a `disconnect` message (refresh requested) or a dropped connection is followed by a new
 * connection, and no command is lost or done twice.
 */
import { SHARE_ACTION_ID } from '../../../cards/slack';
import type { FakeEphemeral, FakeView, Json } from '../../support/fake-slack-api';
import { startSlackBot, type SlackBot } from './support/slack-bot';

describe('Slack over Socket Mode', () => {
  let bot: SlackBot;

  beforeAll(async () => {
    bot = await startSlackBot({ socketMode: true });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const answered = (user: string, expected: RegExp): FakeEphemeral[] => bot.fake.ephemerals(user).filter((e) => expected.test(JSON.stringify(e.blocks) + String(e.text)));
  const opened = async (since: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'a modal', since);
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };

  it('connects through apps.connections.open with the app-level token, and mounts no HTTP route', async () => {
    await bot.fake.socket.waitForConnections(1);
    const opens = bot.fake.calls('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0].response.ok).toBe(true);
    const r = await fetch(bot.url, { method: 'POST', body: 'x' });
    expect(r.status).toBe(404);
  });

  it('acknowledges a slash command, a block action, an options request and a view submission, and answers each', async () => {
    const ana = bot.person('U0ANA', 'C0OPS');

    // A slash command: acknowledged with its envelope id, answered privately.
    const since = bot.fake.mark();
    const command = await ana.slash('status web-01');
    expect(command.envelopeId).toBeDefined();
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-01/.test(JSON.stringify(c.args)), 'the status answer', since);
    const status = answered('U0ANA', /web-01/)[0];

    // A block action (Share in channel): acknowledged without a payload, the answer in the channel.
    const share = await ana.clickEphemeralButton(status, SHARE_ACTION_ID);
    expect(share.json).toBeUndefined();
    await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.response.ok === true && /shared this/.test(JSON.stringify(c.args)), 'the shared status', since);

    // An options request: the options come back in the acknowledgement.
    const enableSince = bot.fake.mark();
    await ana.slash('enable');
    const picker = await opened(enableSince);
    const options = await ana.suggest(picker.id, 'vm', 'web-0');
    expect(options.length).toBeGreaterThan(0);
    ana.chooseSuggested(picker.id, 'vm', options.find((o) => JSON.stringify(o.text).includes('web-02')) as Json);

    // A view submission: the next step comes back in the acknowledgement (response_action).
    const next = await ana.submit(picker.id);
    expect(next.json?.response_action).toBe('update');
    expect((bot.fake.view(picker.id) as FakeView).view.callback_id).toBe('form:enable.vault');
  });

  it('reconnects when Slack asks for a refresh, and a command sent meanwhile is answered once', async () => {
    const bo = bot.person('U0BO', 'C0OPS');
    const before = bot.fake.socket.connections();
    bot.fake.socket.requestRefresh();
    // Sent while the bot is between connections: it arrives on the new one.
    const since = bot.fake.mark();
    const answer = bo.slash('vms web');
    await bot.fake.socket.waitForConnections(before + 1);
    // Whether it went out once (on the new connection) or twice (on the closing one too, not acknowledged there), it is done once.
    await answer;
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /web-0/.test(JSON.stringify(c.args)), 'the answer after the refresh', since);
    expect(bot.fake.calls('apps.connections.open')).toHaveLength(before + 1);
    expect(answered('U0BO', /web-0/)).toHaveLength(1);
    expect(answered('U0BO', /Something went wrong/)).toEqual([]);
  });

  it('does a command once when Slack delivers it again, and once more after a dropped connection', async () => {
    const cy = bot.person('U0CY', 'C0OPS');
    const since = bot.fake.mark();
    const first = await cy.slash('jobs');
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /Backup jobs, last 24 hours/.test(JSON.stringify(c.args)), 'the jobs answer', since);

    // The connection drops; Slack sends the same envelope again on the new one (its ack was lost).
    const before = bot.fake.socket.connections();
    bot.fake.socket.drop();
    await bot.fake.socket.waitForConnections(before + 1);
    bot.fake.socket.redeliver(first.envelopeId as string);
    await bot.fake.socket.waitForAck(first.envelopeId as string);
    expect(bot.fake.socket.sent(first.envelopeId as string)).toBe(2);

    // A later command is answered, the repeated one was not.
    await cy.slash('help');
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /help|command/i.test(JSON.stringify(c.args)), 'the help answer', since);
    expect(answered('U0CY', /Backup jobs, last 24 hours/)).toHaveLength(1);
    // An acknowledgement that could not go out on a closing connection is not a failure told to anyone.
    expect(bot.problems.filter((line) => line.includes('answering a request failed'))).toEqual([]);
    expect(bot.fake.ephemerals().filter((e) => /Something went wrong/.test(String(e.text)))).toEqual([]);
  });
});
