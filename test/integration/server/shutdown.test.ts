import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api';
import { SlackPerson } from '../slack/support/slack-person';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

// Shutdown with work in flight: Slack is answered before the work (its 3-second ack), so a command
// acknowledged just before SIGTERM must still reach Slack before Azure and the store close.
describe('stopping the bot with a command in flight', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let bot: RunningBot | undefined;
  const lines: string[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-shutdown-'));
    fake = await startFakeSlackApi();
  });

  afterEach(async () => {
    await bot?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a command acknowledged before close(), then stops', async () => {
    const config = loadConfig(
      { PORT: '0', DATA_DIR: dir, SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
      { cwd: dir },
    );
    bot = await startBot(config, { logger: createLogger({ level: 'info', write: (line) => lines.push(line) }) });
    const person = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0OPS' });
    const since = fake.mark();

    const ack = await person.slash('jobs');
    expect(ack.status).toBe(200);
    await bot.close();

    const answers = fake.calls().slice(since).filter((c) => ['response_url', 'chat.postMessage', 'chat.postEphemeral'].includes(c.method));
    expect(answers.length).toBeGreaterThan(0);
    const logged = lines.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    expect(logged.map((l) => l.msg)).toContain('command handled');
  });
});
