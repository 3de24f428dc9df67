/**
 * The access and audit commands: `backup admin ...` and `backup audit ...`. They are typed (text
 * only, no buttons), so they never travel as flow intents; the guarded flows parse them before
 * handing any other text to the command parser of src/commands.
 */
import { tokenize } from '../commands/command-parser';
import { didYouMean } from '../commands/did-you-mean';
import { isResourceId, parseResourceId } from '../domain/azure-ids';
import { isRole, type Role } from './roles';

/** A person or group named in a command, by the platform's id. */
export interface PrincipalArg {
  kind: 'user' | 'group';
  id: string;
  /** The label a mention carried (`<@U123|ana>` -> ana), when any. */
  name?: string;
}

/** A subscription, or one resource group of it. */
export interface ScopeArg {
  subscriptionId: string;
  resourceGroup?: string;
}

export type AccessCommand =
  | { kind: 'admin.bind'; scope: ScopeArg }
  | { kind: 'admin.unbind'; scope: ScopeArg }
  | { kind: 'admin.bindings' }
  | { kind: 'admin.grant'; role: Role; principal: PrincipalArg }
  | { kind: 'admin.revoke'; principal: PrincipalArg; role?: Role }
  | { kind: 'admin.roles' }
  | { kind: 'admin.help'; problem?: string }
  | { kind: 'audit'; user?: PrincipalArg; resource?: string; since?: { at: Date; text: string } };

export type AccessCommandKind = AccessCommand['kind'];

/** Usage lines, for help and for the answer to a command that could not be read. */
export const ACCESS_USAGE = {
  bind: 'backup admin bind <subscription>[/<resource group>]',
  unbind: 'backup admin unbind <subscription>[/<resource group>]',
  bindings: 'backup admin bindings',
  grant: 'backup admin grant <viewer|operator|admin> <@person|user:<id>|group:<id>>',
  revoke: 'backup admin revoke <@person|user:<id>|group:<id>>',
  roles: 'backup admin roles',
  audit: 'backup audit [vm|@person] [since: 24h, 7d, 2026-11-20]',
} as const;

const ADMIN_SUBCOMMANDS = ['bind', 'unbind', 'bindings', 'grant', 'revoke', 'roles', 'help'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const MAX_ID = 200;

export type AccessParse = { ok: true; command: AccessCommand } | { ok: false; problem: string; usage: string };

/**
 * Reads `admin ...` or `audit ...` (with or without the leading `backup`). Returns undefined for
 * any other command, which is then the command parser's.
 */
export function parseAccessCommand(text: string, now: Date): AccessParse | undefined {
  const tokens = tokenize((text ?? '').trim());
  if (tokens.length && /^\/?backup$/i.test(tokens[0])) tokens.shift();
  const head = tokens[0]?.toLowerCase();
  if (head === 'audit') return parseAudit(tokens.slice(1), now);
  if (head !== 'admin') return undefined;
  const sub = tokens[1]?.toLowerCase();
  const args = tokens.slice(2);
  const bad = (usage: string, problem: string): AccessParse => ({ ok: false, problem, usage });
  switch (sub) {
    case undefined:
    case 'help':
      return { ok: true, command: { kind: 'admin.help' } };
    case 'bind':
    case 'unbind': {
      const usage = ACCESS_USAGE[sub];
      if (args.length !== 1) return bad(usage, `${sub} takes one subscription, or subscription/resource group.`);
      const scope = parseScope(args[0]);
      if ('problem' in scope) return bad(usage, scope.problem);
      return { ok: true, command: { kind: sub === 'bind' ? 'admin.bind' : 'admin.unbind', scope } };
    }
    case 'bindings':
      if (args.length) return bad(ACCESS_USAGE.bindings, 'bindings takes no arguments: it lists what this channel is bound to.');
      return { ok: true, command: { kind: 'admin.bindings' } };
    case 'roles':
      if (args.length) return bad(ACCESS_USAGE.roles, 'roles takes no arguments: it lists the roles granted in this workspace.');
      return { ok: true, command: { kind: 'admin.roles' } };
    case 'grant': {
      if (args.length !== 2) return bad(ACCESS_USAGE.grant, 'grant takes a role and a person or group.');
      const role = args[0].toLowerCase();
      if (!isRole(role)) return bad(ACCESS_USAGE.grant, `"${clip(args[0])}" is not a role: use viewer, operator or admin.`);
      const principal = parsePrincipal(args[1]);
      if ('problem' in principal) return bad(ACCESS_USAGE.grant, principal.problem);
      return { ok: true, command: { kind: 'admin.grant', role, principal } };
    }
    case 'revoke': {
      // `revoke @ana` or `revoke operator @ana` (the role, when given, must be the one she has).
      const withRole = args.length === 2 && isRole(args[0].toLowerCase());
      if (args.length !== 1 && !withRole) return bad(ACCESS_USAGE.revoke, 'revoke takes a person or group (optionally after the role they have).');
      const principal = parsePrincipal(args[args.length - 1]);
      if ('problem' in principal) return bad(ACCESS_USAGE.revoke, principal.problem);
      return { ok: true, command: { kind: 'admin.revoke', principal, ...(withRole ? { role: args[0].toLowerCase() as Role } : {}) } };
    }
    default: {
      const suggestion = didYouMean(sub, ADMIN_SUBCOMMANDS);
      return {
        ok: true,
        command: { kind: 'admin.help', problem: `Unknown admin command "${clip(tokens[1])}".${suggestion ? ` Did you mean "backup admin ${suggestion}"?` : ''}` },
      };
    }
  }
}

/** `<sub>`, `<sub>/<rg>`, or the ARM id of either. */
export function parseScope(text: string): ScopeArg | { problem: string } {
  const t = text.trim().replace(/\/+$/, '');
  if (t.length > 400) return { problem: 'That scope is too long to be a subscription and resource group.' };
  let sub: string;
  let rg: string | undefined;
  if (t.startsWith('/')) {
    const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?$/i.exec(t);
    if (!m) {
      if (isResourceId(t)) {
        const parts = parseResourceId(t);
        return { problem: `Bind a subscription or a resource group, not a single resource: try ${parts.subscriptionId}/${parts.resourceGroup}.` };
      }
      return { problem: 'Give the subscription id, optionally followed by /<resource group>.' };
    }
    [sub, rg] = [m[1], m[2]];
  } else {
    const parts = t.split('/');
    if (parts.length > 2) return { problem: 'Give the subscription id, optionally followed by /<resource group>.' };
    [sub, rg] = [parts[0], parts[1]];
  }
  if (!GUID.test(sub)) return { problem: `"${clip(sub)}" is not a subscription id (a GUID such as 3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61).` };
  if (rg !== undefined && !RESOURCE_GROUP.test(rg)) return { problem: `"${clip(rg)}" is not a resource group name (1 to 90 letters, digits, hyphens, underscores, periods and parentheses).` };
  return { subscriptionId: sub.toLowerCase(), ...(rg ? { resourceGroup: rg } : {}) };
}

/** `<@U123>`, `<@U123|ana>`, `<!subteam^S123|@ops>`, `user:<id>`, `group:<id>`. */
export function parsePrincipal(text: string): PrincipalArg | { problem: string } {
  const t = text.trim();
  let m = /^<@([A-Z0-9]+)(?:\|([^>]{1,80}))?>$/i.exec(t);
  if (m) return { kind: 'user', id: m[1], ...(m[2] ? { name: m[2] } : {}) };
  m = /^<!subteam\^([A-Z0-9]+)(?:\|@?([^>]{1,80}))?>$/i.exec(t);
  if (m) return { kind: 'group', id: m[1], ...(m[2] ? { name: m[2] } : {}) };
  m = /^(user|group):(.+)$/i.exec(t);
  if (m) {
    const id = m[2].trim();
    if (!id || id.length > MAX_ID || /[\s<>]/.test(id)) return { problem: `"${clip(t)}" does not name a ${m[1].toLowerCase()} id.` };
    return { kind: m[1].toLowerCase() as 'user' | 'group', id };
  }
  if (t.startsWith('@')) {
    return {
      problem: `The bot got the name "${clip(t)}" but not the person's id. In Slack, pick the person from the @ list (the app must escape mentions); in Teams, use user:<their Microsoft Entra object id>.`,
    };
  }
  return { problem: `"${clip(t)}" is not a person or group: mention them (@name), or write user:<id> or group:<id>.` };
}

const DURATION = /^(\d{1,4})(m|min|h|d|w)$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `24h`, `7d`, `2w`, `30m` (back from now) or a UTC day `2026-11-20`. */
export function parseSince(text: string, now: Date): { at: Date; text: string } | undefined {
  const t = text.trim().toLowerCase();
  const d = DURATION.exec(t);
  if (d) return { at: new Date(now.getTime() - Number(d[1]) * UNIT_MS[d[2]]), text: `last ${d[1]}${d[2]}` };
  if (DAY.test(t)) {
    const at = new Date(`${t}T00:00:00.000Z`);
    if (!Number.isNaN(at.getTime()) && at.toISOString().startsWith(t)) return { at, text: `since ${t}` };
  }
  return undefined;
}

function parseAudit(args: string[], now: Date): AccessParse {
  const rest = args.filter((a) => a.toLowerCase() !== 'since');
  const command: Extract<AccessCommand, { kind: 'audit' }> = { kind: 'audit' };
  for (const arg of rest) {
    const since = parseSince(arg, now);
    if (since) {
      if (command.since) return { ok: false, problem: 'audit takes one "since" (24h, 7d or a date).', usage: ACCESS_USAGE.audit };
      command.since = since;
      continue;
    }
    if (command.user || command.resource) return { ok: false, problem: 'audit takes one VM or person, and one "since".', usage: ACCESS_USAGE.audit };
    if (arg.startsWith('<') || arg.startsWith('@') || /^(user|group):/i.test(arg)) {
      const principal = parsePrincipal(arg);
      if ('problem' in principal) return { ok: false, problem: principal.problem, usage: ACCESS_USAGE.audit };
      if (principal.kind === 'group') return { ok: false, problem: 'audit shows what a person did: name a person, not a group.', usage: ACCESS_USAGE.audit };
      command.user = principal;
    } else {
      if (arg.length > 400) return { ok: false, problem: 'That VM name is too long.', usage: ACCESS_USAGE.audit };
      command.resource = arg;
    }
  }
  return { ok: true, command };
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
