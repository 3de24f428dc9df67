/**
 * Signed Slack requests in a shape the adapter cannot handle are refused with 400 before Bolt or
 * a listener sees them (nothing claimed, no flow called); well-formed ones reach the flows with
 * the actor's workspace and channel, which access control decides with.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { encodeIntent } from '../../../cards/slack';
import { registerSlack } from '../../../adapters/slack';
import { actionKey, commandKey } from '../../../adapters/slack/idempotency';
import { checkSlackBody } from '../../../adapters/slack/slack-body.schema';
import type { Flows } from '../../../src/flows/flows.types';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult } from '../../../src/flows/views';
import { silentLogger } from '../../../src/log';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api';
import { postSigned } from './support/slack-person';
import { eventually } from '../../support/eventually';

const SECRET = 'validation-signing-secret-7d1e';
const FORM = 'application/x-www-form-urlencoded';
let triggers = 0;
const done: FlowResult = { kind: 'message', placement: 'new', view: { kind: 'notice', tone: 'info', title: 'ok', text: 'ok', actions: [] } };

describe('Slack request shapes', () => {
  let fake: FakeSlackApi;
  let server: Server;
  let url: string;
  const claimed: string[] = [];
  const actors: { call: string; actor: Actor | undefined; arg: unknown }[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    const flows = {
      handleText: async (text: string, actor: Actor) => {
        actors.push({ call: 'handleText', actor, arg: text });
        return done;
      },
      handle: async (intent: Intent, actor: Actor) => {
        actors.push({ call: 'handle', actor, arg: intent });
        return done;
      },
      suggest: async (_source: unknown, query: string, actor?: Actor) => {
        actors.push({ call: 'suggest', actor, arg: query });
        return [];
      },
      jobs: { track: async () => undefined },
    } as unknown as Flows;
    const app = express();
    registerSlack(app, {
      config: { enabled: true, botToken: fake.botToken, signingSecret: SECRET, socketMode: false, apiUrl: fake.apiUrl },
      flows,
      claimEvent: async (key) => {
        claimed.push(key);
        return true;
      },
      logger: silentLogger,
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
    claimed.length = 0;
    actors.length = 0;
  });

  const interaction = (payload: unknown) => postSigned(url, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  const user = { id: 'U0ACTOR', name: 'ops.person', team_id: 'T0WORK' };
  const button = (overrides: Record<string, unknown> = {}) => ({
    type: 'block_actions',
    user,
    team: { id: 'T0WORK' },
    trigger_id: `${(triggers += 1)}.trigger`,
    response_url: 'http://127.0.0.1:9/hook',
    channel: { id: 'C0OPS' },
    container: { type: 'message', message_ts: '1.2', channel_id: 'C0OPS' },
    message: { ts: '1.2' },
    actions: [{ type: 'button', action_id: 'status', block_id: 'b', value: encodeIntent({ type: 'status', target: 'web-01' }) }],
    ...overrides,
  });

  it.each([
    ['a button press without user', { ...button(), user: undefined }],
    ['a button press whose actions are not a list', button({ actions: 'status' })],
    ['a button press with a 100 KB trigger id', button({ trigger_id: 'x'.repeat(100_000) })],
    ['a submission without view', { type: 'view_submission', user, team: { id: 'T0WORK' } }],
    ['an options request without user', { type: 'block_suggestion', action_id: 'vm', value: 'web', view: { id: 'V1', private_metadata: '{}' } }],
    ['an unknown payload type', { ...button(), type: 'shortcut_x' }],
  ])('refuses %s with 400, claiming nothing and calling no flow', async (_name, payload) => {
    const r = await interaction(payload);
    expect(r.status).toBe(400);
    expect(claimed).toEqual([]);
    expect(actors).toEqual([]);
  });

  it('refuses a signed JSON body (Slack sends commands and interactions form-encoded) with 400', async () => {
    const r = await postSigned(url, SECRET, JSON.stringify({ type: 'block_actions', actions: {} }), 'application/json');
    expect(r.status).toBe(400);
    expect(claimed).toEqual([]);
  });

  it('refuses a command without a trigger id with 400', async () => {
    const r = await postSigned(url, SECRET, new URLSearchParams({ command: '/backup', user_id: 'U0ACTOR', text: 'help' }).toString(), FORM);
    expect(r.status).toBe(400);
    expect(claimed).toEqual([]);
  });

  it('claims nothing for a button whose value is not an intent', async () => {
    const since = fake.calls().length;
    const r = await interaction(button({ response_url: fake.responseUrl(), actions: [{ type: 'button', action_id: 'status', block_id: 'b', value: '{"type":"nope"}' }] }));
    expect(r.status).toBe(200);
    const told = await fake.waitForCall((c) => c.method === 'response_url', 'the sentence', since);
    expect(JSON.stringify(told.args)).toMatch(/older version/);
    expect(claimed).toEqual([]);
    expect(actors).toEqual([]);
  });

  it('passes the workspace and the channel of a command to the flows', async () => {
    const trigger = fake.issueTrigger('U0ACTOR');
    const fields = { command: '/backup', text: 'status web-01', user_id: 'U0ACTOR', user_name: 'ops.person', team_id: 'T0WORK', channel_id: 'C0OPS', trigger_id: trigger, response_url: fake.responseUrl() };
    const r = await postSigned(url, SECRET, new URLSearchParams(fields).toString(), FORM);
    expect(r.status).toBe(200);
    await waitFor(() => actors.length > 0);
    expect(actors[0]).toEqual({ call: 'handleText', arg: 'status web-01', actor: { platform: 'slack', userId: 'U0ACTOR', displayName: 'ops.person', workspaceId: 'T0WORK', channelId: 'C0OPS' } });
    expect(claimed).toEqual([commandKey(trigger)]);
  });

  it('passes the workspace and the channel of a button press to the flows', async () => {
    const payload = button({ response_url: fake.responseUrl() });
    const r = await interaction(payload);
    expect(r.status).toBe(200);
    await waitFor(() => actors.length > 0);
    expect(actors[0].actor).toEqual({ platform: 'slack', userId: 'U0ACTOR', displayName: 'ops.person', workspaceId: 'T0WORK', channelId: 'C0OPS' });
    expect(claimed).toEqual([actionKey(payload.trigger_id, 'status')]);
  });

  it('passes the workspace and the wizard channel of a type-ahead to the flows', async () => {
    const metadata = JSON.stringify({ submit: { type: 'enable.chooseVm', values: {} }, sources: { vm: { kind: 'vms' } }, channel: 'C0WIZ' });
    const r = await interaction({ type: 'block_suggestion', user, team: { id: 'T0WORK' }, action_id: 'vm', block_id: 'vm', value: 'web', view: { id: 'V1', private_metadata: metadata } });
    expect(r.status).toBe(200);
    expect(actors).toEqual([{ call: 'suggest', arg: 'web', actor: { platform: 'slack', userId: 'U0ACTOR', displayName: 'ops.person', workspaceId: 'T0WORK', channelId: 'C0WIZ' } }]);
  });
});

describe('Slack body checks and keys', () => {
  it('names what is wrong', () => {
    expect(checkSlackBody([])).toEqual({ ok: false, reason: 'the body is not an object' });
    expect(checkSlackBody({ type: 'view_submission', user: { id: 'U1' } })).toMatchObject({ ok: false, reason: expect.stringMatching(/^view_submission: view/) });
    expect(checkSlackBody({ command: '/backup', user_id: 'U1', trigger_id: 't' })).toEqual({ ok: true, kind: 'command' });
  });

  it('bounds every key part: long ones are hashed', () => {
    expect(actionKey('1.trigger', 'status')).toBe('slack:action:1.trigger:status');
    const long = actionKey('x'.repeat(300_000), 'status');
    expect(long.length).toBeLessThan(100);
    expect(long).not.toBe(actionKey('y'.repeat(300_000), 'status'));
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  await eventually(condition, { intervalMs: 10 });
}
