import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { startFakeSlackApi, type FakeSlackApi, type FakeView, type Json } from '../../support/fake-slack-api';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import { slackSignature, SlackPerson } from '../slack/support/slack-person';
import { eventually } from '../../support/eventually';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

// /metrics (on METRICS_PORT, never on the public port) and request ids, on the whole bot with
// Slack on and its Web API pointed at a local fake. Slack's slash-command request is form-encoded
// and signed as docs.slack.dev "Verifying requests from Slack" describes (SlackPerson builds it);
// over Socket Mode the same payloads come in envelopes (docs.slack.dev/apis/events-api/using-socket-mode).
// The emulator runs 100x (a Backup now job of 90 s ends in about a second) and the job sweep
// every second, so a job's end is told within the test.

type LogLine = Record<string, unknown>;

/** The value of one sample (`name{labels} value`), or undefined when the exposition lacks it. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter((l) => l !== '');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

const until = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => eventually(probe, { what, intervalMs: 50 }) as Promise<T>;

describe('observability of the running bot', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let bot: RunningBot;
  const lines: string[] = [];
  const logs = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-observability-'));
    fake = await startFakeSlackApi();
    const config = loadConfig(
      {
        PORT: '0',
        METRICS_PORT: '0',
        DATA_DIR: dir,
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        EMULATOR_TIME_SCALE: '100',
        JOB_SWEEP_CRON: '* * * * * *',
      },
      { cwd: dir },
    );
    bot = await startBot(config, { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(bot.metricsUrl as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('serves /metrics on its own port only', async () => {
    expect(bot.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(bot.metricsUrl as string).port).not.toBe(String(bot.port));
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(404);
    expect((await fetch(new URL('/healthz', bot.metricsUrl))).status).toBe(404);
  });

  it('follows a command by its request id through the flow and its Azure calls, and counts it', async () => {
    const person = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0OPS' });
    const body = new URLSearchParams(person.commandFields('jobs')).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const since = fake.mark();
    const response = await fetch(`${bot.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        'x-request-id': 'ops-trace-0001',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('ops-trace-0001');
    await fake.waitForCall((c) => ['response_url', 'chat.postMessage', 'chat.postEphemeral'].includes(c.method), 'an answer to /backup jobs', since);

    const handled = await until('the command handled line', async () => logs().find((l) => l.msg === 'command handled' && l.requestId === 'ops-trace-0001'));
    expect(handled).toMatchObject({ intent: 'jobs.list', component: 'flows' });
    const azureCalls = logs().filter((l) => l.msg === 'azure call' && l.requestId === 'ops-trace-0001');
    expect(azureCalls.length).toBeGreaterThan(0);
    expect(azureCalls[0]).toMatchObject({ status: '200', retry: false });

    // A refused request is counted apart, with an id of its own.
    const forged = await person.sendCommand(person.commandFields('jobs'), { signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);

    const text = await scrape();
    expect(sample(text, 'vmbb_chat_acks_total', { platform: 'slack', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vmbb_chat_acks_total', { platform: 'slack', outcome: 'rejected' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vmbb_flow_seconds_count', { intent: 'jobs.list' })).toBeGreaterThanOrEqual(1);
    const operation = String(azureCalls[0].operation);
    expect(sample(text, 'vmbb_azure_requests_total', { operation, status: '200' })).toBeGreaterThanOrEqual(1);
    // Every command has an id of its own: the id does not leak into later work.
    const handledIds = logs().filter((l) => l.msg === 'command handled').map((l) => l.requestId);
    expect(handledIds.filter((id) => id === 'ops-trace-0001')).toHaveLength(1);
    expect(new Set(handledIds).size).toBe(handledIds.length);
    expect(handledIds.every((id) => typeof id === 'string')).toBe(true);
  });

  it('logs the end of a Backup now job, and its notification to a subscribed channel, under the id of the command that started it', async () => {
    const ops = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0OPS' });
    const watcher = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0WATCH' });
    // Another channel follows the vault: the job's end is told there through the outbox.
    expect((await watcher.slash('subscribe rsv-prod-weu jobs')).status).toBe(200);
    await until('the subscription', async () => ((await createSubscriptionStore(bot.store.db).listAll()).some((s) => s.channel.conversationId === 'C0WATCH') ? true : undefined));

    const since = fake.mark();
    expect((await ops.slash('now web-01')).status).toBe(200);
    const open = await fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'the retain-until form', since);
    const view = fake.view((open.response.view as Json).id as string) as FakeView;
    const started = await ops.submit(view.id, { requestId: 'ops-trace-now-1' });
    expect(started.status).toBe(200);

    const byId = (): LogLine[] => logs().filter((l) => l.requestId === 'ops-trace-now-1');
    // The tracked message in C0OPS, updated to the job's end by the job tracker...
    const ended = await until('the job message updated to its end, under the request id', async () => byId().find((l) => l.msg === 'job message shows the job ended'));
    expect(ended).toMatchObject({ platform: 'slack', phase: 'completed' });
    // ...and the job-ended notification to C0WATCH, sent by the outbox dispatcher.
    const sent = await until('the job-ended notification sent, under the request id', async () => byId().find((l) => l.msg === 'notification sent'));
    expect(sent).toMatchObject({ label: 'job-ended', channel: 'slack:C0WATCH' });
    expect(byId().some((l) => l.msg === 'command handled')).toBe(true);
    expect(byId().some((l) => l.msg === 'azure call')).toBe(true);
    // Notifications not caused by a command carry no request id.
    expect(logs().filter((l) => l.msg === 'notification sent' && l.label !== 'job-ended').every((l) => l.requestId === undefined)).toBe(true);

    // Counted by the replica that sent it.
    const text = await scrape();
    expect(sample(text, 'vmbb_notifications_total', { platform: 'slack', outcome: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vmbb_notifications_total', { platform: 'slack', outcome: 'failed' })).toBe(0);
  }, 120_000);

  it('reports the lease, the outbox and the sweeps from the store', async () => {
    // The single replica takes the lease on start, and the job sweep runs every second here.
    const text = await until('a scrape with the lease held and a job sweep done', async () => {
      const t = await scrape();
      return sample(t, 'vmbb_scheduler_is_leader') === 1 && sample(t, 'vmbb_sweep_last_success_timestamp_seconds', { task: 'job-sweep' }) !== undefined ? t : undefined;
    });
    const holder = /^vmbb_scheduler_lease_holder\{holder="([^"]+)"\} 1$/m.exec(text);
    expect(holder?.[1]).toContain(String(process.pid));
    expect(sample(text, 'vmbb_store_up')).toBe(1);
    expect(sample(text, 'vmbb_outbox_pending')).toBe(0);
    expect(sample(text, 'vmbb_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(sample(text, 'vmbb_notifications_total', { platform: 'teams', outcome: 'sent' })).toBe(0);
    expect(sample(text, 'vmbb_sweep_last_duration_seconds', { task: 'job-sweep' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'vmbb_process_resident_memory_bytes')).toBeGreaterThan(0);
  }, 120_000);
});

describe('observability over Slack Socket Mode', () => {
  let dir: string;
  let fake: FakeSlackApi;
  let bot: RunningBot;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-observability-socket-'));
    fake = await startFakeSlackApi();
    const config = loadConfig(
      { PORT: '0', METRICS_PORT: '0', DATA_DIR: dir, SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl },
      { cwd: dir },
    );
    bot = await startBot(config, { logger: createLogger({ level: 'silent' }) });
    await fake.socket.waitForConnections(1);
  });

  afterAll(async () => {
    await bot?.close();
    await fake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts Socket Mode acknowledgements in the acks metric, as HTTP ones are', async () => {
    const person = new SlackPerson({ url: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, fake, userId: 'U0OPS', channelId: 'C0OPS', socketMode: true });
    const ack = await person.slash('jobs');
    expect(ack.envelopeId).toBeDefined();
    const text = await until('a scrape with the Socket Mode ack', async () => {
      const t = await (await fetch(bot.metricsUrl as string)).text();
      return (sample(t, 'vmbb_chat_acks_total', { platform: 'slack', outcome: 'ok' }) ?? 0) >= 1 ? t : undefined;
    });
    expect(sample(text, 'vmbb_chat_ack_seconds_count', { platform: 'slack' })).toBeGreaterThanOrEqual(1);
  });
});
