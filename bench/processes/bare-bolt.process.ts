/**
 * Child process: the baseline. A Bolt app with the same receiver setup as the bot's Slack
 * adapter (ExpressReceiver on an express app, POST /slack/events, the same signing secret,
 * node's http server) whose listeners only acknowledge. What it costs is what Bolt, express and
 * signature checking cost on this machine; the bot's ack latency is reported against it.
 *
 * Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';
import { serveParent } from '../lib/child-process';

async function main(): Promise<void> {
  const signingSecret = process.env.SLACK_SIGNING_SECRET;
  const botToken = process.env.SLACK_BOT_TOKEN;
  if (!signingSecret || !botToken) throw new Error('SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are required');
  const app = express();
  app.disable('x-powered-by');
  const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events', app, logLevel: LogLevel.WARN });
  // The bot authorizes once through auth.test and caches it; a static answer is the same cost per request.
  const bolt = new App({ receiver, authorize: async () => ({ botToken, botUserId: 'U0BOT', botId: 'B0BOT' }), logLevel: LogLevel.WARN });
  bolt.command(/.*/, async ({ ack }) => {
    await ack();
  });
  bolt.action(/.*/, async ({ ack }) => {
    await ack();
  });
  bolt.options(/.*/, async ({ ack }) => {
    await ack({ options: [] });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  serveParent({ url }, {}, () => new Promise<void>((resolve) => server.close(() => resolve())));
}

main().catch((error: unknown) => {
  process.stderr.write(`bare bolt failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
