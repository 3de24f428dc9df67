/**
 * A loopback stand-in for the Slack Web API (https://slack.com/api/) and for response_url
 * endpoints, for integration tests. It answers the methods the bot uses as Slack does (shapes,
 * `ok:false` error codes), keeps the state those methods change (messages, modals, used
 * trigger ids) and records every call so tests can assert on what a person would see.
 *
 * It refuses what Slack refuses: a wrong token (`invalid_auth`), blocks over Block Kit limits
 * (`invalid_blocks`), a trigger id used twice (`expired_trigger_id`), a stale views.update hash
 * (`hash_conflict`), an update of an unknown message (`message_not_found`), a post into a
 * channel the bot is not in (`not_in_channel`; `channel_not_found` for a private channel, which a
 * non-member cannot see), a method whose scope the app was not granted (`missing_scope`, for
 * usergroups.list).
 *
 * Ephemeral messages are kept per person, from chat.postEphemeral and from response_url posts
 * (docs.slack.dev/interactivity/handling-user-interaction: a response_url post is ephemeral unless
 * `response_type` is `in_channel`; `replace_original` / `delete_original` act on the message the
 * interaction came from). A response_url works where the bot is not a member.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { checkFieldErrors, checkMessage, checkModal } from './block-kit-limits';
import { attachSocketMode, createFakeSocketMode, type FakeSocketMode } from './fake-socket-mode';

export type Json = Record<string, unknown>;

export interface RecordedSlackCall {
  /** Web API method (e.g. `chat.update`) or `response_url` for posts to a response URL. */
  method: string;
  args: Json;
  response: Json;
  /** For response_url posts: the id at the end of the URL. */
  responseUrlId?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  /** How many times chat.update changed it. */
  updates: number;
}

/** A message only one person sees. */
export interface FakeEphemeral {
  id: string;
  channel: string;
  user: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  via: 'chat.postEphemeral' | 'response_url';
  /** Removed through a response_url's delete_original (or replaced: the replacement is a new entry). */
  deleted: boolean;
}

/** Where a response_url answers: the conversation, the person, and the message it came from (if any). */
export interface ResponseUrlContext {
  channel: string;
  user: string;
  /** The ephemeral message whose button gave this URL. */
  ephemeralId?: string;
  /** The channel message whose button gave this URL. */
  messageTs?: string;
}

export interface FakeView {
  id: string;
  hash: string;
  userId: string;
  rootViewId: string;
  previousViewId: string | null;
  /** The view as the app last sent it (type, title, blocks, private_metadata, callback_id, ...). */
  view: Json;
  /** Closed views stay recorded; a person cannot act on them any more. */
  open: boolean;
}

/** A user group of the fake workspace. */
export interface FakeUserGroup {
  id: string;
  handle?: string;
  users: string[];
  /** Disabled groups are left out of usergroups.list unless include_disabled is set, and carry date_delete. */
  disabled?: boolean;
}

/** The bot scopes manifest/slack/manifest.yaml asks for. */
export const MANIFEST_BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'usergroups:read', 'channels:read', 'groups:read'];

export interface FakeSlackOptions {
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Channels the bot is not a member of: chat.postMessage there answers `not_in_channel`. */
  channelsWithoutBot?: string[];
  /** Private channels: where the bot is not a member, Slack answers `channel_not_found`. */
  privateChannels?: string[];
  /** The workspace's user groups (usergroups.list); default none. */
  userGroups?: FakeUserGroup[];
  /** The bot scopes the app was installed with; default MANIFEST_BOT_SCOPES. */
  scopes?: string[];
  /** The app-level token (`xapp-…`) that apps.connections.open accepts (Socket Mode). */
  appToken?: string;
}

export interface FakeSlackApi {
  /** Base URL ending in `/api/`, for Bolt's `clientOptions.slackApiUrl`. */
  apiUrl: string;
  /** Base of response URLs; `responseUrl()` makes a fresh one. */
  origin: string;
  botToken: string;
  appToken: string;
  teamId: string;
  botUserId: string;
  /** Slack's side of Socket Mode (see fake-socket-mode.ts). */
  socket: FakeSocketMode;
  calls(method?: string): RecordedSlackCall[];
  clearCalls(): void;
  /** Issues a trigger id as Slack does with each interaction (usable once), bound to the person who acted. */
  issueTrigger(userId: string): string;
  /** A response_url Slack would send with a command or message action (with its context, posts to it are modelled). */
  responseUrl(context?: ResponseUrlContext): string;
  /** Ephemeral messages a person was shown (all people when `user` is absent), oldest first, deleted ones included. */
  ephemerals(user?: string): FakeEphemeral[];
  messages(channel?: string): FakeMessage[];
  message(channel: string, ts: string): FakeMessage | undefined;
  view(id: string): FakeView | undefined;
  /** The view on top of the user's modal stack, if a modal is open. */
  topView(userId: string): FakeView | undefined;
  /**
   * Replaces/pushes/closes views as Slack does after a view_submission answer. Returns what
   * Slack would refuse in the answer (a view over limits, errors on blocks that are not inputs).
   */
  applySubmissionResponse(viewId: string, response: Json | undefined): string[];
  /** The next call of `method` answers `{ ok: false, error }` (as Slack does on its own failures). */
  failNext(method: string, error: string): void;
  /** Replaces the workspace's user groups (as an admin editing them in Slack would). */
  setUserGroups(groups: FakeUserGroup[]): void;
  /** Replaces the bot scopes the app holds (as a reinstall with another manifest would). */
  setScopes(scopes: string[]): void;
  /** How many calls were recorded so far: pass it as `since` to wait only for later calls. */
  mark(): number;
  /** Resolves once a call matching `predicate` has been recorded (already, after `since`, or later). */
  waitForCall(predicate: (call: RecordedSlackCall) => boolean, description?: string, since?: number): Promise<RecordedSlackCall>;
  close(): Promise<void>;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata', 'user_auth_blocks'];

function decodeArgs(raw: string, contentType: string | undefined): Json {
  let args: Json;
  if ((contentType ?? '').startsWith('application/json')) {
    args = raw.length > 0 ? (JSON.parse(raw) as Json) : {};
  } else {
    args = { ...parseQuery(raw) } as Json;
  }
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v === 'string') {
      try {
        args[key] = JSON.parse(v);
      } catch {
        args[key] = { __invalid_json: v };
      }
    }
  }
  return args;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const botToken = options.botToken ?? 'xoxb-test-token';
  const appToken = options.appToken ?? 'xapp-1-A0TEST-1-test';
  const socket = createFakeSocketMode('A0TEST');
  let origin = '';
  const teamId = options.teamId ?? 'T0TEST';
  const botUserId = options.botUserId ?? 'U0BOT';
  const botId = options.botId ?? 'B0BOT';
  const withoutBot = new Set(options.channelsWithoutBot ?? []);
  const privateChannels = new Set(options.privateChannels ?? []);
  // What Slack answers a bot that is not in the channel: a private one does not exist for it.
  const notMember = (channel: string): string => (privateChannels.has(channel) ? 'channel_not_found' : 'not_in_channel');
  const ephemerals: FakeEphemeral[] = [];
  const responseContexts = new Map<string, ResponseUrlContext>();
  let userGroups: FakeUserGroup[] = options.userGroups ?? [];
  let scopes = new Set(options.scopes ?? MANIFEST_BOT_SCOPES);

  const events = new EventEmitter();
  events.setMaxListeners(100);
  const recorded: RecordedSlackCall[] = [];
  const messages = new Map<string, FakeMessage>();
  const views = new Map<string, FakeView>();
  const issuedTriggers = new Set<string>();
  const usedTriggers = new Set<string>();
  let seq = 0;
  const next = (): number => {
    seq += 1;
    return seq;
  };
  const newTs = (): string => `${1_700_000_000 + next()}.${String(seq).padStart(6, '0')}`;
  const newHash = (): string => `${1_700_000_000 + next()}.${Math.random().toString(36).slice(2, 10)}`;
  // Every modal a user has open, bottom first (Slack keeps a stack of up to 3).
  const stacks = new Map<string, string[]>();

  const failures = new Map<string, string[]>();
  const record = (call: RecordedSlackCall): void => {
    recorded.push(call);
    events.emit('call', call);
  };
  const err = (error: string, messagesList?: string[]): Json => ({
    ok: false,
    error,
    ...(messagesList ? { response_metadata: { messages: messagesList } } : {}),
  });

  // Slack's answer when the token lacks the method's scope.
  const missingScope = (needed: string): Json | undefined =>
    scopes.has(needed) ? undefined : { ok: false, error: 'missing_scope', needed, provided: [...scopes].join(',') };
  const flag = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

  const exchangeTrigger = (args: Json): Json | undefined => {
    const trigger = args.trigger_id;
    if (typeof trigger !== 'string' || !issuedTriggers.has(trigger)) return err('invalid_arguments', ['invalid `trigger_id`']);
    if (usedTriggers.has(trigger)) return err('expired_trigger_id');
    usedTriggers.add(trigger);
    return undefined;
  };

  const storeView = (view: Json, userId: string, root: string | undefined, previous: string | null): FakeView => {
    const id = `V${String(next()).padStart(8, '0')}`;
    const stored: FakeView = { id, hash: newHash(), userId, rootViewId: root ?? id, previousViewId: previous, view, open: true };
    views.set(id, stored);
    return stored;
  };
  const viewResponse = (v: FakeView): Json => ({
    ok: true,
    view: {
      ...v.view,
      id: v.id,
      team_id: teamId,
      hash: v.hash,
      state: { values: {} },
      root_view_id: v.rootViewId,
      previous_view_id: v.previousViewId,
      app_id: 'A0TEST',
      bot_id: botId,
    },
  });
  // Whose modal stack a trigger opens into.
  const triggerUsers = new Map<string, string>();

  const addEphemeral = (channel: string, user: string, text: unknown, blocks: unknown, via: FakeEphemeral['via']): FakeEphemeral => {
    const e: FakeEphemeral = { id: `E${String(next()).padStart(6, '0')}`, channel, user, ts: newTs(), text: text as string | undefined, blocks: blocks as unknown[] | undefined, via, deleted: false };
    ephemerals.push(e);
    return e;
  };

  /** What a response_url post does, as Slack does it, for a URL made with a context. */
  const applyResponse = (ctx: ResponseUrlContext, args: Json): void => {
    const original = ctx.ephemeralId ? ephemerals.find((e) => e.id === ctx.ephemeralId) : undefined;
    const channelMessage = ctx.messageTs ? messages.get(`${ctx.channel}:${ctx.messageTs}`) : undefined;
    if (flag(args.delete_original)) {
      if (original) original.deleted = true;
      if (channelMessage) messages.delete(`${ctx.channel}:${ctx.messageTs}`);
      return;
    }
    if (flag(args.replace_original) && (original || channelMessage)) {
      if (original) {
        original.deleted = true;
        const replaced = addEphemeral(ctx.channel, ctx.user, args.text, args.blocks, 'response_url');
        ctx.ephemeralId = replaced.id;
      } else if (channelMessage) {
        channelMessage.text = args.text as string | undefined;
        channelMessage.blocks = args.blocks as unknown[] | undefined;
        channelMessage.updates += 1;
      }
      return;
    }
    if (args.response_type === 'in_channel') {
      const ts = newTs();
      messages.set(`${ctx.channel}:${ts}`, { channel: ctx.channel, ts, text: args.text as string | undefined, blocks: args.blocks as unknown[] | undefined, updates: 0 });
      return;
    }
    addEphemeral(ctx.channel, ctx.user, args.text, args.blocks, 'response_url');
  };

  const methods: Record<string, (args: Json) => Json> = {
    // docs.slack.dev/reference/methods/apps.connections.open: a WebSocket URL for one connection.
    'apps.connections.open': () => ({ ok: true, url: socket.openUrl(origin) }),
    'auth.test': () => ({
      ok: true,
      url: 'https://test-workspace.slack.com/',
      team: 'Test Workspace',
      user: 'backup-bot',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'users.info': (args) => {
      if (typeof args.user !== 'string') return err('user_not_found');
      return {
        ok: true,
        user: { id: args.user, team_id: teamId, name: args.user.toLowerCase(), real_name: `Person ${args.user}`, tz: 'Europe/Amsterdam', tz_offset: 3600, is_bot: false },
      };
    },
    'usergroups.list': (args) => {
      const refused = missingScope('usergroups:read');
      if (refused) return refused;
      const created = 1_700_000_000;
      return {
        ok: true,
        usergroups: userGroups
          .filter((g) => !g.disabled || flag(args.include_disabled))
          .map((g) => ({
            id: g.id,
            team_id: teamId,
            is_usergroup: true,
            name: g.handle ?? g.id,
            handle: g.handle ?? g.id.toLowerCase(),
            is_external: false,
            date_create: created,
            date_update: created,
            date_delete: g.disabled ? created + 1 : 0,
            created_by: 'U0ADMIN',
            updated_by: 'U0ADMIN',
            deleted_by: g.disabled ? 'U0ADMIN' : null,
            prefs: { channels: [], groups: [] },
            user_count: g.users.length,
            ...(flag(args.include_users) ? { users: [...g.users] } : {}),
          })),
      };
    },
    'chat.postMessage': (args) => {
      const channel = args.channel;
      if (typeof channel !== 'string' || channel.length === 0) return err('channel_not_found');
      if (withoutBot.has(channel)) return err(notMember(channel));
      if (args.text === undefined && args.blocks === undefined) return err('no_text');
      const problems = checkMessage({ text: args.text, blocks: args.blocks });
      if (problems.length > 0) return err('invalid_blocks', problems);
      const ts = newTs();
      const msg: FakeMessage = { channel, ts, text: args.text as string | undefined, blocks: args.blocks as unknown[] | undefined, updates: 0 };
      messages.set(`${channel}:${ts}`, msg);
      return { ok: true, channel, ts, message: { type: 'message', user: botUserId, bot_id: botId, text: msg.text, blocks: msg.blocks, ts } };
    },
    'chat.update': (args) => {
      const key = `${String(args.channel)}:${String(args.ts)}`;
      const msg = messages.get(key);
      if (!msg) return err('message_not_found');
      const problems = checkMessage({ text: args.text ?? msg.text, blocks: args.blocks });
      if (problems.length > 0) return err('invalid_blocks', problems);
      if (args.text !== undefined) msg.text = args.text as string;
      if (args.blocks !== undefined) msg.blocks = args.blocks as unknown[];
      msg.updates += 1;
      return { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text, message: { text: msg.text, blocks: msg.blocks } };
    },
    // docs.slack.dev/reference/methods/chat.postEphemeral: the bot must be in the channel too.
    'chat.postEphemeral': (args) => {
      if (typeof args.channel !== 'string') return err('channel_not_found');
      if (withoutBot.has(args.channel)) return err(notMember(args.channel));
      if (typeof args.user !== 'string') return err('user_not_in_channel');
      const problems = checkMessage({ text: args.text, blocks: args.blocks });
      if (problems.length > 0) return err('invalid_blocks', problems);
      const e = addEphemeral(args.channel, args.user, args.text, args.blocks, 'chat.postEphemeral');
      return { ok: true, message_ts: e.ts };
    },
    'views.open': (args) => {
      const refused = exchangeTrigger(args);
      if (refused) return refused;
      const problems = checkModal(args.view);
      if (problems.length > 0) return err('invalid_arguments', problems);
      const userId = triggerUsers.get(args.trigger_id as string) ?? 'UNKNOWN';
      // Slack does not say what happens to a modal already open; the stricter model keeps it
      // open (and submittable) beside the new one, which becomes the top one.
      const v = storeView(args.view as Json, userId, undefined, null);
      stacks.set(userId, [v.id]);
      return viewResponse(v);
    },
    'views.push': (args) => {
      const refused = exchangeTrigger(args);
      if (refused) return refused;
      const problems = checkModal(args.view);
      if (problems.length > 0) return err('invalid_arguments', problems);
      const userId = triggerUsers.get(args.trigger_id as string) ?? 'UNKNOWN';
      const stack = stacks.get(userId) ?? [];
      if (stack.length === 0) return err('not_found');
      if (stack.length >= 3) return err('push_limit_reached');
      const top = stack[stack.length - 1];
      const v = storeView(args.view as Json, userId, views.get(top)?.rootViewId, top);
      stack.push(v.id);
      return viewResponse(v);
    },
    'views.update': (args) => {
      const id = args.view_id;
      const v = typeof id === 'string' ? views.get(id) : undefined;
      if (!v || !v.open) return err('not_found');
      if (typeof args.hash === 'string' && args.hash !== v.hash) return err('hash_conflict');
      const problems = checkModal(args.view);
      if (problems.length > 0) return err('invalid_arguments', problems);
      v.view = args.view as Json;
      v.hash = newHash();
      return viewResponse(v);
    },
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, body: Json | string): void => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8' });
        res.end(text);
      };
      if (req.method !== 'POST') {
        reply(405, 'method not allowed');
        return;
      }
      const responseMatch = /^\/response\/([^/]+)$/.exec(url.pathname);
      if (responseMatch) {
        // Slack answers response_url posts with plain "ok" (no token needed: the URL is the secret).
        const args = decodeArgs(raw, req.headers['content-type']);
        // A delete carries no message.
        const problems = flag(args.delete_original) ? [] : checkMessage({ text: args.text, blocks: args.blocks });
        if (problems.length > 0) {
          record({ method: 'response_url', args, response: err('invalid_blocks', problems), responseUrlId: responseMatch[1] });
          reply(400, 'invalid_blocks');
          return;
        }
        const context = responseContexts.get(responseMatch[1]);
        if (context) applyResponse(context, args);
        record({ method: 'response_url', args, response: { ok: true }, responseUrlId: responseMatch[1] });
        reply(200, 'ok');
        return;
      }
      const methodMatch = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
      const handler = methodMatch ? methods[methodMatch[1]] : undefined;
      if (!methodMatch || !handler) {
        reply(404, { ok: false, error: 'unknown_method' });
        return;
      }
      const args = decodeArgs(raw, req.headers['content-type']);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : (args.token as string | undefined);
      let response: Json;
      // apps.connections.open is the one method called with the app-level token (Socket Mode).
      const expected = methodMatch[1] === 'apps.connections.open' ? appToken : botToken;
      if (token === undefined) response = err('not_authed');
      else if (token !== expected) response = err('invalid_auth');
      else if (failures.get(methodMatch[1])?.length) response = err(failures.get(methodMatch[1])?.shift() as string);
      else response = handler(args);
      record({ method: methodMatch[1], args, response });
      reply(200, response);
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attachSocketMode(server, socket);
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    botToken,
    appToken,
    teamId,
    botUserId,
    socket,
    calls: (method) => recorded.filter((c) => method === undefined || c.method === method),
    clearCalls: () => {
      recorded.length = 0;
    },
    issueTrigger: (userId) => {
      const t = `${next()}.${1_700_000_000}.${Math.random().toString(16).slice(2, 10)}`;
      issuedTriggers.add(t);
      triggerUsers.set(t, userId);
      return t;
    },
    responseUrl: (context) => {
      const id = `R${String(next()).padStart(6, '0')}`;
      if (context) responseContexts.set(id, { ...context });
      return `${origin}/response/${id}`;
    },
    ephemerals: (user) => ephemerals.filter((e) => user === undefined || e.user === user),
    messages: (channel) => [...messages.values()].filter((m) => channel === undefined || m.channel === channel),
    message: (channel, ts) => messages.get(`${channel}:${ts}`),
    view: (id) => views.get(id),
    topView: (userId) => {
      const stack = stacks.get(userId) ?? [];
      const id = stack[stack.length - 1];
      return id ? views.get(id) : undefined;
    },
    applySubmissionResponse: (viewId, response) => {
      const v = views.get(viewId);
      if (!v) return [`no view ${viewId}`];
      const stack = stacks.get(v.userId) ?? [];
      const action = response?.response_action;
      const answered = typeof response?.view === 'object' && response.view !== null ? (response.view as Json) : undefined;
      if (action === 'errors') {
        const errors = (response?.errors ?? {}) as Record<string, string>;
        return checkFieldErrors(v.view, errors);
      }
      if (action === 'update' || action === 'push') {
        if (!answered) return [`response_action ${String(action)} without a view`];
        const problems = checkModal(answered);
        if (problems.length > 0) return problems;
        if (action === 'update') {
          v.view = answered;
          v.hash = newHash();
        } else {
          const pushed = storeView(answered, v.userId, v.rootViewId, v.id);
          stack.push(pushed.id);
        }
        return [];
      }
      if (action === 'clear') {
        for (const id of stack) {
          const s = views.get(id);
          if (s) s.open = false;
        }
        v.open = false;
        stacks.set(v.userId, []);
        return [];
      }
      if (action !== undefined) return [`unknown response_action ${String(action)}`];
      // No response_action: the submitted view closes and the one beneath shows again.
      v.open = false;
      stacks.set(
        v.userId,
        stack.filter((id) => id !== viewId),
      );
      return [];
    },
    failNext: (method, error) => {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    setUserGroups: (groups) => {
      userGroups = groups;
    },
    setScopes: (granted) => {
      scopes = new Set(granted);
    },
    mark: () => recorded.length,
    waitForCall: (predicate, description = 'a matching Slack call', since = 0) =>
      new Promise((resolve, reject) => {
        const found = recorded.slice(since).find(predicate);
        if (found) {
          resolve(found);
          return;
        }
        // A guard against hanging forever, not an assertion on speed.
        const timer = setTimeout(() => {
          events.off('call', onCall);
          reject(new Error(`Timed out waiting for ${description}; calls so far: ${recorded.map((c) => c.method).join(', ')}`));
        }, 20_000);
        const onCall = (call: RecordedSlackCall): void => {
          if (predicate(call)) {
            clearTimeout(timer);
            events.off('call', onCall);
            resolve(call);
          }
        };
        events.on('call', onCall);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        socket.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
