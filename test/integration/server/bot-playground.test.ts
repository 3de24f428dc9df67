import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { eventually } from '../../support/eventually';

type Json = Record<string, unknown>;

// `npm start` on the embedded defaults: the playground page and its Direct Line endpoint are
// served by the composed bot, and a typed `backup help` is answered by the flows.
describe('the bot on its embedded defaults serves the playground', () => {
  let dir: string;
  let bot: RunningBot;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-playground-'));
    const config = loadConfig({ PORT: '0', DATA_DIR: dir }, { cwd: dir });
    bot = await startBot(config, { logger: createLogger({ level: 'error', write: () => undefined }) });
  });

  afterAll(async () => {
    await bot?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page, which says it runs on the emulator', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/playground/i);
  });

  it('answers `backup help` typed through Direct Line', async () => {
    const call = async (method: string, p: string, token?: string, body?: unknown): Promise<Json> => {
      const res = await fetch(`${bot.url}/v3/directline${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Json;
    };
    const { token } = (await call('POST', '/tokens/generate', undefined, { user: { id: 'u1', name: 'Ops' } })) as { token: string };
    const { conversationId } = (await call('POST', '/conversations', token)) as { conversationId: string };
    await call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'backup help', from: { id: 'u1', name: 'Ops', role: 'user' } });

    const botText = await eventually(
      async () => {
        const page = (await call('GET', `/conversations/${conversationId}/activities?watermark=`, token)) as { activities: Json[] };
        const fromBot = page.activities.filter((a) => (a.from as Json | undefined)?.role === 'bot');
        return fromBot.length > 0 ? JSON.stringify(fromBot) : undefined;
      },
      { what: "the bot's answer in the Direct Line conversation" },
    );
    expect(botText).toMatch(/backup enable/);
  });
});
