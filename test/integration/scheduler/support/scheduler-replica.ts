/**
 * One replica of the bot's scheduler in a process of its own, for the multi-replica test: the
 * real startScheduler (node-cron ticks, the lease loop, the outbox dispatcher) on the PostgreSQL
 * schema, the emulator and the fake Slack API named by the environment. Runs until killed.
 * Test support only.
 */
import fs from 'node:fs';
import https from 'node:https';
import { createAzureBackupService, staticTokenCredential } from '../../../../src/backup/azure';
import { createLogger } from '../../../../src/log';
import { createSlackNotifier } from '../../../../adapters/slack/slack.notifier';
import { startScheduler } from '../../../../src/scheduler';
import { openStore } from '../../../../src/store';

/**
 * The emulator's clock, as this process sees it: the test moves the emulator's (manual) clock, and
 * Azure's time is what job queries are bounded by. Read through the emulator's admin API (an
 * advance of 0 ms answers with its time) every 100 ms; between reads it runs on.
 */
async function emulatorClock(endpoint: string, ca: string): Promise<() => Date> {
  let offset = 0;
  const read = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const req = https.request(`${endpoint}/_admin/clock/advance`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => {
          const now = Date.parse((JSON.parse(body) as { now: string }).now);
          offset = now - started;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(JSON.stringify({ ms: 0 }));
    });
  await read();
  setInterval(() => void read().catch(() => undefined), 100).unref();
  return () => new Date(Date.now() + offset);
}

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const holder = env('TEST_HOLDER');
  const store = await openStore({ kind: 'postgres', url: env('DATABASE_URL') }, { schema: env('TEST_PG_SCHEMA') });
  const ca = fs.readFileSync(env('TEST_ARM_CA_FILE'), 'utf8');
  const azureNow = await emulatorClock(env('TEST_ARM_ENDPOINT'), ca);
  const backup = createAzureBackupService({
    subscriptionIds: env('TEST_SUBSCRIPTION_IDS').split(','),
    credential: staticTokenCredential(),
    resourceManagerEndpoint: env('TEST_ARM_ENDPOINT'),
    ca,
    now: azureNow,
    pollIntervalMs: 5,
    retry: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
  const scheduler = startScheduler({
    db: store.db,
    dialect: 'postgres',
    backup,
    config: { pendingDigestCron: env('TEST_PENDING_CRON'), jobSweepCron: env('TEST_JOB_CRON') },
    access: { defaultChannelScope: 'all' },
    notifiers: [createSlackNotifier({ botToken: env('TEST_SLACK_TOKEN'), apiUrl: env('TEST_SLACK_API_URL'), minIntervalMs: 20, timeoutMs: 1_000 })],
    logger: createLogger({ level: 'warn' }),
    holderId: holder,
    azureNow,
    tuning: { leaseTtlMs: 1_500, leaseCheckMs: 250, claimTtlMs: 3_000, dispatchPollMs: 50, vaultCacheMs: 0 },
  });
  process.stdout.write(`ready ${holder}\n`);
  process.on('SIGTERM', () => {
    void scheduler.stop().then(() => store.close()).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
