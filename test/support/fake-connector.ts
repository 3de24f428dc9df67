import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  /**
   * send: POST .../activities; reply: POST .../activities/{id}; update: PUT .../activities/{id};
   * create: POST /v3/conversations (a new post in a channel: `conversationId` is the channel).
   */
  kind: 'send' | 'reply' | 'update' | 'create';
  conversationId: string;
  /** The activity replied to (reply) or replaced (update). */
  activityId?: string;
  /** The id the fake gave a new activity (send, reply). */
  newId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
}

/**
 * A fake Bot Connector service (the serviceUrl of Teams activities) on 127.0.0.1: records what
 * the bot sends, replies and updates, answers as the real service does ({ id }), and refuses
 * updates of activities it never gave out (404), as Teams does.
 */
export interface FakeConnector {
  /** The serviceUrl to put in activities, with a trailing slash like Teams'. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /**
   * When set, new posts in a channel (POST /v3/conversations) are refused with this HTTP status,
   * as Teams refuses a bot that may not post there (403 BotNotInConversationRoster).
   */
  refuseNewPosts?: number;
  /** The cards (Adaptive Card content) of a call. */
  cardsOf(call: ConnectorCall): Record<string, unknown>[];
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?$/;
const CREATE_ROUTE = /^\/v3\/conversations\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const issued = new Set<string>();
  let next = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const match = ROUTE.exec(path);
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && CREATE_ROUTE.test(path)) return createConversation(Buffer.concat(chunks).toString('utf8'), req.headers.authorization, answer);
      if (!match) return answer(404, { error: { code: 'NotFound', message: `No route ${req.method} ${path}` } });
      let activity: Record<string, unknown>;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return answer(400, { error: { code: 'BadArgument', message: 'Body is not JSON' } });
      }
      const conversationId = decodeURIComponent(match[1]);
      const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const authorization = req.headers.authorization;
      if (req.method === 'PUT' && activityId) {
        if (!issued.has(activityId)) return answer(404, { error: { code: 'ActivityNotFound', message: 'Unknown activity' } });
        calls.push({ kind: 'update', conversationId, activityId, activity, authorization });
        return answer(200, { id: activityId });
      }
      if (req.method === 'POST') {
        next += 1;
        const newId = `fake-activity-${next}`;
        issued.add(newId);
        calls.push({ kind: activityId ? 'reply' : 'send', conversationId, activityId, newId, activity, authorization });
        return answer(201, { id: newId });
      }
      answer(405, { error: { code: 'MethodNotAllowed', message: String(req.method) } });
    });
  });

  /**
   * A new thread in a channel, as Teams answers it: POST /v3/conversations with isGroup,
   * channelData.channel.id and the root activity; 201 with the thread's conversation id
   * `<channel>;messageid=<post id>` and the post's activityId (Microsoft, "Send proactive
   * messages" → "Create the conversation"; the shape observed in microsoft/teams.net's
   * docs/CreateConversation-API-Behavior.md, "Channel Thread"). Anything else is refused with
   * Teams' 400 BadSyntax; 1:1 chat creation is not needed by the bot.
   */
  function createConversation(text: string, authorization: string | undefined, answer: (status: number, body: unknown) => void): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return answer(400, { error: { code: 'BadArgument', message: 'Body is not JSON' } });
    }
    if (fake.refuseNewPosts !== undefined) {
      return answer(fake.refuseNewPosts, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
    }
    const channel = (body.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    const activity = body.activity as Record<string, unknown> | undefined;
    if (body.isGroup !== true || typeof channel !== 'string' || typeof activity !== 'object' || activity === null) {
      return answer(400, { error: { code: 'BadSyntax', message: 'Incorrect conversation creation parameters' } });
    }
    next += 1;
    const newId = `${1_700_000_000_000 + next}`;
    issued.add(newId);
    calls.push({ kind: 'create', conversationId: channel, newId, activity, authorization });
    answer(201, { id: `${channel};messageid=${newId}`, activityId: newId });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeConnector = {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    cardsOf(call) {
      const attachments = Array.isArray(call.activity.attachments) ? (call.activity.attachments as Record<string, unknown>[]) : [];
      return attachments
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content as Record<string, unknown>);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  return fake;
}
