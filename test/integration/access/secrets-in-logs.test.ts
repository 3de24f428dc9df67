/**
 * No secret or token is ever logged: a full run of the bot as `npm start` runs it (startBot, the
 * embedded emulator, Slack and Teams on, debug logging) through Slack commands, a modal, a Backup
 * now, refused signatures and Bot Framework tokens, then every captured log line is searched for
 * the configured secrets and for anything shaped like a token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { startFakeSlackApi, type FakeSlackApi, type Json } from '../../support/fake-slack-api';
import { postSigned, SlackPerson } from '../slack/support/slack-person';
import { startTokenIssuer, type TokenIssuer } from '../../support/bot-framework-token-issuer';

const SIGNING_SECRET = 'secret-signing-4c7e9a1f0b2d6e83';
const APP_ID = '00000000-0000-0000-0000-0000000005ec';
const APP_PASSWORD = 'secret-app-password-Zq81~xT.Lm3';

jest.setTimeout(60_000);

describe('secrets in the logs of a full run', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let issuer: TokenIssuer;
  let bot: RunningBot;
  const logs: string[] = [];

  // Libraries write to the console themselves (botbuilder reports refused tokens there): in
  // production that is the process's output too, so it is searched with the logger's lines.
  const consoleLines: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))));
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-bot-'));
    fake = await startFakeSlackApi();
    issuer = await startTokenIssuer();
    const config = loadConfig(
      {
        PORT: '0',
        DATA_DIR: dir,
        SQLITE_FILE: ':memory:',
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        EMULATOR_TIME_SCALE: '1000',
      },
      { cwd: dir },
    );
    // The loader takes https only; the local issuer stands in for Bot Framework's metadata.
    if (config.teams.enabled) config.teams.endpoints.openIdMetadataUrl = issuer.metadataUrl;
    bot = await startBot(config, { logger: createLogger({ level: 'debug', write: (line) => void logs.push(line) }) });
  });
  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    await bot?.close();
    await fake?.close();
    await issuer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('logs neither the configured secrets nor anything shaped like a token', async () => {
    const events = `${bot.url}/slack/events`;
    const person = new SlackPerson({ url: events, signingSecret: SIGNING_SECRET, fake, userId: 'U0SECRET', userName: 'sam', channelId: 'C0SECRET' });

    // Commands, a modal and a Backup now, as a person would.
    expect((await person.slash('vms web')).status).toBe(200);
    await fake.waitForCall((c) => c.method === 'chat.postMessage' || c.method === 'response_url', 'the VM list');
    const opens = fake.calls('views.open').length;
    expect((await person.slash('now web-01')).status).toBe(200);
    const open = await fake.waitForCall((c) => c.method === 'views.open' && fake.calls('views.open').indexOf(c) >= opens, 'the Backup now modal');
    const viewId = (open.response.view as Json).id as string;
    expect((await person.submit(viewId)).status).toBe(200);
    await fake.waitForCall((c) => c.method === 'chat.postMessage' && /Backup of web-01/i.test(String(c.args.text)), 'the job message');

    // Refusals: a wrong Slack signature, and Bot Framework requests with bad tokens.
    expect((await postSigned(events, 'not-the-secret', 'command=%2Fbackup&text=vms', 'application/x-www-form-urlencoded')).status).toBe(401);
    const activity = JSON.stringify({ type: 'message', text: 'backup help', serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', from: { id: '29:x' }, conversation: { id: 'a:x' }, recipient: { id: '28:bot' } });
    for (const authorization of [`Bearer ${issuer.token({ aud: APP_ID }, issuer.forger)}`, 'Bearer not.a.token', `Bearer ${issuer.token({ aud: 'someone-else' })}`]) {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: activity });
      expect(res.status).toBe(401);
    }

    expect(logs.length).toBeGreaterThan(5);
    const text = [...logs, ...consoleLines].join('\n');
    for (const [name, secret] of [['SLACK_SIGNING_SECRET', SIGNING_SECRET], ['SLACK_BOT_TOKEN', fake.botToken], ['MICROSOFT_APP_PASSWORD', APP_PASSWORD]] as const) {
      expect({ name, logged: text.includes(secret) }).toEqual({ name, logged: false });
    }
    // Nothing shaped like a credential either: Slack tokens, bearer tokens, JWTs.
    expect(text.match(/xox[abeprs]-[A-Za-z0-9-]{6,}|Bearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]{12,}|eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g) ?? []).toEqual([]);
  });
});
