import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  /** send: POST .../activities; reply: POST .../activities/{id}; update: PUT .../activities/{id}. */
  kind: 'send' | 'reply' | 'update';
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
  /** The cards (Adaptive Card content) of a call. */
  cardsOf(call: ConnectorCall): Record<string, unknown>[];
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?$/;

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

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
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
}
