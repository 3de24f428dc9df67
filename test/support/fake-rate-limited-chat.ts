/**
 * A loopback stand-in for the slice of the Slack Web API the notification outbox uses
 * (chat.postMessage, chat.update, conversations.history with message metadata), built to check
 * delivery rather than rendering: it de-duplicates NOTHING, records every accepted message with
 * its arrival time on the test's clock and the notification key it carries (message metadata),
 * and can answer 429 with Retry-After, fail, or hold a response forever (so a sender can be
 * killed with a message delivered but not acknowledged).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

type Json = Record<string, unknown>;

/** One message the fake accepted (a post or an update). */
export interface Arrival {
  seq: number;
  method: 'chat.postMessage' | 'chat.update';
  channel: string;
  ts: string;
  /** The notification key from the message metadata (event_payload.key), if any. */
  key?: string;
  eventType?: string;
  text?: string;
  blocks?: unknown[];
  /** chat.postMessage thread_ts: a reply under that message. */
  threadTs?: string;
  /** chat.postMessage reply_broadcast: the reply is also shown in the channel. */
  replyBroadcast?: boolean;
  /** On the clock given at start (the dispatcher's), when the request was handled. */
  at: Date;
}

/** A 429 the fake answered: no message may reach `channel` before `until`. */
export interface Refusal {
  channel: string;
  at: Date;
  until: Date;
}

export interface FakeChatOptions {
  botToken?: string;
  /** The clock arrivals are stamped with (default: the system clock). */
  now?: () => Date;
  /** Real milliseconds every answer waits (so a sender can be killed with requests in flight). */
  responseDelayMs?: number;
}

export interface FakeChat {
  /** Base URL ending in /api/, for the Web API client's slackApiUrl. */
  apiUrl: string;
  botToken: string;
  arrivals(filter?: { channel?: string; method?: Arrival['method'] }): Arrival[];
  /** Accepted posts per notification key (a count above 1 is a duplicate). */
  postsByKey(): Map<string, number>;
  /** The next `times` posts to `channel` get HTTP 429 with Retry-After: `seconds`. */
  rateLimit(channel: string, seconds: number, times?: number): void;
  refusals(): Refusal[];
  /** Posts accepted into a channel before the Retry-After it was given had passed (must stay empty). */
  early(): Arrival[];
  /** The next post to `channel` fails: HTTP `status`, or `{ ok: false, error }`. */
  failNext(channel: string, failure: { status: number } | { error: string }): void;
  /** The `n`-th accepted post (counting from now) is recorded but never answered; resolves when it arrived. */
  holdPost(n: number): Promise<Arrival>;
  /** How many times conversations.history was called (look-ups before a resend). */
  historyCalls(): number;
  /** A person deletes a message: chat.update of it answers message_not_found from now on. */
  deleteMessage(channel: string, ts: string): void;
  close(): Promise<void>;
}

const JSON_FIELDS = ['blocks', 'metadata', 'attachments'];

function decode(raw: string, contentType: string | undefined): Json {
  const args: Json = (contentType ?? '').startsWith('application/json') ? (raw ? (JSON.parse(raw) as Json) : {}) : ({ ...parseQuery(raw) } as Json);
  for (const field of JSON_FIELDS) {
    const v = args[field];
    if (typeof v === 'string') {
      try {
        args[field] = JSON.parse(v);
      } catch {
        args[field] = { invalid: v };
      }
    }
  }
  return args;
}

function metadataOf(args: Json): { eventType?: string; key?: string } {
  const m = args.metadata;
  if (typeof m !== 'object' || m === null) return {};
  const eventType = (m as { event_type?: unknown }).event_type;
  const payload = (m as { event_payload?: unknown }).event_payload;
  const key = typeof payload === 'object' && payload !== null ? (payload as { key?: unknown }).key : undefined;
  return { ...(typeof eventType === 'string' ? { eventType } : {}), ...(typeof key === 'string' ? { key } : {}) };
}

export async function startFakeRateLimitedChat(options: FakeChatOptions = {}): Promise<FakeChat> {
  const botToken = options.botToken ?? 'xoxb-fake-chat';
  const now = options.now ?? (() => new Date());
  const arrivals: Arrival[] = [];
  const refusals: Refusal[] = [];
  const limits = new Map<string, { seconds: number; times: number }>();
  const failures = new Map<string, ({ status: number } | { error: string })[]>();
  const holds: { at: number; resolve: (a: Arrival) => void }[] = [];
  const hanging = new Set<http.ServerResponse>();
  let posts = 0;
  let seq = 0;
  let history = 0;
  const deleted = new Set<string>();

  const methods: Record<string, (args: Json) => { status: number; body: Json; headers?: Record<string, string>; hold?: boolean }> = {
    'chat.postMessage': (args) => {
      const channel = String(args.channel ?? '');
      if (!channel) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
      const limit = limits.get(channel);
      if (limit && limit.times > 0) {
        limit.times -= 1;
        const at = now();
        refusals.push({ channel, at, until: new Date(at.getTime() + limit.seconds * 1000) });
        return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(limit.seconds) } };
      }
      const failure = failures.get(channel)?.shift();
      if (failure) return 'status' in failure ? { status: failure.status, body: { ok: false, error: 'fatal_error' } } : { status: 200, body: { ok: false, error: failure.error } };
      seq += 1;
      posts += 1;
      const ts = `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
      const arrival: Arrival = {
        seq,
        method: 'chat.postMessage',
        channel,
        ts,
        ...metadataOf(args),
        text: typeof args.text === 'string' ? args.text : undefined,
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        ...(typeof args.thread_ts === 'string' && args.thread_ts ? { threadTs: args.thread_ts, replyBroadcast: args.reply_broadcast === true || args.reply_broadcast === 'true' } : {}),
        at: now(),
      };
      arrivals.push(arrival);
      const hold = holds.find((h) => h.at === posts);
      if (hold) hold.resolve(arrival);
      return { status: 200, body: { ok: true, channel, ts }, hold: hold !== undefined };
    },
    'chat.update': (args) => {
      const channel = String(args.channel ?? '');
      const ts = String(args.ts ?? '');
      const original = arrivals.find((a) => a.method === 'chat.postMessage' && a.channel === channel && a.ts === ts);
      if (!original || deleted.has(`${channel}/${ts}`)) return { status: 200, body: { ok: false, error: 'message_not_found' } };
      seq += 1;
      arrivals.push({
        seq,
        method: 'chat.update',
        channel,
        ts,
        key: original.key,
        text: typeof args.text === 'string' ? args.text : undefined,
        blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
        at: now(),
      });
      return { status: 200, body: { ok: true, channel, ts } };
    },
    'conversations.replies': (args) => {
      history += 1;
      const channel = String(args.channel ?? '');
      const parent = String(args.ts ?? '');
      const oldest = Number(args.oldest ?? 0);
      const withMetadata = String(args.include_all_metadata) === 'true';
      const thread = arrivals.filter((a) => a.method === 'chat.postMessage' && a.channel === channel && (a.ts === parent || a.threadTs === parent) && a.at.getTime() / 1000 >= oldest);
      return {
        status: 200,
        body: {
          ok: true,
          messages: thread.map((a) => ({ type: 'message', ts: a.ts, text: a.text, ...(withMetadata && a.eventType ? { metadata: { event_type: a.eventType, event_payload: { key: a.key } } } : {}) })),
          has_more: false,
          response_metadata: { next_cursor: '' },
        },
      };
    },
    'conversations.history': (args) => {
      history += 1;
      const channel = String(args.channel ?? '');
      const oldest = Number(args.oldest ?? 0);
      const limit = Math.max(1, Math.min(999, Number(args.limit ?? 100)));
      const offset = Number(args.cursor ?? 0) || 0;
      const withMetadata = String(args.include_all_metadata) === 'true';
      const inChannel = arrivals
        // History holds a channel's own messages and broadcast replies, not a thread's other replies.
        .filter((a) => a.method === 'chat.postMessage' && a.channel === channel && a.at.getTime() / 1000 >= oldest && (!a.threadTs || a.replyBroadcast))
        .sort((a, b) => b.seq - a.seq);
      const page = inChannel.slice(offset, offset + limit);
      const more = offset + limit < inChannel.length;
      return {
        status: 200,
        body: {
          ok: true,
          messages: page.map((a) => ({
            type: 'message',
            ts: a.ts,
            text: a.text,
            ...(withMetadata && a.eventType ? { metadata: { event_type: a.eventType, event_payload: { key: a.key } } } : {}),
          })),
          has_more: more,
          response_metadata: { next_cursor: more ? String(offset + limit) : '' },
        },
      };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const answer = (status: number, body: Json, headers: Record<string, string> = {}): void => {
        const send = (): void => {
          if (res.writableEnded || res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        if (options.responseDelayMs) setTimeout(send, options.responseDelayMs);
        else send();
      };
      if (req.headers.authorization !== `Bearer ${botToken}`) return answer(200, { ok: false, error: 'invalid_auth' });
      const handler = methods[method];
      if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
      let args: Json;
      try {
        args = decode(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      } catch {
        return answer(200, { ok: false, error: 'invalid_arguments' });
      }
      const result = handler(args);
      if (result.hold) {
        hanging.add(res);
        return;
      }
      answer(result.status, result.body, result.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    botToken,
    arrivals: (filter = {}) => arrivals.filter((a) => (!filter.channel || a.channel === filter.channel) && (!filter.method || a.method === filter.method)),
    postsByKey() {
      const counts = new Map<string, number>();
      for (const a of arrivals) if (a.method === 'chat.postMessage' && a.key) counts.set(a.key, (counts.get(a.key) ?? 0) + 1);
      return counts;
    },
    rateLimit(channel, seconds, times = 1) {
      limits.set(channel, { seconds, times });
    },
    refusals: () => [...refusals],
    early: () =>
      arrivals.filter((a) => a.method === 'chat.postMessage' && refusals.some((r) => r.channel === a.channel && a.at.getTime() >= r.at.getTime() && a.at.getTime() < r.until.getTime())),
    failNext(channel, failure) {
      failures.set(channel, [...(failures.get(channel) ?? []), failure]);
    },
    holdPost(n) {
      return new Promise<Arrival>((resolve) => holds.push({ at: posts + n, resolve }));
    },
    historyCalls: () => history,
    deleteMessage: (channel, ts) => {
      deleted.add(`${channel}/${ts}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
