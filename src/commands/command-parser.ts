import type { Intent, JobFilter, NotificationEventWord, ScopeKindWord } from '../flows/intents';
import { COMMANDS, usageOf } from './command-catalog';
import { didYouMean } from './did-you-mean';

/** A command the parser could not read: what was wrong, the usage line, and the help topic. */
export interface ParseError {
  message: string;
  usage: string;
  topic: string;
}

export type ParseResult = { ok: true; intent: Intent } | { ok: false; error: ParseError };

/** Splits on whitespace; "double" or 'single' quotes keep spaces inside an argument. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) tokens.push(m[1] ?? m[2] ?? m[3]);
  return tokens;
}

const ok = (intent: Intent): ParseResult => ({ ok: true, intent });
const bad = (topic: string, message: string): ParseResult => ({ ok: false, error: { message, usage: usageOf(topic), topic } });

const JOB_FILTERS: Record<string, JobFilter> = {
  running: 'running',
  failed: 'failed',
  'last 24h': 'last24h',
  last24h: 'last24h',
  '24h': 'last24h',
  'last 24 hours': 'last24h',
  last: 'last24h',
};

const POLICY_SUBCOMMANDS = ['list', 'show', 'create', 'set'];

/**
 * Parses the text of a `backup` command: Slack gives the slash command's text (`enable web-01`),
 * Teams the message (`backup enable web-01`, a leading `/backup` or `backup` is dropped).
 * An unknown subcommand is not an error: it becomes the help intent with a did-you-mean.
 */
export function parseCommand(text: string): ParseResult {
  const tokens = tokenize((text ?? '').trim());
  if (tokens.length && /^\/?backup$/i.test(tokens[0])) tokens.shift();
  if (tokens.length === 0) return ok({ type: 'help' });
  const sub = tokens[0].toLowerCase();
  const args = tokens.slice(1);
  switch (sub) {
    case 'help':
    case '?':
      return ok(args[0] ? { type: 'help', topic: args[0].toLowerCase() } : { type: 'help' });
    case 'enable':
      if (args.length > 1) return bad('enable', `enable takes one VM (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'enable.start', vm: args[0] } : { type: 'enable.start' });
    case 'vault':
      if (args.length > 0) return bad('vault', 'vault takes no arguments: it asks for the vault and VMs step by step.');
      return ok({ type: 'vault.start' });
    case 'policy':
    case 'policies':
      return parsePolicy(args);
    case 'now':
      if (args.length > 1) return bad('now', `now takes one VM (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'now.start', vm: args[0] } : { type: 'now.start' });
    case 'stop':
      return parseStop(args);
    case 'check':
      if (args.length > 1) return bad('check', `check takes one VM (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'check', vm: args[0] } : { type: 'check' });
    case 'resume':
      if (args.length === 0) return bad('resume', 'resume needs the VM (name or id) whose backups should run again.');
      if (args.length > 2) return bad('resume', `resume takes one VM (name or id) and optionally a policy; got "${args.join(' ')}".`);
      return ok(args[1] ? { type: 'resume.start', vm: args[0], policy: args[1] } : { type: 'resume.start', vm: args[0] });
    case 'undelete':
      if (args.length === 0) return bad('undelete', 'undelete needs the VM (name or id) whose soft-deleted backup data should come back.');
      if (args.length > 1) return bad('undelete', `undelete takes one VM (name or id); got "${args.join(' ')}".`);
      return ok({ type: 'undelete', vm: args[0] });
    case 'status':
      if (args.length > 1) return bad('status', `status takes one VM or vault (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'status', target: args[0] } : { type: 'status' });
    case 'items':
      if (args.length > 1) return bad('items', `items takes one vault (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'items', vault: args[0] } : { type: 'items' });
    case 'jobs': {
      if (args.length === 0) return ok({ type: 'jobs.list' });
      const filter = JOB_FILTERS[args.join(' ').toLowerCase()];
      if (!filter) return bad('jobs', `"${args.join(' ')}" is not a job list: use running, failed or last 24h.`);
      return ok({ type: 'jobs.list', filter });
    }
    case 'vms': {
      const query = args.join(' ').trim();
      return ok(query ? { type: 'vms.list', query } : { type: 'vms.list' });
    }
    case 'coverage':
      return parseCoverage(args);
    case 'subscribe':
      return parseSubscribe(args);
    case 'unsubscribe':
      return parseUnsubscribe(args);
    case 'subscriptions':
      if (args.length > 0) return bad('subscriptions', 'subscriptions takes no arguments: it lists what this channel follows.');
      return ok({ type: 'subscriptions.list' });
    case 'health':
      if (args.length > 0) return bad('health', 'health takes no arguments.');
      return ok({ type: 'health' });
    default: {
      const suggestion = didYouMean(sub, COMMANDS.map((c) => c.name));
      return ok(suggestion ? { type: 'help', unknown: tokens[0], suggestion } : { type: 'help', unknown: tokens[0] });
    }
  }
}

function parsePolicy(args: string[]): ParseResult {
  if (args.length === 0) return ok({ type: 'policy.list' });
  const sub = args[0].toLowerCase();
  const rest = args.slice(1);
  switch (sub) {
    case 'list':
      if (rest.length > 1) return bad('policy', 'policy list takes at most a vault.');
      return ok(rest[0] ? { type: 'policy.list', vault: rest[0] } : { type: 'policy.list' });
    case 'show':
      if (rest.length === 0) return bad('policy', 'policy show needs the policy name.');
      if (rest.length > 2) return bad('policy', 'policy show takes a policy name and at most a vault.');
      return ok(rest[1] ? { type: 'policy.show', name: rest[0], vault: rest[1] } : { type: 'policy.show', name: rest[0] });
    case 'create':
      if (rest.length > 1) return bad('policy', 'policy create takes at most a vault; the form asks for the rest.');
      return ok(rest[0] ? { type: 'policy.create', vault: rest[0] } : { type: 'policy.create' });
    case 'set':
      if (rest.length === 0) return bad('policy', 'policy set needs the VM (name or id) whose policy should change, and optionally the new policy.');
      if (rest.length > 2) return bad('policy', `policy set takes one VM and at most a policy name; got "${rest.join(' ')}".`);
      return ok(rest[1] ? { type: 'policy.set', vm: rest[0], policy: rest[1] } : { type: 'policy.set', vm: rest[0] });
    default: {
      const suggestion = didYouMean(sub, POLICY_SUBCOMMANDS);
      return bad('policy', `Unknown policy command "${args[0]}"${suggestion ? `; did you mean "policy ${suggestion}"?` : '.'} Use list, show, create or set.`);
    }
  }
}

/** Words that ask `stop` to delete the recovery points too. */
const DELETE_DATA_WORDS = new Set(['delete-data', '--delete-data', 'deletedata']);

/** `stop <vm> [delete-data]`: the VM is required, so that stopping is always about a named VM. */
function parseStop(args: string[]): ParseResult {
  const deleteData = args.some((a) => DELETE_DATA_WORDS.has(a.toLowerCase()));
  const rest = args.filter((a) => !DELETE_DATA_WORDS.has(a.toLowerCase()));
  if (rest.length === 0) return bad('stop', 'stop needs the VM (name or id) whose backups should stop.');
  if (rest.length > 1) return bad('stop', `stop takes one VM (name or id) and optionally delete-data; got "${rest.join(' ')}".`);
  return ok(deleteData ? { type: 'stop.start', vm: rest[0], deleteData: true } : { type: 'stop.start', vm: rest[0] });
}

const SCOPE_KIND_WORDS: Record<string, ScopeKindWord> = {
  subscription: 'subscription',
  sub: 'subscription',
  rg: 'resource-group',
  group: 'resource-group',
  'resource-group': 'resource-group',
  resourcegroup: 'resource-group',
  vault: 'vault',
};

const EVENT_WORDS: Record<string, NotificationEventWord> = {
  pending: 'pending',
  digest: 'pending',
  digests: 'pending',
  jobs: 'jobs',
  job: 'jobs',
  failures: 'failures',
  failure: 'failures',
  failed: 'failures',
  threaded: 'threaded',
  coverage: 'coverage',
  thread: 'threaded',
  threads: 'threaded',
};
/** Words between event words that carry nothing ("pending and failures only"). */
const FILLER = new Set(['and', 'only', 'to', '+']);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `coverage [subscription <id>|rg <name>]`; a bare subscription id also names a subscription. */
function parseCoverage(args: string[]): ParseResult {
  if (args.length === 0) return ok({ type: 'coverage' });
  const { kind, rest } = scopeWordsOf(args);
  if (kind === 'vault') return bad('coverage', 'coverage looks at a subscription or a resource group, not a vault: a vault protects VMs, coverage finds those no vault protects.');
  if (rest.length !== 1) {
    return bad('coverage', kind ? `Name one ${kind === 'resource-group' ? 'resource group' : 'subscription id'} after "${args[0]}".` : `coverage takes "subscription <id>" or "rg <name>"; got "${args.join(' ')}".`);
  }
  const name = rest[0];
  if (kind === 'subscription' || (!kind && GUID.test(name))) {
    if (!GUID.test(name)) return bad('coverage', `"${name}" is not a subscription id (a GUID such as 3c1a5a0e-0000-0000-0000-000000000000).`);
    return ok({ type: 'coverage', subscriptionId: name.toLowerCase() });
  }
  if (!kind) return bad('coverage', `Say what "${name}" is: \`backup coverage rg ${name}\` for a resource group, or \`backup coverage subscription <id>\`.`);
  return ok({ type: 'coverage', resourceGroup: name });
}

/** `[subscription|rg|resource group|vault] <name>`: the scope words of subscribe and unsubscribe. */
function scopeWordsOf(args: string[]): { kind?: ScopeKindWord; rest: string[] } {
  const first = args[0]?.toLowerCase();
  if (first === 'resource' && args[1]?.toLowerCase() === 'group') return { kind: 'resource-group', rest: args.slice(2) };
  const kind = first === undefined ? undefined : SCOPE_KIND_WORDS[first];
  return kind ? { kind, rest: args.slice(1) } : { rest: args };
}

function parseSubscribe(args: string[]): ParseResult {
  const words = args.flatMap((a) => a.split(',')).filter((a) => a !== '');
  // Event words come last: `subscribe rsv-prod-weu pending and failures only`.
  let cut = words.length;
  while (cut > 0 && (EVENT_WORDS[words[cut - 1].toLowerCase()] !== undefined || FILLER.has(words[cut - 1].toLowerCase()))) cut -= 1;
  const events: NotificationEventWord[] = [];
  for (const w of words.slice(cut)) {
    const event = EVENT_WORDS[w.toLowerCase()];
    if (event && !events.includes(event)) events.push(event);
  }
  if (events.includes('jobs') && events.includes('failures')) return bad('subscribe', 'Choose jobs (every finished job) or failures (failed jobs only), not both.');
  // Alone, `threaded` keeps the default (pending digest and every job); with other words it needs jobs to lay out.
  if (events.includes('threaded') && events.length > 1 && !events.includes('jobs') && !events.includes('failures')) {
    return bad('subscribe', 'threaded puts finished jobs in one thread a day: add jobs or failures (e.g. `backup subscribe rsv-prod-weu pending jobs threaded`).');
  }
  const { kind, rest } = scopeWordsOf(events.length > 0 ? words.slice(0, cut) : words);
  const withEvents = events.length > 0 ? { events } : {};
  if (rest.length > 1) return bad('subscribe', `subscribe takes one subscription, resource group or vault; got "${rest.join(' ')}". Quote a name with spaces.`);
  if (rest.length === 0) {
    if (kind) return bad('subscribe', `Name the ${kind === 'resource-group' ? 'resource group' : kind} to follow.`);
    if (events.length > 0) return bad('subscribe', 'Name what to follow first: a vault, a resource group or a subscription id.');
    return ok({ type: 'subscribe' });
  }
  return ok({ type: 'subscribe', scope: rest[0], ...(kind ? { scopeKind: kind } : {}), ...withEvents });
}

function parseUnsubscribe(args: string[]): ParseResult {
  if (args.length === 0) return ok({ type: 'unsubscribe' });
  if (args.length === 1 && args[0].toLowerCase() === 'all') return ok({ type: 'unsubscribe', all: true });
  const { kind, rest } = scopeWordsOf(args);
  if (rest.length !== 1) return bad('unsubscribe', 'unsubscribe takes one subscription, resource group or vault, or "all".');
  return ok({ type: 'unsubscribe', scope: rest[0], ...(kind ? { scopeKind: kind } : {}) });
}

/** The parse result as an intent: a parse error becomes the help intent of its topic with the problem. */
export function commandToIntent(text: string): Intent {
  const r = parseCommand(text);
  return r.ok ? r.intent : { type: 'help', topic: r.error.topic, problem: r.error.message };
}
