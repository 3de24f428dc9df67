/**
 * Fuzzes the running bot over HTTP: a few thousand Slack requests and Bot Framework activities,
 * each wrong in some way (bad JSON, missing fields, wrong types, huge strings, wrong signatures,
 * stale timestamps, forged tokens), against startBot on port 0 with the embedded emulator.
 * The process must stay up, answer every request with 2xx or 4xx, and change nothing: no write
 * reaches Azure, and the store holds exactly what it held before.
 *
 * Seeded: FUZZ_SEED=<n> replays a run; FUZZ_COUNT=<n> changes its size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startBot, type RunningBot } from '../../src/server';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api';
import { slackRequest, teamsMalformed, teamsUnauthorized, type FuzzRequest } from './support/fuzz-requests';
import { createRng } from './support/prng';
import { startTokenIssuer, type TokenIssuer } from '../support/bot-framework-token-issuer';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);
/** Many at once: some answers wait on purpose (Bolt answers an unrouted request after 3 s). */
const CONCURRENCY = 96;
const SIGNING_SECRET = 'fuzz-signing-secret-5f1d0c9a';
const APP_ID = '00000000-0000-0000-0000-00000000f022';
const APP_PASSWORD = 'fuzz-app-password-8c2e41';
/** Nothing listens there: a reply the bot might try is refused at once, and never leaves the machine. */
const SERVICE_URL = 'http://127.0.0.1:9/';

jest.setTimeout(120_000);

interface Answer {
  request: FuzzRequest;
  status: number;
}

async function send(base: string, r: FuzzRequest): Promise<Answer> {
  try {
    const res = await fetch(`${base}${r.path}`, { method: 'POST', headers: r.headers, body: r.body, signal: AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
    return { request: r, status: res.status };
  } catch (err) {
    // The server may close the connection on a body over its limit before reading it all.
    const reset = err instanceof Error && /fetch failed|ECONNRESET|EPIPE|socket/i.test(`${err.message} ${String((err as { cause?: unknown }).cause)}`);
    return { request: r, status: reset && r.body.length > 1_000_000 ? 413 : -1 };
  }
}

async function sendAll(base: string, requests: FuzzRequest[]): Promise<Answer[]> {
  const answers: Answer[] = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const i = next++;
        answers[i] = await send(base, requests[i]);
      }
    }),
  );
  return answers;
}

/**
 * Tables the bot writes on its own clock, whatever requests arrive: the scheduler's lease, its
 * task runs, its sweep cursors, and the VM count of each background inventory load. Everything
 * else must stay as it was.
 */
const TIMER_TABLES = /^(kysely_|scheduler_|job_sweep_cursors$|inventory_loads$)/;

/** Every table of the store, rows sorted, as one comparable value. */
async function storeSnapshot(bot: RunningBot): Promise<Record<string, string[]>> {
  const tables = (await bot.store.db.introspection.getTables()).map((t) => t.name).filter((n) => !TIMER_TABLES.test(n));
  const out: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await (bot.store.db as unknown as { selectFrom(t: string): { selectAll(): { execute(): Promise<unknown[]> } } }).selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** What Azure holds that the bot could change: vaults, their replication, policies and protected items. */
async function azureSnapshot(bot: RunningBot): Promise<unknown> {
  const vaults = await bot.azure.backup.listVaults();
  return Promise.all(
    vaults.map(async (v) => ({
      vault: v.id,
      policies: (await bot.azure.backup.listPolicies(v.id)).map((p) => p.name).sort(),
      items: (await bot.azure.backup.listProtectedItems(v.id)).map((i) => `${i.vmId}:${i.protectionState}`).sort(),
    })),
  );
}

/** What differs between two snapshots, per table, in a readable size (rows cut to 160 characters). */
function storeChanges(before: Record<string, string[]>, after: Record<string, string[]>): Record<string, { added: number; removed: number; examples: string[] }> {
  const out: Record<string, { added: number; removed: number; examples: string[] }> = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((r) => !was.has(r));
    const removed = [...was].filter((r) => !is.has(r));
    if (added.length || removed.length) out[table] = { added: added.length, removed: removed.length, examples: [...added, ...removed].slice(0, 3).map((r) => r.slice(0, 160)) };
  }
  return out;
}

const WRITES = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);
/** Azure reads that are POSTs (INDEX.md): the inventory asks each VM's backup status this way. */
const READ_POSTS = /\/(backupStatus|checkNameAvailability|backupJobsExport)$/i;
const isWrite = (r: { method: string; path: string }): boolean => WRITES.has(r.method) && !(r.method === 'POST' && READ_POSTS.test(r.path));

/** Answers that break the rules, counted by kind of request: anything but 2xx/4xx, and anything but 401 for a failed authentication. */
function problemsOf(answers: Answer[]): string[] {
  const problems = new Map<string, number>();
  for (const a of answers) {
    const ok = a.status >= 200 && a.status < 500;
    const refused = /signature|timestamp|token|bearer|audience|issuer|key id/i.test(a.request.name);
    const problem = !ok ? `${a.status} for ${a.request.name}` : refused && a.status !== 401 ? `${a.status} (not 401) for ${a.request.name}` : undefined;
    if (problem) problems.set(problem, (problems.get(problem) ?? 0) + 1);
  }
  return [...problems].map(([p, n]) => `${p} (x${n})`).sort();
}

describe(`fuzzing the chat endpoints (seed ${SEED})`, () => {
  const crashes: unknown[] = [];
  const onCrash = (err: unknown): void => void crashes.push(err);
  let dir: string;
  let fake: FakeSlackApi;
  let issuer: TokenIssuer;

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-bot-'));
    fake = await startFakeSlackApi();
    issuer = await startTokenIssuer();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    await fake?.close();
    await issuer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withBot(env: Record<string, string>, adjust: (config: AppConfig) => void, run: (bot: RunningBot, logs: string[]) => Promise<void>): Promise<void> {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, SQLITE_FILE: ':memory:', LOG_LEVEL: 'debug', ...env }, { cwd: dir });
    adjust(config);
    const logs: string[] = [];
    const bot = await startBot(config, { logger: createLogger({ level: 'debug', write: (line) => void logs.push(line) }) });
    try {
      await run(bot, logs);
    } finally {
      await bot.close();
    }
  }

  async function fuzz(bot: RunningBot, requests: FuzzRequest[]): Promise<void> {
    // Let the bot settle (inventory load, first job sweep) so only the fuzz can change things.
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBeLessThan(500);
    await bot.azure.backup.listVaults();
    const storeBefore = await storeSnapshot(bot);
    const azureBefore = await azureSnapshot(bot);
    bot.azure.emulator?.clearRequests();

    const answers = await sendAll(bot.url, requests);

    // Everything is gathered before one comparison, so a failure shows every kind of problem at once.
    const healthAfter = (await fetch(`${bot.url}/healthz`)).status;
    const findings = {
      answers: problemsOf(answers),
      stillServing: healthAfter < 500,
      crashes: crashes.map(String),
      azureWrites: [...new Set((bot.azure.emulator?.requests() ?? []).filter(isWrite).map((r) => `${r.method} ${r.path}`))],
      azureUnchanged: JSON.stringify(await azureSnapshot(bot)) === JSON.stringify(azureBefore),
      store: storeChanges(storeBefore, await storeSnapshot(bot)),
    };
    expect(findings).toEqual({ answers: [], stillServing: true, crashes: [], azureWrites: [], azureUnchanged: true, store: {} });
  }

  it('Slack requests and Bot Framework tokens that are wrong are refused, and change nothing', async () => {
    const rng = createRng(SEED);
    await withBot(
      { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD },
      (config) => {
        if (config.teams.enabled) config.teams.endpoints.openIdMetadataUrl = issuer.metadataUrl;
      },
      async (bot, logs) => {
        const requests = Array.from({ length: Math.round(COUNT * 0.7) }, (_, i) =>
          i % 3 === 2 ? teamsUnauthorized(rng, issuer, APP_ID, SERVICE_URL) : slackRequest(rng, SIGNING_SECRET, fake.teamId, '/slack/events'),
        );
        await fuzz(bot, requests);
        const leaked = [SIGNING_SECRET, APP_PASSWORD, fake.botToken].filter((secret) => logs.some((line) => line.includes(secret)));
        expect(leaked).toEqual([]);
      },
    );
  });

  it('malformed activities on the local, unauthenticated endpoint are answered, and change nothing', async () => {
    const rng = createRng(SEED + 1);
    await withBot({ PLAYGROUND: 'true' }, () => undefined, async (bot) => {
      const requests = Array.from({ length: Math.round(COUNT * 0.3) }, () => teamsMalformed(rng, SERVICE_URL));
      await fuzz(bot, requests);
    });
  });
});
