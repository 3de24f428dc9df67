import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eventually } from '../../support/eventually';
import { listeningUrl as listeningUrlWithin, logLines, watchBotProcess, type BotProcess } from '../../support/bot-process';
import { buildImageCopy, DOCKERFILE_LINES, healthcheckCommand, imageEnv, ROOT, START_COMMAND, type ImageCopy } from './image-recipe';

// The container image's start, without a container engine: the built bot (dist/) from a
// production install (`npm ci --omit=dev`), as a non-root user, on a read-only copy of the app
// folder, with the Dockerfile's ENV and CMD (see image-recipe.ts for each line mirrored). Two
// values differ from the image: HOST (loopback: tests talk only to loopback) and PORT (0, a free
// one). Nothing is timed: waits end on conditions.

const BUILD_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 2 * START_TIMEOUT_MS;

type Bot = BotProcess;

/** A fresh DATA_DIR under the image's writable path, owned by the bot's user (one per start). */
function newDataDir(image: ImageCopy): string {
  const dir = fs.mkdtempSync(path.join(image.data, 'run-'));
  if (image.uid !== undefined && image.gid !== undefined) fs.chownSync(dir, image.uid, image.gid);
  return dir;
}

function startImage(image: ImageCopy, dataDir: string): Bot {
  const [command, ...args] = START_COMMAND;
  const child = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: image.app,
    uid: image.uid,
    gid: image.gid,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, ...imageEnv(), DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchBotProcess(child);
}

const listeningUrl = (bot: Bot): Promise<string> => listeningUrlWithin(bot, START_TIMEOUT_MS);

/** The Dockerfile's HEALTHCHECK command, run as Docker runs it (inside the container's environment). */
function healthcheck(image: ImageCopy, port: number): number | null {
  const [command, ...args] = healthcheckCommand();
  return spawnSync(command === 'node' ? process.execPath : command, args, {
    cwd: image.app,
    uid: image.uid,
    gid: image.gid,
    env: { PATH: process.env.PATH ?? '', ...imageEnv(), PORT: String(port) },
    timeout: 60_000,
  }).status;
}

describe('the container image, started from a production install of the build', () => {
  let image: ImageCopy;
  let bot: Bot | undefined;

  beforeAll(() => {
    image = buildImageCopy();
  }, BUILD_TIMEOUT_MS);

  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    bot = undefined;
  });

  afterAll(() => image?.remove());

  it(`holds no devDependency: "${DOCKERFILE_LINES.productionInstall}" is all it installs`, () => {
    // Packages the lock file marks dev-only (a devDependency a production one also needs is not).
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/') && lock.packages[key].dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/tsx', 'node_modules/jest', 'node_modules/ts-jest']));
    expect(devOnly.filter((key) => fs.existsSync(path.join(image.app, key)))).toEqual([]);
    expect(fs.existsSync(path.join(image.app, 'dist', 'src', 'main.js'))).toBe(true);
    expect(fs.readdirSync(path.join(image.app, 'dist'), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('.d.ts'))).toEqual([]);
  });

  it('packages the Teams app from the production install (npm run package:teams needs no devDependency)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [command, script] = pkg.scripts['package:teams'].split(' ');
    expect(command).toBe('node');
    const out = path.join(image.data, 'teams-app.zip');
    const result = spawnSync(process.execPath, [script, '--out', out], {
      cwd: image.app,
      uid: image.uid,
      gid: image.gid,
      env: { PATH: process.env.PATH ?? '', ...imageEnv(), MICROSOFT_APP_ID: '0f0e0d0c-0b0a-4908-8706-050403020100' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it(`starts with ${DOCKERFILE_LINES.cmd} as a non-root user on a read-only app folder, and passes its HEALTHCHECK`, async () => {
    const dataDir = newDataDir(image);
    bot = startImage(image, dataDir);
    const url = await listeningUrl(bot);
    const port = Number(new URL(url).port);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite', azure: 'emulator' });
    expect(healthcheck(image, port)).toBe(0);

    // The one writable path holds the store; the app folder cannot be written by the bot's user.
    expect(fs.existsSync(path.join(dataDir, 'bot.sqlite'))).toBe(true);
    if (image.uid !== undefined) expect(fs.statSync(path.join(dataDir, 'bot.sqlite')).uid).toBe(image.uid);
    expect(fs.statSync(image.app).mode & 0o222).toBe(0);
    expect(logLines(bot).filter((line) => line.level === 'error')).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it(`on ${DOCKERFILE_LINES.stopSignal.split(' ')[1]} hands back the scheduler lease, exits 0, and the HEALTHCHECK then fails`, async () => {
    const dataDir = newDataDir(image);
    bot = startImage(image, dataDir);
    const url = await listeningUrl(bot);
    const port = Number(new URL(url).port);
    // This replica holds the lease once its scheduler says so.
    const started = bot;
    await eventually(() => logLines(started).some((l) => l.msg === 'scheduler: this replica leads the sweeps'), { what: 'the scheduler to take the lease' });
    expect(await leaseHolder(dataDir)).toEqual(expect.stringContaining(':'));

    bot.child.kill('SIGTERM');
    const { code, signal } = await bot.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const messages = logLines(bot).map((line) => line.msg);
    expect(messages).toEqual(expect.arrayContaining(['received SIGTERM', 'scheduler stopped', 'vm-backup-bot stopped']));
    expect(messages).not.toContain(expect.stringContaining('exiting anyway'));
    expect(await leaseHolder(dataDir)).toBeUndefined();
    expect(healthcheck(image, port)).not.toBe(0);
  }, TEST_TIMEOUT_MS);
});

/** Who holds the scheduler lease in the image's SQLite store (undefined: nobody). */
async function leaseHolder(dataDir: string): Promise<string | undefined> {
  const db = new Database(path.join(dataDir, 'bot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("select holder from scheduler_leases where name = 'scheduler'").get() as { holder: string } | undefined;
    return row?.holder;
  } finally {
    db.close();
  }
}
