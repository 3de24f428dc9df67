/**
 * A lean stand-in for the Slack Web API and response URLs, for the benchmark: answers the
 * methods the bot calls with Slack's shapes, counts calls, keeps the last modal opened (the
 * picker part types into it) and every posted message (the notification part counts them).
 * Unlike test/support/fake-slack-api.ts it checks no Block Kit limits and accepts any trigger
 * id, so its own cost stays small and flat under load.
 *
 * With `rateLimit`, chat.postMessage is limited to one message per `perChannelMs` per channel,
 * as Slack does: a faster post is refused with HTTP 429, `Retry-After` (whole seconds) and
 * `{ ok: false, error: 'ratelimited' }`, and is not posted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export type Json = Record<string, unknown>;

export interface FakeSlackOptions {
  botToken: string;
  rateLimit?: { perChannelMs: number };
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  /** The `key` of the message metadata's event payload, when the bot sent one (notifications do). */
  key?: string;
  /** Metadata as sent (returned by conversations.history with include_all_metadata). */
  metadata?: Json;
  /** Milliseconds since the fake started. */
  at: number;
}

export interface FakeSlackStats {
  calls: Record<string, number>;
  /** Posts refused with 429. */
  rateLimited: number;
  /** Posts to response URLs. */
  responseUrlPosts: number;
  /** Calls refused for a wrong token. */
  unauthorized: number;
}

export interface FakeSlack {
  apiUrl: string;
  origin: string;
  stats(): FakeSlackStats;
  /** The view of the last views.open (as the app sent it), with the id the fake gave it. */
  lastOpenedView(): Json | undefined;
  messages(): PostedMessage[];
  /** The last 20 message payloads the bot sent (posts, updates, ephemerals, response URLs), newest last. */
  recentMessagePayloads(): Json[];
  /** Forgets counts, messages and rate-limit windows. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

function decodeArgs(raw: string, contentType: string | undefined): Json {
  if ((contentType ?? '').startsWith('application/json')) return raw.length > 0 ? (JSON.parse(raw) as Json) : {};
  const args: Json = { ...parseQuery(raw) };
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v === 'string') {
      try {
        args[key] = JSON.parse(v);
      } catch {
        // left as text: the fake does not judge payloads
      }
    }
  }
  return args;
}

export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const started = Date.now();
  let calls: Record<string, number> = {};
  let rateLimited = 0;
  let responseUrlPosts = 0;
  let unauthorized = 0;
  let lastView: Json | undefined;
  let posted: PostedMessage[] = [];
  let lastPostAt = new Map<string, number>();
  let recent: Json[] = [];
  const remember = (payload: Json): void => {
    recent.push(payload);
    if (recent.length > 20) recent = recent.slice(-20);
  };
  let seq = 0;
  const count = (method: string): void => {
    calls[method] = (calls[method] ?? 0) + 1;
  };
  const nextTs = (): string => {
    seq += 1;
    // Slack's ts: Unix seconds and a unique suffix (conversations.history filters on it).
    return `${Math.floor(Date.now() / 1000)}.${String(seq % 1_000_000).padStart(6, '0')}`;
  };

  const methods: Record<string, (args: Json) => { status?: number; headers?: Record<string, string>; body: Json }> = {
    'auth.test': () => ({ body: { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'backup-bot', team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT' } }),
    'chat.postMessage': (args) => {
      const channel = String(args.channel ?? '');
      if (channel === '') return { body: { ok: false, error: 'channel_not_found' } };
      const now = Date.now();
      if (options.rateLimit) {
        const last = lastPostAt.get(channel);
        if (last !== undefined && now - last < options.rateLimit.perChannelMs) {
          rateLimited += 1;
          const retryAfter = Math.max(1, Math.ceil((options.rateLimit.perChannelMs - (now - last)) / 1000));
          return { status: 429, headers: { 'retry-after': String(retryAfter) }, body: { ok: false, error: 'ratelimited' } };
        }
        lastPostAt.set(channel, now);
      }
      const ts = nextTs();
      remember({ ...args, channel, ts });
      const metadata = typeof args.metadata === 'object' && args.metadata !== null ? (args.metadata as Json) : undefined;
      const payload = metadata && typeof metadata.event_payload === 'object' && metadata.event_payload !== null ? (metadata.event_payload as Json) : undefined;
      posted.push({ channel, ts, text: String(args.text ?? ''), at: now - started, ...(typeof payload?.key === 'string' ? { key: payload.key } : {}), ...(metadata ? { metadata } : {}) });
      return { body: { ok: true, channel, ts, message: { type: 'message', ts, text: args.text, bot_id: 'B0BOT' } } };
    },
    'chat.update': (args) => {
      remember(args);
      return { body: { ok: true, channel: args.channel, ts: args.ts, text: args.text } };
    },
    'chat.postEphemeral': (args) => {
      remember(args);
      return { body: { ok: true, message_ts: nextTs() } };
    },
    'views.open': (args) => {
      seq += 1;
      const view = { ...(args.view as Json), id: `V${String(seq).padStart(8, '0')}`, hash: `h${seq}` };
      lastView = view;
      return { body: { ok: true, view } };
    },
    'views.push': (args) => {
      seq += 1;
      return { body: { ok: true, view: { ...(args.view as Json), id: `V${String(seq).padStart(8, '0')}`, hash: `h${seq}` } } };
    },
    'views.update': (args) => {
      seq += 1;
      return { body: { ok: true, view: { ...(args.view as Json), id: args.view_id, hash: `h${seq}` } } };
    },
    // Newest first, as Slack answers; one page (the benchmark's channels stay small).
    'conversations.history': (args) => {
      const oldest = Number(args.oldest ?? 0);
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const found = posted
        .filter((m) => m.channel === args.channel && Number(m.ts) >= oldest)
        .reverse()
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      return { body: { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } } };
    },
    // The benchmark's workspace has no user groups.
    'usergroups.list': () => ({ body: { ok: true, usergroups: [] } }),
    'users.info': (args) => ({ body: { ok: true, user: { id: args.user, team_id: 'T0BENCH', name: String(args.user), tz: 'UTC', tz_offset: 0, is_bot: false } } }),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0];
      const reply = (status: number, body: Json | string, headers: Record<string, string> = {}): void => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
        res.end(text);
      };
      if (path.startsWith('/response/')) {
        responseUrlPosts += 1;
        try {
          remember(decodeArgs(raw, req.headers['content-type']));
        } catch {
          // not JSON: counted, not kept
        }
        reply(200, 'ok');
        return;
      }
      const method = /^\/api\/([a-zA-Z.]+)$/.exec(path)?.[1];
      const handler = method ? methods[method] : undefined;
      if (!method || !handler) {
        reply(404, { ok: false, error: 'unknown_method' });
        return;
      }
      let args: Json;
      try {
        args = decodeArgs(raw, req.headers['content-type']);
      } catch {
        reply(200, { ok: false, error: 'invalid_json' });
        return;
      }
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
      count(method);
      if (token !== options.botToken) {
        unauthorized += 1;
        reply(200, { ok: false, error: token === undefined ? 'not_authed' : 'invalid_auth' });
        return;
      }
      const answer = handler(args);
      reply(answer.status ?? 200, answer.body, answer.headers);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${origin}/api/`,
    origin,
    stats: () => ({ calls: { ...calls }, rateLimited, responseUrlPosts, unauthorized }),
    lastOpenedView: () => lastView,
    messages: () => [...posted],
    recentMessagePayloads: () => [...recent],
    reset: () => {
      calls = {};
      rateLimited = 0;
      responseUrlPosts = 0;
      unauthorized = 0;
      posted = [];
      recent = [];
      lastPostAt = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
