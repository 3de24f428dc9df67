import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../../emulator';
import type { RunningEmulator } from '../../../emulator/emulator.types';
import { ConfigError, loadConfig, type Env } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type HealthReport, type RunningBot } from '../../../src/server';

/** Starts the bot as `npm start` would from `env`, logging into `lines`. */
async function start(env: Env, dir: string, lines: string[] = []): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, ...env }, { cwd: dir });
  return startBot(config, { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-start-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('startBot on the embedded defaults', () => {
  let bot: RunningBot | undefined;
  const lines: string[] = [];
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('serves /healthz over HTTP, with its SQLite file under DATA_DIR and the emulator as Azure', async () => {
    bot = await start({}, dir, lines);
    expect(bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const { status, body } = await getJson(`${bot.url}/healthz`);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      store: 'sqlite',
      azure: 'emulator',
      endpoint: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
      slack: 'off',
      teams: 'off',
      playground: 'on',
      uptime: expect.any(Number),
    } satisfies Record<keyof HealthReport, unknown>);
    expect((body as HealthReport).endpoint).toBe(bot.azure.endpoint);
    expect(fs.existsSync(path.join(dir, 'bot.sqlite'))).toBe(true);

    // One line says where it listens, which store and which Azure.
    const startLine = lines.map((l) => JSON.parse(l) as { msg: string }).find((r) => r.msg.includes('listening on'));
    expect(startLine?.msg).toContain(`listening on ${bot.url}`);
    expect(startLine?.msg).toContain(`store: sqlite ${path.join(dir, 'bot.sqlite')}`);
    expect(startLine?.msg).toContain(`azure: embedded emulator at ${bot.azure.endpoint}`);

    // The backup service reaches the emulator through the real Azure SDK and its TLS trust.
    const vms = await bot.azure.backup.listVirtualMachines();
    expect(vms.length).toBeGreaterThan(0);
    expect(bot.azure.backup.subscriptions()).toEqual(bot.azure.subscriptionIds);
  });

  it('answers unknown paths with a JSON 404', async () => {
    bot = await start({}, dir);
    const { status, body } = await getJson(`${bot.url}/no-such-page`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'not_found', message: 'No route for GET /no-such-page' });
  });

  it('reports 503 when the store stops answering', async () => {
    bot = await start({}, dir);
    await bot.store.close();
    const { status, body } = await getJson(`${bot.url}/healthz`);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'unavailable', store: 'sqlite' });
  });

  it('stops listening on close', async () => {
    bot = await start({}, dir);
    const { url } = bot;
    await bot.close();
    bot = undefined;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('startBot pointed at an emulator running elsewhere', () => {
  let emulator: RunningEmulator | undefined;
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.close();
    await emulator?.close();
    bot = undefined;
    emulator = undefined;
  });

  it('uses the endpoint, certificate and subscriptions it is given instead of starting its own', async () => {
    emulator = await startEmulator();
    const caFile = path.join(dir, 'emulator-ca.pem');
    fs.writeFileSync(caFile, emulator.ca);
    bot = await start(
      {
        AZURE_SUBSCRIPTION_IDS: emulator.subscriptionIds.join(','),
        AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.endpoint,
        AZURE_CA_FILE: caFile,
        AZURE_CREDENTIAL: 'emulator',
      },
      dir,
    );
    expect(bot.azure.emulator).toBeUndefined();
    const { body } = await getJson(`${bot.url}/healthz`);
    expect(body).toMatchObject({ status: 'ok', azure: 'azure', endpoint: emulator.endpoint });

    emulator.clearRequests();
    const vms = await bot.azure.backup.listVirtualMachines();
    expect(vms.length).toBeGreaterThan(0);
    expect(emulator.requests().length).toBeGreaterThan(0);
  });
});

describe('startBot refuses bad settings, naming them', () => {
  it('a malformed setting stops the start before anything runs', () => {
    expect(() => loadConfig({ PORT: 'abc', DATA_DIR: dir })).toThrow(new ConfigError([{ variable: 'PORT', message: 'PORT must be an integer 0-65535 (0 picks a free port), got "abc"' }]));
  });

  it('an unreadable AZURE_CA_FILE', async () => {
    const error = await start(
      {
        AZURE_SUBSCRIPTION_IDS: '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61',
        AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:9',
        AZURE_CA_FILE: 'missing-ca.pem',
        AZURE_CREDENTIAL: 'emulator',
      },
      dir,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ variable: 'AZURE_CA_FILE', message: expect.stringContaining(`AZURE_CA_FILE must be a readable PEM file, got "${path.join(dir, 'missing-ca.pem')}" (ENOENT)`) }]);
  });

  it('a PORT that is already taken, releasing what it had started', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const error = await start({ PORT: String(port) }, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`Invalid configuration: PORT ${port} is already in use on 127.0.0.1: stop the other process or set PORT to a free port`);
      // The store it had opened was closed again: the SQLite file is not held open (WAL files are checkpointed away).
      expect(fs.existsSync(path.join(dir, 'bot.sqlite-wal'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
