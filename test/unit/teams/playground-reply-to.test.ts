import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localConnectorRouter } from '../../../adapters/teams/playground/local-connector.router';
import { PlaygroundConversations } from '../../../adapters/teams/playground/playground-conversations';

/**
 * What the bot sends through the playground's Bot Connector (the REST shape of "Send to
 * conversation" / "Reply to activity", POST /v3/conversations/{id}/activities[/{activityId}]):
 * Web Chat holds back an activity whose replyToId names one it has not seen, so a message the
 * bot posts on its own must not carry a made-up id, even while a person's turn is in flight.
 */
describe('playground connector: messages the bot posts on its own', () => {
  let server: http.Server;
  let base: string;
  const conversations = new PlaygroundConversations();

  beforeAll(async () => {
    const app = express();
    app.use(localConnectorRouter(conversations));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = async (conversationId: string, replyToId: string): Promise<void> => {
    const res = await fetch(`${base}/v3/conversations/${conversationId}/activities/${encodeURIComponent(replyToId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'Backup of web-02: Completed in 14 min' }),
    });
    expect(res.status).toBe(201);
  };

  it('drops a replyToId the conversation never had, during a turn as outside one', async () => {
    const c = conversations.create({ id: 'u1', name: 'Ada' });
    c.turnsInFlight = 1; // someone's command is being answered at the same moment
    await send(c.id, 'made-up-continuation-id');
    c.turnsInFlight = 0;
    await send(c.id, 'another-made-up-id');
    const sent = c.since(0).activities.filter((a) => a.type === 'message');
    expect(sent.map((a) => a.replyToId)).toEqual([undefined, undefined]);
  });

  it('keeps a replyToId that names one of the conversation\'s activities', async () => {
    const c = conversations.create({ id: 'u2', name: 'Bo' });
    await send(c.id, 'first');
    const [first] = c.since(0).activities;
    await send(c.id, String(first.id));
    expect(c.since(0).activities.at(-1)?.replyToId).toBe(first.id);
  });
});
