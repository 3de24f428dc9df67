/**
 * A sender in a process of its own, for the crash test: opens the store named by the
 * environment, and runs the outbox dispatcher against the (fake) Slack API until it is killed.
 * Test support only; the product starts its dispatcher through startScheduler.
 */
import { createDispatcher } from '../../../../src/notifications/dispatcher';
import { createSlackNotifier } from '../../../../adapters/slack/slack.notifier';
import { openStore } from '../../../../src/store';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const store = await openStore({ kind: 'sqlite', file: env('TEST_SQLITE_FILE') });
  const notifier = createSlackNotifier({ botToken: env('TEST_SLACK_TOKEN'), apiUrl: env('TEST_SLACK_API_URL'), minIntervalMs: Number(env('TEST_MIN_INTERVAL_MS')) });
  const dispatcher = createDispatcher({ db: store.db, dialect: 'sqlite', notifiers: [notifier], holder: env('TEST_HOLDER'), claimTtlMs: Number(env('TEST_CLAIM_TTL_MS')), pollIntervalMs: 20 });
  process.stdout.write('ready\n');
  await dispatcher.run(new AbortController().signal);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
