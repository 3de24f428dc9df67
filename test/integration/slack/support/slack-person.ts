/**
 * Plays Slack's side of the conversation for integration tests: signs requests as Slack does
 * (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`), and sends the payloads Slack sends when a
 * person runs a slash command, presses a button, types into an external select, changes a
 * dispatching input or submits a modal. Payload shapes follow docs.slack.dev
 * (reference/interaction-payloads) and what Bolt reads from them.
 */
import { createHmac } from 'node:crypto';
import { checkOptionsResponse } from '../../../support/block-kit-limits';
import type { FakeEphemeral, FakeMessage, FakeSlackApi, FakeView, Json } from '../../../support/fake-slack-api';

export interface SignedRequestOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed signature (tests of refusal). */
  signature?: string;
  /** Sent as x-slack-retry-num (Slack's redelivery of the same request). */
  retryNum?: number;
  /** Sent as X-Request-Id (a proxy's or load balancer's request id, which the bot keeps). */
  requestId?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  /** The body as JSON when it is JSON (an ack with a payload), else undefined. */
  json?: Json;
  /** Over Socket Mode: the envelope the request went in. */
  envelopeId?: string;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a body to the bot as Slack would, signed with `secret`. */
export async function postSigned(url: string, secret: string, body: string, contentType: string, options: SignedRequestOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  if (options.requestId !== undefined) headers['x-request-id'] = options.requestId;
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: Json | undefined;
  if ((response.headers.get('content-type') ?? '').includes('application/json') && text.length > 0) json = JSON.parse(text) as Json;
  return { status: response.status, text, json };
}

type Raw = string | string[] | { option: Json } | { options: Json[] };

interface Element {
  type: string;
  action_id: string;
  options?: Json[];
  option_groups?: { options: Json[] }[];
  initial_option?: Json;
  initial_options?: Json[];
  initial_value?: string;
  initial_date?: string;
  value?: string;
  text?: Json;
}
interface BlockLike {
  type: string;
  block_id?: string;
  element?: Element;
  elements?: Element[];
  accessory?: Element;
  dispatch_action?: boolean;
}

export interface SlackPersonOptions {
  /** The bot's events URL, e.g. http://127.0.0.1:1234/slack/events */
  url: string;
  signingSecret: string;
  fake: FakeSlackApi;
  userId: string;
  userName?: string;
  channelId: string;
  /**
   * What a slash command says the conversation is called: its name in a public channel, and
   * `privategroup` / `directmessage` in a private channel or a DM (docs.slack.dev/interactivity/
   * implementing-slash-commands, channel_name). Default: `directmessage` for a D… id, else `ops`.
   */
  channelName?: string;
  /** Send as Socket Mode envelopes through the fake's WebSocket instead of signed HTTP requests. */
  socketMode?: boolean;
}

/**
 * A request as a Socket Mode envelope (docs.slack.dev/apis/events-api/using-socket-mode): the
 * payload is what HTTP would carry (a command's fields, an interaction's payload), and the answer
 * is the acknowledgement's payload. Slack accepts a response payload for commands, view
 * submissions and options loads, not for block actions.
 */
async function overSocket(fake: FakeSlackApi, type: 'slash_commands' | 'interactive', payload: Json): Promise<SlackResponse> {
  const accepts = type === 'slash_commands' || payload.type !== 'block_actions';
  const id = fake.socket.deliver(type, payload, accepts);
  const ack = await fake.socket.waitForAck(id);
  const json = Object.keys(ack).length > 0 ? ack : undefined;
  return { status: 200, text: json ? JSON.stringify(json) : '', json, envelopeId: id };
}

/** One person in one channel of the test workspace. */
export class SlackPerson {
  /** What the person typed or chose in each open modal, by view id and block id. */
  private readonly inputs = new Map<string, Map<string, Raw>>();
  private actionSeq = 0;

  constructor(private readonly o: SlackPersonOptions) {}

  get userId(): string {
    return this.o.userId;
  }

  private user(): Json {
    return { id: this.o.userId, username: this.o.userName ?? 'ops.person', name: this.o.userName ?? 'ops.person', team_id: this.o.fake.teamId };
  }

  private team(): Json {
    return { id: this.o.fake.teamId, domain: 'test-workspace' };
  }

  private interaction(payload: Json, options?: SignedRequestOptions): Promise<SlackResponse> {
    if (this.o.socketMode) return overSocket(this.o.fake, 'interactive', payload);
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return postSigned(this.o.url, this.o.signingSecret, body, 'application/x-www-form-urlencoded', options);
  }

  private channelName(): string {
    return this.o.channelName ?? (this.o.channelId.startsWith('D') ? 'directmessage' : 'ops');
  }

  /**
   * The fields Slack sends with a slash command (docs.slack.dev/interactivity/implementing-slash-commands,
   * form-encoded); pass them back to `resendCommand` for a retry.
   */
  commandFields(text: string, command = '/backup'): Record<string, string> {
    return {
      token: 'legacy-verification-token',
      team_id: this.o.fake.teamId,
      team_domain: 'test-workspace',
      channel_id: this.o.channelId,
      channel_name: this.channelName(),
      user_id: this.o.userId,
      user_name: this.o.userName ?? 'ops.person',
      command,
      text,
      api_app_id: 'A0TEST',
      is_enterprise_install: 'false',
      response_url: this.o.fake.responseUrl({ channel: this.o.channelId, user: this.o.userId }),
      trigger_id: this.o.fake.issueTrigger(this.o.userId),
    };
  }

  sendCommand(fields: Record<string, string>, options?: SignedRequestOptions): Promise<SlackResponse> {
    if (this.o.socketMode) return overSocket(this.o.fake, 'slash_commands', fields);
    return postSigned(this.o.url, this.o.signingSecret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** Runs `/backup <text>` in the person's channel. */
  slash(text: string, options?: SignedRequestOptions): Promise<SlackResponse> {
    return this.sendCommand(this.commandFields(text), options);
  }

  private actionTs(): string {
    this.actionSeq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.actionSeq).padStart(6, '0')}`;
  }

  /** Presses a button of a channel message. `actionId` as rendered (e.g. `now.start`). */
  clickMessageButton(message: FakeMessage, actionId: string): Promise<SlackResponse> {
    const { block, element } = findElement(message.blocks as BlockLike[] | undefined, actionId);
    return this.interaction({
      type: 'block_actions',
      user: this.user(),
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      trigger_id: this.o.fake.issueTrigger(this.o.userId),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: 'ops' },
      message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, bot_id: 'B0BOT', user: this.o.fake.botUserId },
      state: { values: {} },
      response_url: this.o.fake.responseUrl({ channel: message.channel, user: this.o.userId, messageTs: message.ts }),
      actions: [{ type: element.type, action_id: element.action_id, block_id: block.block_id ?? 'b', text: element.text, value: element.value, action_ts: this.actionTs() }],
    });
  }

  /**
   * Presses a button of an ephemeral message the person sees. Per the block_actions payload docs
   * (docs.slack.dev/reference/interaction-payloads/block_actions-payload) the container says
   * `is_ephemeral: true` and there is no `message` (Slack does not keep ephemeral messages); the
   * response_url is the way back to it.
   */
  clickEphemeralButton(ephemeral: FakeEphemeral, actionId: string): Promise<SlackResponse> {
    if (ephemeral.user !== this.o.userId || ephemeral.deleted) throw new Error(`${this.o.userId} does not see ephemeral ${ephemeral.id}`);
    const { block, element } = findElement(ephemeral.blocks as BlockLike[] | undefined, actionId);
    return this.interaction({
      type: 'block_actions',
      user: this.user(),
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: ephemeral.ts, channel_id: ephemeral.channel, is_ephemeral: true },
      trigger_id: this.o.fake.issueTrigger(this.o.userId),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: ephemeral.channel, name: this.channelName() },
      state: { values: {} },
      response_url: this.o.fake.responseUrl({ channel: ephemeral.channel, user: this.o.userId, ephemeralId: ephemeral.id }),
      actions: [{ type: element.type, action_id: element.action_id, block_id: block.block_id ?? 'b', text: element.text, value: element.value, action_ts: this.actionTs() }],
    });
  }

  /** Presses a button inside a modal. */
  clickViewButton(viewId: string, actionId: string): Promise<SlackResponse> {
    const v = this.view(viewId);
    const { block, element } = findElement(v.view.blocks as BlockLike[], actionId);
    return this.interaction({
      type: 'block_actions',
      user: this.user(),
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: v.id },
      trigger_id: this.o.fake.issueTrigger(this.o.userId),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      view: this.viewPayload(v),
      actions: [{ type: element.type, action_id: element.action_id, block_id: block.block_id ?? 'b', text: element.text, value: element.value, action_ts: this.actionTs() }],
    });
  }

  /** Types text (or a date, a number) into an input of a modal. */
  type(viewId: string, blockId: string, value: string): void {
    this.inputsOf(viewId).set(blockId, value);
  }

  /** Picks options (by value as shown in the modal) of a select, radio buttons or checkboxes. */
  choose(viewId: string, blockId: string, values: string | string[]): void {
    this.inputsOf(viewId).set(blockId, values);
  }

  /** Picks an option that came from an external select's suggestions. */
  chooseSuggested(viewId: string, blockId: string, option: Json | Json[]): void {
    this.inputsOf(viewId).set(blockId, Array.isArray(option) ? { options: option } : { option });
  }

  /**
   * Changes a dispatching input (dispatch_action) as the person would: the value is set and
   * Slack sends block_actions with the new state.
   */
  async change(viewId: string, blockId: string, values: string | string[]): Promise<SlackResponse> {
    this.choose(viewId, blockId, values);
    const v = this.view(viewId);
    const block = (v.view.blocks as BlockLike[]).find((b) => b.block_id === blockId);
    if (!block?.element || !block.dispatch_action) throw new Error(`${blockId} is not a dispatching input of ${viewId}`);
    const state = this.state(v);
    const entry = state[blockId][block.element.action_id];
    return this.interaction({
      type: 'block_actions',
      user: this.user(),
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: v.id },
      trigger_id: this.o.fake.issueTrigger(this.o.userId),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      view: this.viewPayload(v),
      actions: [{ ...entry, action_id: block.element.action_id, block_id: blockId, action_ts: this.actionTs() }],
    });
  }

  /** Types into an external select: the options Slack would show. */
  async suggest(viewId: string, actionId: string, query: string): Promise<Json[]> {
    const v = this.view(viewId);
    const { block } = findElement(v.view.blocks as BlockLike[], actionId);
    const r = await this.interaction({
      type: 'block_suggestion',
      user: { id: this.o.userId, name: this.o.userName ?? 'ops.person', team_id: this.o.fake.teamId },
      container: { type: 'view', view_id: v.id },
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      action_id: actionId,
      block_id: block.block_id,
      value: query,
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      view: this.viewPayload(v),
    });
    if (r.status !== 200 || !r.json) throw new Error(`options load answered ${r.status}: ${r.text}`);
    const problems = checkOptionsResponse(r.json);
    if (problems.length > 0) throw new Error(`Slack would refuse these options: ${problems.join('; ')}`);
    return (r.json.options as Json[] | undefined) ?? [];
  }

  /** Submits a modal; Slack's handling of the answer (errors, update, close) is applied to the fake. */
  async submit(viewId: string, options?: SignedRequestOptions): Promise<SlackResponse> {
    const v = this.view(viewId);
    const r = await this.interaction(
      {
        type: 'view_submission',
        team: this.team(),
        user: this.user(),
        api_app_id: 'A0TEST',
        token: 'legacy-verification-token',
        trigger_id: this.o.fake.issueTrigger(this.o.userId),
        view: this.viewPayload(v),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      },
      options,
    );
    if (r.status === 200) {
      const problems = this.o.fake.applySubmissionResponse(viewId, r.json);
      if (problems.length > 0) throw new Error(`Slack would refuse the answer to this submission: ${problems.join('; ')}`);
    }
    return r;
  }

  private view(viewId: string): FakeView {
    const v = this.o.fake.view(viewId);
    if (!v) throw new Error(`no view ${viewId}`);
    return v;
  }

  private inputsOf(viewId: string): Map<string, Raw> {
    let m = this.inputs.get(viewId);
    if (!m) {
      m = new Map();
      this.inputs.set(viewId, m);
    }
    return m;
  }

  private viewPayload(v: FakeView): Json {
    return {
      ...v.view,
      id: v.id,
      team_id: this.o.fake.teamId,
      app_id: 'A0TEST',
      bot_id: 'B0BOT',
      hash: v.hash,
      state: { values: this.state(v) },
      root_view_id: v.rootViewId,
      previous_view_id: v.previousViewId,
      clear_on_close: false,
      notify_on_close: false,
      external_id: '',
    };
  }

  /** view.state.values as Slack builds it: every input block, with initial values unless changed. */
  private state(v: FakeView): Record<string, Record<string, Json>> {
    const chosen = this.inputsOf(v.id);
    const values: Record<string, Record<string, Json>> = {};
    for (const block of (v.view.blocks as BlockLike[]) ?? []) {
      if (block.type !== 'input' || !block.element || !block.block_id) continue;
      const el = block.element;
      const raw = chosen.get(block.block_id);
      values[block.block_id] = { [el.action_id]: stateEntry(el, raw) };
    }
    return values;
  }
}

function allOptions(el: Element): Json[] {
  return [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g) => g.options)];
}

function pick(el: Element, value: string): Json {
  const found = allOptions(el).find((o) => o.value === value);
  if (!found) throw new Error(`${el.action_id} has no option ${value}`);
  return found;
}

function stateEntry(el: Element, raw: Raw | undefined): Json {
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input':
      return { type: el.type, value: typeof raw === 'string' ? raw : (el.initial_value ?? null) };
    case 'datepicker':
      return { type: el.type, selected_date: typeof raw === 'string' ? raw : (el.initial_date ?? null) };
    case 'radio_buttons':
    case 'static_select':
      return { type: el.type, selected_option: typeof raw === 'string' ? pick(el, raw) : (el.initial_option ?? null) };
    case 'external_select':
      return { type: el.type, selected_option: raw && typeof raw === 'object' && 'option' in raw ? raw.option : (el.initial_option ?? null) };
    case 'checkboxes':
    case 'multi_static_select':
      return {
        type: el.type,
        selected_options: raw === undefined ? (el.initial_options ?? []) : (Array.isArray(raw) ? raw : [raw as string]).map((v) => pick(el, v)),
      };
    case 'multi_external_select':
      return { type: el.type, selected_options: raw && typeof raw === 'object' && 'options' in raw ? raw.options : (el.initial_options ?? []) };
    default:
      throw new Error(`the test person cannot fill a ${el.type}`);
  }
}

/** The block and element with an action id, in message or modal blocks. */
export function findElement(blocks: BlockLike[] | undefined, actionId: string): { block: BlockLike; element: Element } {
  for (const block of blocks ?? []) {
    const candidates = [block.element, block.accessory, ...(block.elements ?? [])].filter((e): e is Element => e !== undefined);
    const element = candidates.find((e) => e.action_id === actionId);
    if (element) return { block, element };
  }
  throw new Error(`no element with action_id ${actionId}; have ${JSON.stringify((blocks ?? []).flatMap((b) => [b.element, b.accessory, ...(b.elements ?? [])].filter(Boolean).map((e) => (e as Element).action_id)))}`);
}

/** The action id of the button whose intent has `type` and mentions `text` (e.g. a VM name). */
export function buttonFor(blocks: unknown[] | undefined, type: string, text: string): string {
  for (const block of (blocks ?? []) as BlockLike[]) {
    for (const e of [block.accessory, ...(block.elements ?? [])]) {
      if (!e || e.type !== 'button' || typeof e.value !== 'string') continue;
      const intent = JSON.parse(e.value) as { type?: string };
      if (intent.type === type && e.value.includes(text)) return e.action_id;
    }
  }
  throw new Error(`no ${type} button for ${text}`);
}
