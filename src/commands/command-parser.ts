import type { Intent, JobFilter } from '../flows/intents';
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

const POLICY_SUBCOMMANDS = ['list', 'show', 'create'];

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
    case 'status':
      if (args.length > 1) return bad('status', `status takes one VM or vault (name or id); got "${args.join(' ')}".`);
      return ok(args[0] ? { type: 'status', target: args[0] } : { type: 'status' });
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
    default: {
      const suggestion = didYouMean(sub, POLICY_SUBCOMMANDS);
      return bad('policy', `Unknown policy command "${args[0]}"${suggestion ? `; did you mean "policy ${suggestion}"?` : '.'} Use list, show or create.`);
    }
  }
}

/** The parse result as an intent: a parse error becomes the help intent of its topic with the problem. */
export function commandToIntent(text: string): Intent {
  const r = parseCommand(text);
  return r.ok ? r.intent : { type: 'help', topic: r.error.topic, problem: r.error.message };
}
