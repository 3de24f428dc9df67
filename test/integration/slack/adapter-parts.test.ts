/**
 * Parts of the Slack adapter that read what Slack sends back: modal state to form values,
 * our own metadata and button values (never trusted), and where a request came from. Plus the
 * Socket Mode wiring, which must not expose the HTTP route.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { encodeFormMetadata, encodeIntent } from '../../../cards/slack';
import { registerSlack } from '../../../adapters/slack';
import { errorHook, whereOfBody } from '../../../adapters/slack/error-hook';
import type { FlowResultPresenter } from '../../../adapters/slack/flow-result.presenter';
import type { SlackDeps } from '../../../adapters/slack/slack-deps';
import type { SlackWeb } from '../../../adapters/slack/slack-web';
import { formValuesOf } from '../../../adapters/slack/form-state';
import { decodeFormMetadata, decodeIntent, decodeModalContext } from '../../../adapters/slack/slack-payload';
import { decodeMessageRef, encodeMessageRef } from '../../../adapters/slack/message-address';
import type { Flows } from '../../../src/flows/flows.types';
import { silentLogger } from '../../../src/log';

const VM = '/subscriptions/3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-01';

describe('Slack payloads', () => {
  it('reads modal state as form values, one per input, compact option values expanded', () => {
    const values = formValuesOf({
      vm: { vm: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'web-01' }, value: '~vm/3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61/rg-web-prod/web-01' } } },
      days: { days: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Sunday' }, value: 'Sunday' }] } },
      retainUntil: { retainUntil: { type: 'datepicker', selected_date: '2026-12-25' } },
      name: { name: { type: 'plain_text_input', value: 'nightly' } },
      empty: { empty: { type: 'plain_text_input', value: null } },
      none: { none: { type: 'static_select', selected_option: null } },
      count: { count: { type: 'number_input', value: '30' } },
    });
    expect(values).toEqual({ vm: VM, days: ['Sunday'], retainUntil: '2026-12-25', name: 'nightly', count: '30' });
  });

  it('takes intents only through the flows schema', () => {
    expect(decodeIntent(encodeIntent({ type: 'now.start', vm: VM }))).toEqual({ type: 'now.start', vm: VM });
    expect(decodeIntent('{"type":"rm -rf"}')).toBeUndefined();
    expect(decodeIntent('{"type":"job.cancel"}')).toBeUndefined();
    expect(decodeIntent('not json')).toBeUndefined();
  });

  it('reads back form metadata, and refuses what is not ours', () => {
    const text = encodeFormMetadata({ submit: { type: 'now.submit', vmId: VM, values: { retainUntil: 'x' } }, sources: { vm: { kind: 'vms', protectedOnly: true } }, channel: 'C1', origin: 'cmd:1' });
    expect(decodeFormMetadata(text)).toEqual({ submit: { type: 'now.submit', vmId: VM, values: {} }, sources: { vm: { kind: 'vms', protectedOnly: true } }, channel: 'C1', origin: 'cmd:1' });
    expect(decodeFormMetadata('{"submit":{"type":"status"}}')).toBeUndefined();
    expect(decodeFormMetadata(JSON.stringify({ submit: { type: 'now.submit', vmId: VM }, sources: { vm: { kind: 'files' } } }))?.sources).toEqual({});
    expect(decodeModalContext('{"channel":5,"origin":"o"}')).toEqual({ origin: 'o' });
  });

  it('round-trips the address of a tracked message', () => {
    expect(decodeMessageRef(encodeMessageRef({ channel: 'C1', ts: '1.2' }))).toEqual({ channel: 'C1', ts: '1.2' });
    expect(decodeMessageRef('{"channel":1}')).toBeUndefined();
  });

  it('finds who acted and where in any request body', () => {
    expect(whereOfBody({ command: '/backup', user_id: 'U1', channel_id: 'C1', response_url: 'https://r' })).toMatchObject({ userId: 'U1', channel: 'C1', responseUrl: 'https://r' });
    expect(whereOfBody({ type: 'view_submission', user: { id: 'U2' }, view: { id: 'V1', private_metadata: '{"channel":"C2","origin":"cmd:9"}' } })).toMatchObject({ userId: 'U2', channel: 'C2', viewId: 'V1', origin: 'cmd:9' });
    expect(whereOfBody({ type: 'block_actions', user: { id: 'U3' }, container: { channel_id: 'C3' } })).toMatchObject({ userId: 'U3', channel: 'C3' });
    expect(whereOfBody({})).toBeUndefined();
  });
});

describe('Socket Mode', () => {
  it('mounts no HTTP route when an app token is set', async () => {
    const app = express();
    const adapter = registerSlack(app, {
      config: { enabled: true, botToken: 'xoxb-x', signingSecret: 's', appToken: 'xapp-x', socketMode: true, apiUrl: 'http://127.0.0.1:9/api/' },
      flows: {} as Flows,
      claimEvent: async () => true,
      logger: silentLogger,
    });
    expect(adapter.bolt).toBeDefined();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, { method: 'POST', body: '{}' });
      expect(r.status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe('the error hook', () => {
  const told: string[] = [];
  const presenter = { tell: async (_where: unknown, sentence: string) => void told.push(sentence) } as unknown as FlowResultPresenter;
  const deps = { logger: silentLogger, newReference: () => 'ref0001' } as unknown as SlackDeps;
  const hook = errorHook(deps, {} as SlackWeb, presenter);
  const command = { command: '/backup', user_id: 'U1', channel_id: 'C1', response_url: 'https://r' };

  beforeEach(() => {
    told.length = 0;
  });

  it('tells the person, with a reference, when answering failed', async () => {
    await hook({ error: new Error('chat.postMessage failed'), body: command });
    expect(told).toEqual([expect.stringContaining('reference ref0001')]);
  });

  it('stays silent when Socket Mode could not send an acknowledgement on a closing connection (Slack sends the request again)', async () => {
    for (const code of ['slack_socket_mode_send_while_not_ready_error', 'slack_socket_mode_send_while_disconnected_error', 'slack_socket_mode_no_reply_received_error']) {
      await hook({ error: Object.assign(new Error('Failed to send a WebSocket message as the client is not ready'), { code }), body: command });
    }
    expect(told).toEqual([]);
  });
});
