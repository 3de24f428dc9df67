import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listeningUrl as listeningUrlWithin, watchBotProcess, type BotProcess } from '../../support/bot-process';

// `npm start` as a person runs it: src/main.ts under tsx in its own process, configured only by
// its environment. Waits are generous and nothing is timed: a slow machine only makes it slower.

const ROOT = path.resolve(__dirname, '../../..');
// `node --import tsx`, as `npm start` runs it: one process, so signals reach the bot itself (the tsx
// CLI would relay them from a parent process, racing the bot's own handlers at start-up).
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const START_TIMEOUT_MS = 90_000;

type Bot = BotProcess;

/** Runs src/main.ts in `cwd` with only PATH, HOME and `env`, so no developer setting leaks in. */
function run(cwd: string, env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'src', 'main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchBotProcess(child);
}

const listeningUrl = (bot: Bot): Promise<string> => listeningUrlWithin(bot, START_TIMEOUT_MS);

describe('src/main.ts as a child process', () => {
  let dir: string;
  let bot: Bot | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-main-'));
  });
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    bot = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the embedded defaults, serves /healthz, and exits 0 on SIGTERM', async () => {
    bot = run(dir, { PORT: '0', DATA_DIR: path.join(dir, 'data') });
    const url = await listeningUrl(bot);

    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', store: 'sqlite', azure: 'emulator' });
    expect(fs.existsSync(path.join(dir, 'data', 'bot.sqlite'))).toBe(true);

    bot.child.kill('SIGTERM');
    await expect(bot.exited).resolves.toEqual({ code: 0, signal: null });
    expect(bot.stdout.join('')).toContain('vm-backup-bot stopped');
    expect(bot.stderr.join('')).toBe('');
  }, START_TIMEOUT_MS + 30_000);

  it('exits 1 with a message naming a bad setting', async () => {
    bot = run(dir, { PORT: 'abc', DATA_DIR: path.join(dir, 'data') });
    await expect(bot.exited).resolves.toEqual({ code: 1, signal: null });
    expect(bot.stderr.join('')).toContain('Invalid configuration: PORT must be an integer 0-65535 (0 picks a free port), got "abc"');
    expect(bot.stdout.join('')).not.toContain('listening on');
  }, START_TIMEOUT_MS);

  it('reads a .env file in its working directory, the environment winning', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=loud\nPORT=abc\n');
    bot = run(dir, { PORT: '0', DATA_DIR: path.join(dir, 'data') });
    await expect(bot.exited).resolves.toEqual({ code: 1, signal: null });
    const stderr = bot.stderr.join('');
    expect(stderr).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"');
    expect(stderr).not.toContain('PORT');
  }, START_TIMEOUT_MS);
});
