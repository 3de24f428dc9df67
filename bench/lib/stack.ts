/**
 * Starts the processes a benchmark part needs: the backends (Azure emulator + fake Slack), the
 * bot as `npm start` runs it (configured through its environment, pointed at those backends as
 * it would be at Azure and Slack), and the bare Bolt baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_TEAM_ID, BENCH_USER_ID, BOT_TOKEN, SIGNING_SECRET } from './bench-identity';
import { spawnChild, numberField, stringField, type Child } from './child-process';


const PROCESSES = path.join(__dirname, '..', 'processes');

/** Only what a process needs to run; nothing of the developer's shell (no stray AZURE_* or SLACK_*). */
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return env;
}

export interface AzureRequestLog {
  count: number;
  /** The first requests, as "METHOD path", for diagnosis. */
  sample: string[];
}

/** One request the emulator answered. */
export interface AzureRequestLine {
  method: string;
  path: string;
  status: number;
  /** When the emulator recorded it (ISO; its clock is the real one unless a part set it manually). */
  time?: string;
}

export interface SlackStats {
  calls: Record<string, number>;
  rateLimited: number;
  responseUrlPosts: number;
  unauthorized: number;
}

/** Everything the bot sends to Slack in answer to a person: each ack should lead to one of these. */
export function followUps(stats: SlackStats): number {
  const c = stats.calls;
  return (
    stats.responseUrlPosts +
    ['views.open', 'views.push', 'views.update', 'chat.postMessage', 'chat.update', 'chat.postEphemeral'].reduce((sum, m) => sum + (c[m] ?? 0), 0)
  );
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  /** The notification key digest the bot put in the message metadata. */
  key?: string;
  /** ms since the fake Slack started. */
  at: number;
}

export interface Backends {
  endpoint: string;
  subscriptionIds: string[];
  caFile: string;
  slackApiUrl: string;
  /** Base for response URLs (`${slackOrigin}/response/<id>`). */
  slackOrigin: string;
  emulatorStartMs: number;
  azureRequests(): Promise<AzureRequestLog>;
  /** Every request since start or the last clear (keep it to small runs: one line per request). */
  azureRequestList(): Promise<AzureRequestLine[]>;
  clearAzureRequests(): Promise<void>;
  slackStats(): Promise<SlackStats>;
  slackReset(): Promise<void>;
  lastOpenedView(): Promise<Record<string, unknown> | null>;
  recentMessagePayloads(): Promise<Record<string, unknown>[]>;
  messages(): Promise<PostedMessage[]>;
  /** The emulator's clock. */
  azureNow(): Promise<Date>;
  stop(): Promise<void>;
}

let sequence = 0;
const nextName = (kind: string): string => {
  sequence += 1;
  return `${kind}-${sequence}`;
};

export interface BackendsOptions {
  extraVms: number;
  /** Fake Slack allows one chat.postMessage per channel per this many ms. */
  rateLimitMs?: number;
  /** The emulator's clock starts here and moves only when advanced (POST /_admin/clock/advance). */
  manualClockStart?: Date;
}

export async function startBackends(workDir: string, options: BackendsOptions): Promise<Backends> {
  const name = nextName('backends');
  const caFile = path.join(workDir, `${name}-ca.pem`);
  const child = spawnChild(path.join(PROCESSES, 'backends.process.ts'), {
    env: {
      ...baseEnv(),
      BENCH_EXTRA_VMS: String(options.extraVms),
      BENCH_CA_FILE: caFile,
      BENCH_SLACK_TOKEN: BOT_TOKEN,
      ...(options.rateLimitMs !== undefined ? { BENCH_RATE_LIMIT_MS: String(options.rateLimitMs) } : {}),
      ...(options.manualClockStart ? { BENCH_MANUAL_CLOCK_START: options.manualClockStart.toISOString() } : {}),
    },
    logFile: path.join(workDir, `${name}.log`),
  });
  const data = await child.ready;
  return {
    endpoint: stringField(data, 'endpoint'),
    subscriptionIds: stringField(data, 'subscriptionIds').split(','),
    caFile,
    slackApiUrl: stringField(data, 'slackApiUrl'),
    slackOrigin: stringField(data, 'slackOrigin'),
    emulatorStartMs: numberField(data, 'emulatorStartMs'),
    azureRequests: async () => (await child.call('azureRequests')) as AzureRequestLog,
    azureRequestList: async () => (await child.call('azureRequestList')) as AzureRequestLine[],
    clearAzureRequests: async () => void (await child.call('clearAzureRequests')),
    slackStats: async () => (await child.call('slackStats')) as SlackStats,
    slackReset: async () => void (await child.call('slackReset')),
    lastOpenedView: async () => (await child.call('lastOpenedView')) as Record<string, unknown> | null,
    recentMessagePayloads: async () => (await child.call('recentMessagePayloads')) as Record<string, unknown>[],
    messages: async () => (await child.call('messages')) as PostedMessage[],
    azureNow: async () => new Date(String(await child.call('azureNow'))),
    stop: () => child.stop(),
  };
}

/** The bot's environment for talking to `backends` as to Azure and Slack, everything else at its defaults. */
export function botEnvFor(backends: Backends, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...commonBotEnv(dataDir, backends.slackApiUrl),
    AZURE_SUBSCRIPTION_IDS: backends.subscriptionIds.join(','),
    AZURE_RESOURCE_MANAGER_ENDPOINT: backends.endpoint,
    AZURE_CREDENTIAL: 'emulator',
    AZURE_CA_FILE: backends.caFile,
    // On Azure nothing is open until an admin grants it: the benchmark's person is a bootstrap admin.
    BOOTSTRAP_ADMINS: `slack:${BENCH_TEAM_ID}:${BENCH_USER_ID}`,
  };
}

/** `npm start` on a fresh machine: the embedded emulator, Slack pointed at the fake. */
export function embeddedBotEnv(dataDir: string, slackApiUrl: string): NodeJS.ProcessEnv {
  return commonBotEnv(dataDir, slackApiUrl);
}

function commonBotEnv(dataDir: string, slackApiUrl: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    PORT: '0',
    HOST: '127.0.0.1',
    // LOG_LEVEL stays at its default (info), as the bot runs; its log goes to a file.
    DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
  };
}

export interface MemoryReport {
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  /** Whether a full GC ran first. */
  gc: boolean;
}

export interface BotProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  eventsUrl: string;
  pid: number;
  /** startBot() until /healthz answered 200, inside the process. */
  startupMs: number;
  /** fork() until the process said it was ready (includes loading node, tsx and the modules). */
  spawnToReadyMs: number;
  logFile: string;
  memory(): Promise<MemoryReport>;
  /** Starts sampling the bot's CPU (inspector), until profileStop writes the profile to `file`. */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBotProcess(workDir: string, env: NodeJS.ProcessEnv): Promise<BotProcess> {
  const name = nextName('bot');
  const logFile = path.join(workDir, `${name}.log`);
  const dataDir = env.DATA_DIR;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const child: Child = spawnChild(path.join(PROCESSES, 'bot.process.ts'), { env, nodeFlags: ['--expose-gc'], logFile });
  const data = await child.ready;
  const spawnToReadyMs = performance.now() - child.spawnedAt;
  const url = stringField(data, 'url');
  return {
    url,
    eventsUrl: `${url}/slack/events`,
    pid: child.pid,
    startupMs: numberField(data, 'startupMs'),
    spawnToReadyMs,
    logFile,
    memory: async () => (await child.call('memory')) as MemoryReport,
    profileStart: async () => void (await child.call('profileStart')),
    profileStop: async (file) => void (await child.call('profileStop', { file })),
    stop: () => child.stop(),
  };
}

export interface BareProcess {
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startBareBolt(workDir: string): Promise<BareProcess> {
  const name = nextName('bare');
  const child = spawnChild(path.join(PROCESSES, 'bare-bolt.process.ts'), {
    env: { ...baseEnv(), SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN },
    logFile: path.join(workDir, `${name}.log`),
  });
  const data = await child.ready;
  return { eventsUrl: `${stringField(data, 'url')}/slack/events`, stop: () => child.stop() };
}

/** Lines of a process log at warn level or above (the bot logs JSON lines). */
export function logProblems(logFile: string): string[] {
  if (!fs.existsSync(logFile)) return [];
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => /"level":"(warn|error|fatal)"/.test(l) || /^(Error|TypeError|\s+at )/.test(l));
}
