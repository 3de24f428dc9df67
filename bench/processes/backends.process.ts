/**
 * Child process: the Azure Resource Manager emulator and the fake Slack the bot talks to, kept
 * out of the bot's process (its memory and CPU are not the bot's) and out of the load
 * generator's (its event loop must not delay the timing of answers).
 *
 * Environment: BENCH_EXTRA_VMS (emulator seed), BENCH_CA_FILE (where the emulator's CA PEM is
 * written for the bot's AZURE_CA_FILE), BENCH_SLACK_TOKEN, BENCH_RATE_LIMIT_MS (optional: fake
 * Slack allows one chat.postMessage per channel per that many ms), BENCH_MANUAL_CLOCK_START
 * (optional ISO time: the emulator's clock starts there and moves only through POST
 * /_admin/clock/advance).
 */
import fs from 'node:fs';
import { startEmulator } from '../../emulator';
import { startFakeSlack } from '../fakes/fake-slack';
import { serveParent } from '../lib/child-process';

async function main(): Promise<void> {
  const extraVms = Number(process.env.BENCH_EXTRA_VMS ?? '0');
  const caFile = process.env.BENCH_CA_FILE;
  const botToken = process.env.BENCH_SLACK_TOKEN;
  if (!caFile || !botToken) throw new Error('BENCH_CA_FILE and BENCH_SLACK_TOKEN are required');
  const rateLimitMs = process.env.BENCH_RATE_LIMIT_MS ? Number(process.env.BENCH_RATE_LIMIT_MS) : undefined;

  const manualStart = process.env.BENCH_MANUAL_CLOCK_START;
  const t0 = performance.now();
  const emulator = await startEmulator({
    seed: { extraVms },
    ...(manualStart ? { clock: 'manual', startTime: new Date(manualStart) } : { clock: 'real' }),
  });
  const emulatorStartMs = performance.now() - t0;
  fs.writeFileSync(caFile, emulator.ca);
  const slack = await startFakeSlack({ botToken, ...(rateLimitMs !== undefined ? { rateLimit: { perChannelMs: rateLimitMs } } : {}) });

  serveParent(
    {
      endpoint: emulator.endpoint,
      subscriptionIds: emulator.subscriptionIds.join(','),
      slackApiUrl: slack.apiUrl,
      slackOrigin: slack.origin,
      emulatorStartMs,
    },
    {
      azureRequests: () => {
        const requests = emulator.requests();
        return { count: requests.length, sample: requests.slice(0, 30).map((r) => `${r.method} ${r.path}`) };
      },
      azureRequestList: () => emulator.requests().map((r) => ({ method: r.method, path: r.path, status: r.status, time: r.time })),
      clearAzureRequests: () => {
        emulator.clearRequests();
        return true;
      },
      slackStats: () => slack.stats(),
      slackReset: () => {
        slack.reset();
        return true;
      },
      lastOpenedView: () => slack.lastOpenedView() ?? null,
      recentMessagePayloads: () => slack.recentMessagePayloads(),
      messages: () => slack.messages(),
      azureNow: () => emulator.now().toISOString(),
    },
    async () => {
      await slack.close();
      await emulator.close();
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`backends failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
