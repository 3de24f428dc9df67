import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api';
import { SlackPerson } from '../slack/support/slack-person';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

// The whole bot as `npm start` composes it, with Slack on and its Web API pointed at a local
// fake through SLACK_API_URL: the settings, not test wiring, decide where Slack calls go.
describe('the bot with Slack configured', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let bot: RunningBot;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-slack-'));
    fake = await startFakeSlackApi();
    const config = loadConfig(
      { PORT: '0', DATA_DIR: dir, SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
      { cwd: dir },
    );
    bot = await startBot(config, { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports Slack on in /healthz', async () => {
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { slack: unknown };
    expect(health.slack).toBeTruthy();
  });

  it('answers a signed /backup vms with the emulator inventory, and refuses an unsigned one', async () => {
    const person = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0OPS' });
    const since = fake.mark();
    const response = await person.sendCommand(person.commandFields('vms web'));
    expect(response.status).toBe(200);
    const answer = await fake.waitForCall((c) => ['response_url', 'chat.postMessage', 'chat.postEphemeral', 'views.open'].includes(c.method), 'an answer to /backup vms', since);
    expect(JSON.stringify(answer.args)).toContain('web-01');

    const forged = await person.sendCommand(person.commandFields('vms'), { signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
  });

  it('never logs the bot token or the signing secret', () => {
    const log = lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(fake.botToken);
    expect(log).not.toContain(SIGNING_SECRET);
  });
});
