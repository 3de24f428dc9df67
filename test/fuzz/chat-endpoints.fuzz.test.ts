/**
 * Fuzzes the running bot over HTTP: 10,000 signed Slack requests and 5,000 Bot Framework
 * activities per run, each wrong in some way (bad JSON, fields missing, mutated anywhere or of the
 * wrong type, huge strings, wrong signatures, stale timestamps, forged tokens, entities and invoke
 * values botbuilder would fail on, invokes the bot does not handle), against startBot on port 0
 * with the embedded emulator. The process must stay up, answer every request with 2xx or 4xx,
 * handle each within 3 s (measured in the server, from the request's arrival to its answer, so a
 * loaded test machine does not count), run no turn that fails, and change nothing: no write
 * reaches Azure, and the store holds exactly what it held before.
 *
 * Two seeds a run, half the requests each: a fixed one, and a new random one each time, printed.
 * FUZZ_SEED=<n> replays one seed with the whole count; FUZZ_SLACK_COUNT / FUZZ_TEAMS_COUNT change the size.
 * Requests go a few at a time over keep-alive connections: the load is the bot's, not the machine's.
 */
import diagnostics from 'node:diagnostics_channel';
import type http from 'node:http';
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

const FIXED_SEED = 20261124;
const SEEDS = process.env.FUZZ_SEED !== undefined ? [Number(process.env.FUZZ_SEED)] : [FIXED_SEED, Math.floor(Math.random() * 2 ** 31)];
const SLACK_COUNT = Math.round(Number(process.env.FUZZ_SLACK_COUNT ?? 10_000) / SEEDS.length);
const TEAMS_COUNT = Math.round(Number(process.env.FUZZ_TEAMS_COUNT ?? 5_000) / SEEDS.length);
/** Requests in flight at once: enough to overlap, few enough that none waits on the others. */
const CONCURRENCY = 8;
/** The longest a request may be handled, as Slack's 3 s acknowledgement deadline. */
const SLOW_MS = 3_000;
const SIGNING_SECRET = 'fuzz-signing-secret-5f1d0c9a';
const APP_ID = '00000000-0000-0000-0000-00000000f022';
const APP_PASSWORD = 'fuzz-app-password-8c2e41';
/** Nothing listens there: a reply the bot might try is refused at once, and never leaves the machine. */
const SERVICE_URL = 'http://127.0.0.1:9/';

// No client-side budget: a stuck request fails the test through jest's timeout, a slow one through the server-side count.
jest.setTimeout(30 * 60_000);

interface Answer {
  request: FuzzRequest;
  status: number;
}

async function send(base: string, r: FuzzRequest): Promise<Answer> {
  try {
    const res = await fetch(`${base}${r.path}`, { method: 'POST', headers: r.headers, body: r.body });
    await res.arrayBuffer();
    return { request: r, status: res.status };
  } catch (err) {
    // The server closes the connection on a body over its limit without reading it all.
    const reset = err instanceof Error && /fetch failed|ECONNRESET|EPIPE|socket/i.test(`${err.message} ${String((err as { cause?: unknown }).cause)}`);
    return { request: r, status: reset && r.body.length > 1_000_000 ? 413 : -1 };
  }
}

/**
 * How long the bot's server took over each request, from its arrival (headers read) to the end of
 * its answer, through Node's http diagnostics channels: the client's clock would also count the
 * time the test machine spends elsewhere.
 */
function serverTimes(port: () => number | undefined): { durations: number[]; stop(): void } {
  const started = new WeakMap<http.IncomingMessage, number>();
  const durations: number[] = [];
  const ours = (server: http.Server): boolean => (server.address() as { port?: number } | null)?.port === port();
  const onStart = (message: unknown): void => {
    const { request, server } = message as { request: http.IncomingMessage; server: http.Server };
    if (ours(server)) started.set(request, performance.now());
  };
  const onFinish = (message: unknown): void => {
    const { request } = message as { request: http.IncomingMessage };
    const at = started.get(request);
    if (at !== undefined) durations.push(performance.now() - at);
  };
  diagnostics.subscribe('http.server.request.start', onStart);
  diagnostics.subscribe('http.server.response.finish', onFinish);
  return {
    durations,
    stop: () => {
      diagnostics.unsubscribe('http.server.request.start', onStart);
      diagnostics.unsubscribe('http.server.response.finish', onFinish);
    },
  };
}

/** Answers by status class, e.g. { '2xx': 812, '4xx': 1688 }. */
const byClass = (answers: Answer[]): Record<string, number> =>
  answers.reduce<Record<string, number>>((out, a) => {
    const cls = a.status < 0 ? 'no answer' : `${Math.floor(a.status / 100)}xx`;
    out[cls] = (out[cls] ?? 0) + 1;
    return out;
  }, {});

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
 * task runs, its sweep cursors, and each background inventory load (its VM count and the VM list it
 * keeps for warm starts). Everything else must stay as it was.
 */
const TIMER_TABLES = /^(kysely_|scheduler_|job_sweep_cursors$|inventory_loads$|inventory_chunks$)/;

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
    const refused = a.request.unauthenticated === true;
    const problem = !ok ? `${a.status} for ${a.request.name}` : refused && a.status !== 401 ? `${a.status} (not 401) for ${a.request.name}` : undefined;
    if (problem) problems.set(problem, (problems.get(problem) ?? 0) + 1);
  }
  return [...problems].map(([p, n]) => `${p} (x${n})`).sort();
}

/** Everything a run measured, for the report line and the failure message. */
interface RunReport {
  seed: number;
  requests: number;
  byClass: Record<string, number>;
  slowestServerMs: number;
  overThreeSeconds: number;
}

/** Log lines of turns that failed inside botbuilder, and of routes that failed. */
const FAILURE_LINES = /turn failed|unhandled error in HTTP route/;

describe.each(SEEDS.map((seed) => [seed, seed]))('fuzzing the chat endpoints (seed %i; replay with FUZZ_SEED=%i)', (seed) => {
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

  /** Sends the requests that must change nothing, then those that may be valid (mutated), each checked on its own. */
  async function fuzzAll(endpoint: string, bot: RunningBot, logs: string[], requests: FuzzRequest[]): Promise<void> {
    const strict = requests.filter((r) => !r.mayBeValid);
    const loose = requests.filter((r) => r.mayBeValid);
    await fuzz(endpoint, bot, logs, strict, false);
    if (loose.length > 0) await fuzz(`${endpoint} (mutated, may be valid)`, bot, logs, loose, true);
  }

  async function fuzz(endpoint: string, bot: RunningBot, logs: string[], requests: FuzzRequest[], storeMayChange: boolean): Promise<void> {
    // Let the bot settle (inventory load, first job sweep) so only the fuzz can change things.
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBeLessThan(500);
    await bot.azure.backup.listVaults();
    const storeBefore = await storeSnapshot(bot);
    const azureBefore = await azureSnapshot(bot);
    bot.azure.emulator?.clearRequests();
    const logsBefore = logs.length;

    const times = serverTimes(() => bot.port);
    const answers = await sendAll(bot.url, requests);
    times.stop();

    const report: RunReport = {
      seed,
      requests: requests.length,
      byClass: byClass(answers),
      slowestServerMs: Math.round(Math.max(0, ...times.durations)),
      overThreeSeconds: times.durations.filter((ms) => ms > SLOW_MS).length,
    };
    // The figures for the record, whatever the outcome.
    console.log(`fuzz ${endpoint} seed ${seed}: ${JSON.stringify(report)}`);

    // Everything is gathered before one comparison, so a failure shows every kind of problem at once.
    const healthAfter = (await fetch(`${bot.url}/healthz`)).status;
    const findings = {
      replay: `FUZZ_SEED=${seed}`,
      answers: problemsOf(answers),
      timed: times.durations.length === requests.length,
      overThreeSeconds: report.overThreeSeconds,
      failures: logs.slice(logsBefore).filter((line) => FAILURE_LINES.test(line)).map((line) => line.slice(0, 300)).slice(0, 5),
      stillServing: healthAfter < 500,
      crashes: crashes.map(String),
      azureWrites: [...new Set((bot.azure.emulator?.requests() ?? []).filter(isWrite).map((r) => `${r.method} ${r.path}`))],
      azureUnchanged: JSON.stringify(await azureSnapshot(bot)) === JSON.stringify(azureBefore),
      // A valid request may claim its key or audit the attempt; Azure must stay as it was anyway.
      store: storeMayChange ? {} : storeChanges(storeBefore, await storeSnapshot(bot)),
    };
    expect(findings).toEqual({
      replay: `FUZZ_SEED=${seed}`,
      answers: [],
      timed: true,
      overThreeSeconds: 0,
      failures: [],
      stillServing: true,
      crashes: [],
      azureWrites: [],
      azureUnchanged: true,
      store: {},
    });
  }

  it('signed Slack requests, wrong or mutated, and wrong Bot Framework tokens are answered, and change nothing', async () => {
    const rng = createRng(seed);
    await withBot(
      { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD },
      (config) => {
        if (config.teams.enabled) config.teams.endpoints.openIdMetadataUrl = issuer.metadataUrl;
      },
      async (bot, logs) => {
        const unauthorized = Math.round(TEAMS_COUNT * 0.3);
        const requests = [
          ...Array.from({ length: SLACK_COUNT }, () => slackRequest(rng, SIGNING_SECRET, fake.teamId, '/slack/events')),
          ...Array.from({ length: unauthorized }, () => teamsUnauthorized(rng, issuer, APP_ID, SERVICE_URL)),
        ];
        await fuzzAll('slack+teams-auth', bot, logs, requests);
        const leaked = [SIGNING_SECRET, APP_PASSWORD, fake.botToken].filter((secret) => logs.some((line) => line.includes(secret)));
        expect(leaked).toEqual([]);
      },
    );
  });

  it('malformed activities and invokes the bot does not handle are answered without a turn, and change nothing', async () => {
    const rng = createRng(seed + 1);
    await withBot({ PLAYGROUND: 'true' }, () => undefined, async (bot, logs) => {
      const requests = Array.from({ length: TEAMS_COUNT - Math.round(TEAMS_COUNT * 0.3) }, () => teamsMalformed(rng, SERVICE_URL));
      await fuzzAll('teams-local', bot, logs, requests);
    });
  });
});
