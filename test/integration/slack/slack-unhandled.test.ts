/**
 * A signed Slack request that no listener takes (a command, action_id, view callback_id or
 * payload type the app does not use) is acknowledged with 200 as soon as the listeners have run,
 * logged once at debug level and never at error level, and calls no flow. Bolt alone holds it
 * 3 s, logs "not acknowledged" as an error and answers 404, which Slack retries three times.
 *
 * Payloads follow Slack's reference shapes: slash command (api.slack.com/interactivity/slash-commands),
 * block_actions, view_submission, shortcut, view_closed (api.slack.com/reference/interaction-payloads)
 * and the Events API's event_callback (api.slack.com/apis/events-api).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { registerSlack } from '../../../adapters/slack';
import { unhandledRequestHandler } from '../../../adapters/slack/unhandled-request';
import type { Flows } from '../../../src/flows/flows.types';
import { createLogger } from '../../../src/log';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api';
import { postSigned } from './support/slack-person';

const SECRET = 'unhandled-signing-secret-3c9a';
const FORM = 'application/x-www-form-urlencoded';
const user = { id: 'U0ACTOR', username: 'ops.person', name: 'ops.person', team_id: 'T0WORK' };
const team = { id: 'T0WORK', domain: 'work' };

const payloads: [string, string, string][] = [
  [
    'an unknown slash command',
    new URLSearchParams({ token: 'x', team_id: 'T0WORK', channel_id: 'C0OPS', user_id: 'U0ACTOR', command: '/weather', text: 'today', trigger_id: '1.trigger', response_url: 'http://127.0.0.1:9/hook' }).toString(),
    FORM,
  ],
  [
    'a button whose action_id the app does not use',
    `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'block_actions',
        user,
        team,
        trigger_id: '2.trigger',
        response_url: 'http://127.0.0.1:9/hook',
        channel: { id: 'C0OPS' },
        container: { type: 'message', message_ts: '1.2', channel_id: 'C0OPS' },
        message: { ts: '1.2' },
        actions: [{ type: 'button', action_id: 'someone-elses-button', block_id: 'b', value: 'x', action_ts: '1.3' }],
      }),
    )}`,
    FORM,
  ],
  [
    'a submission of a view the app did not open',
    `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'view_submission',
        user,
        team,
        view: { id: 'V0OTHER', callback_id: 'other-app-modal', private_metadata: '', title: { type: 'plain_text', text: 'Other' }, blocks: [], state: { values: {} } },
      }),
    )}`,
    FORM,
  ],
  ['a global shortcut', `payload=${encodeURIComponent(JSON.stringify({ type: 'shortcut', callback_id: 'open', trigger_id: '3.trigger', user, team }))}`, FORM],
  ['a closed view', `payload=${encodeURIComponent(JSON.stringify({ type: 'view_closed', user, team, view: { id: 'V1', callback_id: 'x' }, is_cleared: false }))}`, FORM],
  [
    'an event the app does not subscribe to',
    JSON.stringify({ type: 'event_callback', team_id: 'T0WORK', api_app_id: 'A0APP', event: { type: 'app_mention', user: 'U0ACTOR', text: 'hi', ts: '1.2', channel: 'C0OPS' }, event_id: 'Ev1', event_time: 1 }),
    'application/json',
  ],
];

describe('Slack requests no listener takes', () => {
  let fake: FakeSlackApi;
  let server: Server;
  let url: string;
  const logs: { level: string; msg: string }[] = [];
  const called: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    const record = (name: string) => async () => {
      called.push(name);
      throw new Error('no flow should run');
    };
    const flows = { handleText: record('handleText'), handle: record('handle'), suggest: record('suggest'), jobs: { track: record('track') } } as unknown as Flows;
    const app = express();
    registerSlack(app, {
      config: { enabled: true, botToken: fake.botToken, signingSecret: SECRET, socketMode: false, apiUrl: fake.apiUrl },
      flows,
      claimEvent: async () => true,
      logger: createLogger({ level: 'debug', write: (line) => void logs.push(JSON.parse(line) as { level: string; msg: string }) }),
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await fake?.close();
  });
  beforeEach(() => {
    logs.length = 0;
    called.length = 0;
  });

  it.each(payloads)('acknowledges %s with 200, logs it once at debug, and calls no flow', async (_name, body, contentType) => {
    const r = await postSigned(url, SECRET, body, contentType);
    expect(r.status).toBe(200);
    expect(called).toEqual([]);
    expect(logs.filter((l) => l.msg === 'slack: request no listener takes acknowledged').map((l) => l.level)).toEqual(['debug']);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('leaves a request it answered itself alone when Bolt looks for an acknowledgement 3 s later', () => {
    const lines: string[] = [];
    const handler = unhandledRequestHandler(createLogger({ level: 'debug', write: (line) => void lines.push(line) }));
    const written: number[] = [];
    handler({ response: { headersSent: true, writeHead: (s: number) => written.push(s), end: () => undefined } });
    expect({ lines, written }).toEqual({ lines: [], written: [] });
    // A listener that never acknowledged is still an error, as in Bolt.
    handler({ response: { headersSent: false, writeHead: (s: number) => written.push(s), end: () => undefined } });
    expect(written).toEqual([404]);
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['error']);
  });
});
