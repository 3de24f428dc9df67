/**
 * The fuzz corpus: Slack requests and Bot Framework activities that are wrong in at least one
 * way (bad JSON, missing fields, wrong types, huge strings, wrong signatures, stale timestamps,
 * forged tokens). Built from realistic payloads, then broken, from a seeded PRNG.
 */
import { createHmac } from 'node:crypto';
import type { Rng } from './prng';
import type { TokenIssuer } from '../../support/bot-framework-token-issuer';

export interface FuzzRequest {
  /** What kind of wrong it is, for the failure message. */
  name: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Must be refused as unauthenticated (401): a wrong signature or timestamp, a bad token. */
  unauthenticated?: boolean;
  /**
   * May still be a valid request (mutated, not broken): the bot may then claim its key or audit
   * the attempt, as for any request. Every other one must leave the store as it was.
   */
  mayBeValid?: boolean;
}

const FORM = 'application/x-www-form-urlencoded';
/** Resources that do not exist, so that a valid request can never change Azure. */
const NOWHERE_VM = '/subscriptions/00000000-0000-0000-0000-00000000f022/resourceGroups/rg-fuzz/providers/Microsoft.Compute/virtualMachines/nowhere';
const NOWHERE_VAULT = '/subscriptions/00000000-0000-0000-0000-00000000f022/resourceGroups/rg-fuzz/providers/Microsoft.RecoveryServices/vaults/nowhere';

/** Slack sends private_metadata as a string; the templates keep it an object so mutations reach inside. */
function withEncodedMetadata(payload: Record<string, unknown>): Record<string, unknown> {
  const view = payload.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return payload;
  const meta = (view as Record<string, unknown>).private_metadata;
  return typeof meta === 'string' || meta === undefined ? payload : { ...payload, view: { ...view, private_metadata: JSON.stringify(meta) } };
}
const JSON_TYPE = 'application/json';
/** Larger than any body limit the bot has (Slack's and Bot Framework's are 1 MB or less). */
const HUGE = 1_200_000;

/** Printable ASCII junk: what can travel in an HTTP header at all. */
const ascii = (rng: Rng, max: number): string => Array.from({ length: rng.int(0, max) }, () => String.fromCharCode(rng.int(33, 126))).join('');

const sign = (secret: string, ts: number, body: string): string => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
const form = (fields: Record<string, unknown>): string =>
  new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

/** A realistic Slack payload of each kind the bot listens to; the corpus breaks them. */
function slackTemplates(rng: Rng, team: string): Record<string, () => Record<string, unknown>> {
  const user = () => ({ id: `U${rng.int(100, 999)}FUZZ`, username: 'fuzz', name: 'fuzz', team_id: team });
  const intent = () => rng.pick([{ type: 'status', target: 'web-01' }, { type: 'job.cancel', vaultId: '/x', jobName: 'y' }, { type: 'enable.confirm', vmId: '/subscriptions/x' }, { type: 'nope' }]);
  return {
    command: () => ({ token: 'x', team_id: team, channel_id: 'C0FUZZ', user_id: user().id, user_name: 'fuzz', command: '/backup', text: 'status web-01', response_url: 'http://127.0.0.1:9/hook', trigger_id: `${rng.int(1, 1e9)}.trigger` }),
    block_actions: () => ({
      type: 'block_actions',
      user: user(),
      team: { id: team },
      trigger_id: `${rng.int(1, 1e9)}.trigger`,
      response_url: 'http://127.0.0.1:9/hook',
      channel: { id: 'C0FUZZ' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0FUZZ' },
      message: { ts: '1.2' },
      actions: [{ type: 'button', action_id: rng.pick(['status', 'enable.confirm', 'job.cancel', 'link']), block_id: 'b', value: JSON.stringify(intent()), action_ts: '1.3' }],
    }),
    view_submission: () => ({
      type: 'view_submission',
      user: user(),
      team: { id: team },
      // A form modal as the bot opens it (cards/slack form.blocks.ts): the submit intent in private_metadata
      // (kept an object here so mutations reach inside it; encoded as Slack sends it), inputs in state.values
      // (api.slack.com/reference/interaction-payloads/views#view_submission). The VMs and vaults do not exist.
      view: {
        id: `V${rng.int(1, 1e6)}`,
        callback_id: rng.pick(['form:now.submit', 'form:enable.confirm', 'form:policy.define']),
        private_metadata: rng.pick([
          { submit: { type: 'now.submit', vmId: NOWHERE_VM, values: {} }, sources: {} },
          { submit: { type: 'enable.confirm', vmId: NOWHERE_VM, values: {} }, sources: { vault: { kind: 'vms' } }, channel: 'C0FUZZ' },
          { submit: { type: 'policy.define', vaultId: NOWHERE_VAULT, values: {} }, sources: {}, origin: 'view:V1' },
          { submit: intent(), sources: {} },
        ]),
        state: {
          values: {
            retainUntil: { retainUntil: { type: 'datepicker', selected_date: '2027-01-01' } },
            name: { name: { type: 'plain_text_input', value: 'fuzz-policy' } },
            frequency: { frequency: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Daily' }, value: 'daily' } } },
            days: { days: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Mon' }, value: 'Monday' }] } },
            time: { time: { type: 'timepicker', selected_time: '02:30' } },
          },
        },
        title: { type: 'plain_text', text: 'Backup now' },
        blocks: [
          { type: 'input', block_id: 'retainUntil', element: { type: 'datepicker', action_id: 'retainUntil' }, label: { type: 'plain_text', text: 'Retain until' } },
          { type: 'input', block_id: 'name', element: { type: 'plain_text_input', action_id: 'name' }, label: { type: 'plain_text', text: 'Name' } },
          { type: 'section', block_id: 'hint', text: { type: 'mrkdwn', text: 'x' } },
        ],
      },
    }),
    block_suggestion: () => ({ type: 'block_suggestion', user: user(), team: { id: team }, action_id: 'vm', block_id: 'vm', value: 'web', view: { id: 'V1', private_metadata: '{"submit":{"type":"enable.chooseVm"},"sources":{"vm":{"kind":"vms"}}}' } }),
  };
}

/** Every path into a JSON value (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) (out.push([...prefix, k]), paths(v, [...prefix, k], out));
  return out;
}

/**
 * Mutates a payload at one random depth: a field anywhere (nested ones included) is dropped,
 * given another type, made huge or given a random value. The result may still be valid: the
 * bot must then answer it as it would any valid request.
 */
export function mutate(rng: Rng, payload: Record<string, unknown>): { payload: Record<string, unknown>; how: string } {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  const all = paths(copy);
  const at = rng.pick(all);
  const parent = at.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy as Record<string | number, unknown>);
  const key = at[at.length - 1];
  const where = at.join('.');
  switch (rng.int(0, 3)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return { payload: copy, how: `dropped ${where}` };
    case 1:
      parent[key] = rng.value(2);
      return { payload: copy, how: `random value at ${where}` };
    case 2:
      parent[key] = rng.pick([null, 0, -1, 1e21, true, [], {}, [null], '', ' ', '{}', '[', '\u0000']);
      return { payload: copy, how: `odd value at ${where}` };
    default:
      parent[key] = 'x'.repeat(rng.int(3_000, 60_000));
      return { payload: copy, how: `long string at ${where}` };
  }
}

/** Breaks a payload: drops a required field, puts a wrong type in one, or a huge string. */
function breakPayload(rng: Rng, payload: Record<string, unknown>, required: string[]): { payload: Record<string, unknown>; how: string } {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  const field = rng.pick(required);
  switch (rng.int(0, 2)) {
    case 0:
      delete copy[field];
      return { payload: copy, how: `missing ${field}` };
    case 1: {
      let wrong = rng.value();
      // A wrong type must be wrong: never the field's own type.
      while (typeof wrong === typeof copy[field] && !(Array.isArray(wrong) !== Array.isArray(copy[field]))) wrong = rng.pick([5, null, [1], { a: 1 }, true]);
      copy[field] = wrong;
      return { payload: copy, how: `wrong type of ${field}` };
    }
    default:
      copy[field] = 'x'.repeat(rng.int(70_000, 300_000));
      return { payload: copy, how: `huge ${field}` };
  }
}

/**
 * The fields the bot cannot do without (who acted, what, and the ids it answers through): a
 * payload missing one, or with a wrong type or an absurd size in one, is malformed. Fields the bot
 * never reads (team_domain, api_app_id) are left alone: breaking them leaves a valid request.
 */
const SLACK_REQUIRED: Record<string, string[]> = {
  command: ['command', 'user_id', 'trigger_id'],
  block_actions: ['user', 'actions', 'trigger_id'],
  view_submission: ['user', 'view'],
  block_suggestion: ['user', 'view', 'action_id'],
};

/** One Slack request that the bot must refuse or answer without doing anything. */
export function slackRequest(rng: Rng, secret: string, team: string, path: string): FuzzRequest {
  const templates = slackTemplates(rng, team);
  const kind = rng.pick(Object.keys(templates));
  const now = Math.floor(Date.now() / 1000);
  const encode = (p: Record<string, unknown>): string => (kind === 'command' ? form(p) : form({ payload: JSON.stringify(withEncodedMetadata(p)) }));
  const headers = (ts: number, body: string, signature?: string): Record<string, string> => ({
    'content-type': FORM,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature ?? sign(secret, ts, body),
  });

  switch (rng.int(0, 15)) {
    case 10:
    case 11:
    case 12:
    case 13:
    case 14:
    case 15: {
      // Signed and perhaps still valid: mutated anywhere, nested fields included.
      const mutated = mutate(rng, templates[kind]());
      const body = encode(mutated.payload);
      return { name: `slack ${kind}: ${mutated.how.replace(/\d+/g, 'N')}`, path, headers: headers(now, body), body, mayBeValid: true };
    }
    case 0: {
      const body = encode(templates[kind]());
      return { name: `slack ${kind}: no signature`, path, headers: { 'content-type': FORM }, body, unauthenticated: true };
    }
    case 1: {
      const body = encode(templates[kind]());
      const signature = rng.pick([`v0=${'0'.repeat(64)}`, sign('wrong-secret', now, body), 'v1=abc', '', ascii(rng, 80)]);
      return { name: `slack ${kind}: wrong signature`, path, headers: headers(now, body, signature), body, unauthenticated: true };
    }
    case 2: {
      const body = encode(templates[kind]());
      // Older than Slack's five minutes (a replay), correctly signed for that time.
      const ts = rng.pick([now - rng.int(6 * 60, 86_400 * 30), 0, -1, 1]);
      return { name: `slack ${kind}: stale timestamp`, path, headers: headers(ts, body), body, unauthenticated: true };
    }
    case 3: {
      // Lone surrogates cannot be percent-encoded: they become '?' (the JSON stays broken anyway).
      const broken = `{"type":"${kind}",${rng.text(100)}`.replace(/[\ud800-\udfff]/g, '?');
      const body = kind === 'command' ? `${rng.text(200)}&%%%=` : `payload=${encodeURIComponent(broken)}`;
      return { name: `slack ${kind}: bad JSON or form`, path, headers: headers(now, body), body };
    }
    case 4: {
      const body = JSON.stringify(rng.value(3));
      return { name: 'slack: random JSON body', path, headers: { ...headers(now, body), 'content-type': JSON_TYPE }, body };
    }
    case 5: {
      const body = `payload=${'a'.repeat(HUGE)}`;
      return { name: 'slack: body over the limit', path, headers: headers(now, body), body };
    }
    case 6: {
      const body = form({ payload: JSON.stringify({ ...templates[kind](), type: rng.pick(['', 'shortcut_x', 5, null, 'view_closed_x']) }) });
      return { name: `slack ${kind}: unknown payload type`, path, headers: headers(now, body), body };
    }
    default: {
      let broken = breakPayload(rng, templates[kind](), SLACK_REQUIRED[kind]);
      // A form field is always a string: a "wrong type" there is still a valid string, so commands are broken by the other two ways.
      while (kind === 'command' && broken.how.startsWith('wrong type')) broken = breakPayload(rng, templates[kind](), SLACK_REQUIRED[kind]);
      const body = encode(broken.payload);
      return { name: `slack ${kind}: ${broken.how}`, path, headers: headers(now, body), body };
    }
  }
}

/** A realistic Teams activity (personal chat), before it is broken. */
function activity(rng: Rng, serviceUrl: string): Record<string, unknown> {
  const base = {
    id: `f:${rng.int(1, 1e9)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:fuzz', name: 'Fuzz', aadObjectId: '6c1f2e3d-0000-4000-8000-00000000f022' },
    conversation: { conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', id: 'a:fuzz' },
    recipient: { id: '28:bot', name: 'VM Backup' },
  };
  return rng.pick([
    () => ({ ...base, type: 'message', text: 'backup status web-01' }),
    () => ({ ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: rng.pick(['status', 'enable.confirm', 'nope']), data: { intent: { type: 'status' } } } } }),
    () => ({ ...base, type: 'invoke', name: 'application/search', value: { kind: 'search', queryText: 'web', dataset: '{"kind":"vms"}' } }),
  ])();
}

/** One Bot Framework request with a token the bot must refuse (or none). */
export function teamsUnauthorized(rng: Rng, issuer: TokenIssuer, appId: string, serviceUrl: string): FuzzRequest {
  const body = JSON.stringify(activity(rng, serviceUrl));
  const good = { aud: appId, serviceurl: serviceUrl };
  const choices: [string, () => string | undefined][] = [
    ['no token', () => undefined],
    ['garbage token', () => `Bearer ${ascii(rng, 60)}`],
    ['not a bearer', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['forged signature', () => `Bearer ${issuer.token(good, issuer.forger)}`],
    ['expired token', () => `Bearer ${issuer.token({ ...good, exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['not yet valid token', () => `Bearer ${issuer.token({ ...good, nbf: Math.floor(Date.now() / 1000) + 3600 })}`],
    ['wrong audience', () => `Bearer ${issuer.token({ ...good, aud: '00000000-0000-0000-0000-00000000dead' })}`],
    ['wrong issuer', () => `Bearer ${issuer.token({ ...good, iss: 'https://evil.example' })}`],
    ['unknown key id', () => `Bearer ${issuer.token(good, undefined, 'other-kid')}`],
    ['token cut short', () => `Bearer ${issuer.token(good).slice(0, -10)}`],
  ];
  const [name, auth] = rng.pick(choices);
  const value = auth();
  return { name: `teams: ${name}`, path: '/api/messages', headers: { 'content-type': JSON_TYPE, ...(value !== undefined ? { authorization: value } : {}) }, body, unauthenticated: true };
}

const ACTIVITY_REQUIRED = ['type', 'conversation', 'from', 'serviceUrl', 'channelId'];

/** Invoke names of Teams features the bot does not implement (botbuilder's TeamsActivityHandler), and made-up ones. */
const UNHANDLED_INVOKES = ['composeExtension/query', 'composeExtension/submitAction', 'composeExtension/fetchTask', 'task/fetch', 'task/submit', 'signin/verifyState', 'signin/tokenExchange', 'config/fetch', 'fileConsent/invoke', 'tab/fetch', 'actionableMessage/executeAction', 'healthCheck', 'vendor/unknown'];

/** An activity botbuilder would fail on or the bot does not take: answered without a turn. */
function teamsUnturned(rng: Rng, serviceUrl: string): { name: string; activity: Record<string, unknown> } {
  const a = activity(rng, serviceUrl);
  switch (rng.int(0, 4)) {
    case 0:
      a.entities = rng.pick([[null], [5], ['mention'], [{}], [{ text: 'x' }], [{ type: 5 }], 'mention', { type: 'mention' }]);
      return { name: 'teams: entities that are not typed objects', activity: a };
    case 1:
      return { name: 'teams: invoke without a name', activity: { ...a, type: 'invoke', name: rng.pick([undefined, '', 5, null]) } };
    case 2: {
      const name = rng.pick(UNHANDLED_INVOKES);
      return { name: `teams: unhandled invoke ${name}`, activity: { ...a, type: 'invoke', name, value: rng.pick([undefined, null, 5, 'x', {}, rng.value(2)]) } };
    }
    case 3: {
      const execute = { ...a, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'status', data: { intent: { type: 'status' } } }, trigger: 'manual' } };
      const broken = rng.pick<[string, (v: Record<string, unknown>) => void]>([
        ['no value', (v) => delete v.value],
        ['value not an object', (v) => (v.value = rng.pick([null, 5, 'x', []]))],
        ['action not an object', (v) => (v.value = { action: rng.pick([null, 5, 'x', []]) })],
        ['verb not a string', (v) => ((v.value as { action: Record<string, unknown> }).action.verb = rng.pick([5, null, {}, []]))],
        ['not an Action.Execute', (v) => ((v.value as { action: Record<string, unknown> }).action.type = rng.pick(['Action.Submit', 5, null]))],
      ]);
      broken[1](execute);
      return { name: `teams: Action.Execute with ${broken[0]}`, activity: execute };
    }
    default: {
      const search = { ...a, type: 'invoke', name: 'application/search', value: rng.pick([undefined, null, 5, { queryText: 5 }, { dataset: {} }, { queryOptions: { skip: 'x' } }, { queryOptions: 5 }]) };
      return { name: 'teams: search with a broken value', activity: search };
    }
  }
}

/** One malformed activity for the unauthenticated local endpoint (the playground's). */
export function teamsMalformed(rng: Rng, serviceUrl: string): FuzzRequest {
  const path = '/api/messages';
  switch (rng.int(0, 9)) {
    case 7:
    case 8:
    case 9: {
      const { name, activity: body } = teamsUnturned(rng, serviceUrl);
      return { name, path, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
    }
    case 0:
      return { name: 'teams: bad JSON', path, headers: { 'content-type': JSON_TYPE }, body: `{"type":"message",${rng.text(50)}` };
    case 1:
      return { name: 'teams: not an object', path, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(rng.pick([[], 5, 'message', null, true, [{ type: 'message' }]])) };
    case 2:
      return { name: 'teams: body over the limit', path, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(HUGE) }) };
    case 3:
      return { name: 'teams: wrong content type', path, headers: { 'content-type': rng.pick(['text/plain', FORM, 'application/xml']) }, body: JSON.stringify(activity(rng, serviceUrl)) };
    default: {
      const broken = breakPayload(rng, activity(rng, serviceUrl), ACTIVITY_REQUIRED);
      return { name: `teams: activity with ${broken.how}`, path, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(broken.payload) };
    }
  }
}
