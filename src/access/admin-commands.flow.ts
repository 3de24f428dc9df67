/**
 * `backup admin ...` and `backup audit ...`: channel bindings, role grants and the audit log.
 * Each answers a view model like the flows do; each change is written to the audit log.
 * Repeating a change that is already in place changes nothing and says who made it, when.
 */
import type { BackupService } from '../backup/backup.port';
import { auditView } from '../audit/audit-view';
import type { AuditSink, NewAuditRecord } from '../audit/audit.types';
import { messageResult, notice } from '../flows/flow-results';
import type { FlowResult, HelpView } from '../flows/views';
import { dateTimeWords } from '../flows/wording';
import type { VmInventory } from '../inventory/inventory.types';
import type { StoreDb } from '../store';
import { addChannelBinding, listChannelBindings, removeChannelBinding, type ChannelBinding } from '../store/repositories/access-bindings.repository';
import { listGrants, putGrant, removeGrant, type PrincipalRef } from '../store/repositories/access-grants.repository';
import { queryAuditLog } from '../store/repositories/audit-log.repository';
import { listUnfinishedEffects } from '../store/repositories/access-effects.repository';
import { ACCESS_USAGE, type AccessCommand, type PrincipalArg, type ScopeArg } from './access-commands';
import { channelOf, normalizeId, reportsGroups, type AccessDirectory, type Identity } from './access-directory';
import { placeWords } from './channel-scope';

export interface AdminDeps {
  db: StoreDb;
  directory: AccessDirectory;
  /** The unscoped service: which subscriptions the bot manages. */
  backup: BackupService;
  /** The shared inventory: how Azure spells a resource group. */
  inventory: VmInventory;
  audit: AuditSink;
  now: () => Date;
}

const DAY = 24 * 60 * 60 * 1000;
const AUDIT_LIMIT = 20;
/** An effect still unfinished after this long is taken as interrupted (no action of the bot takes as long). */
const INTERRUPTED_AFTER_MS = 30 * 60 * 1000;

export const ADMIN_HELP: HelpView['commands'] = [
  { usage: ACCESS_USAGE.bind, description: 'Let this channel see and act on a subscription, or one resource group of it (several bindings add up).', example: 'backup admin bind 3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61/rg-web-prod' },
  { usage: ACCESS_USAGE.unbind, description: 'Remove one binding of this channel.', example: 'backup admin unbind 3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61/rg-web-prod' },
  { usage: ACCESS_USAGE.bindings, description: 'What this channel may see and act on.', example: 'backup admin bindings' },
  { usage: ACCESS_USAGE.grant, description: 'Give a person or group a role in this workspace: viewer (status, lists), operator (also Backup now), admin (everything).', example: 'backup admin grant operator @ana' },
  { usage: ACCESS_USAGE.revoke, description: 'Take a person\'s or group\'s role away.', example: 'backup admin revoke @ana' },
  { usage: ACCESS_USAGE.roles, description: 'Who has which role in this workspace.', example: 'backup admin roles' },
  { usage: ACCESS_USAGE.audit, description: 'What changed Azure or the bot\'s settings: who, where, what, outcome (default: the last 7 days).', example: 'backup audit web-01 7d' },
];

export function adminHelp(problem?: string): FlowResult {
  const view: HelpView = { kind: 'help', title: 'backup admin: access and audit', commands: ADMIN_HELP, actions: [], ...(problem ? { problem } : {}) };
  return messageResult(view);
}

const bindingWords = (b: { subscriptionId: string; resourceGroup?: string }): string => placeWords(b);
const byWords = (id: string, name?: string): string => (name ? `${name} (${id})` : id);

/** Runs an access command for someone already allowed to run it. */
export async function runAdminCommand(deps: AdminDeps, command: AccessCommand, who: Identity): Promise<FlowResult> {
  const now = deps.now();
  const record = (entry: Omit<NewAuditRecord, 'at' | 'actor' | 'outcome'>): Promise<void> =>
    deps.audit.append({
      ...entry,
      at: now,
      outcome: 'succeeded',
      actor: { platform: who.platform, workspaceId: who.workspaceId, channelId: who.channelId, userId: who.userId, ...(who.userName ? { userName: who.userName } : {}) },
    });

  switch (command.kind) {
    case 'admin.help':
      return adminHelp(command.problem);

    case 'admin.bindings':
      return messageResult(await bindingsView(deps, who));

    case 'admin.bind': {
      if (!who.channelId) return messageResult(notice('warning', 'No channel to bind', 'The chat platform did not say which channel this is, so nothing can be bound here. Nothing was changed.'));
      const checked = await checkScope(deps, command.scope);
      if ('problem' in checked) return messageResult(notice('warning', 'Not bound', `${checked.problem} Nothing was changed.`));
      const { created, binding } = await addChannelBinding(deps.db, {
        channel: channelOf(who),
        subscriptionId: checked.subscriptionId,
        ...(checked.resourceGroup ? { resourceGroup: checked.resourceGroup } : {}),
        createdBy: who.userId,
        ...(who.userName ? { createdByName: who.userName } : {}),
        at: now,
      });
      if (!created) {
        return messageResult(notice('info', 'Already bound', `This channel is already bound to ${bindingWords(binding)}: ${byWords(binding.createdBy, binding.createdByName)} bound it on ${dateTimeWords(binding.createdAt)}. Nothing was changed.`));
      }
      const id = scopeId(checked);
      await record({ action: command.kind, summary: `Bind channel ${who.channelId} to ${bindingWords(checked)}`, resourceIds: [id] });
      const all = await listChannelBindings(deps.db, channelOf(who));
      return messageResult(
        notice('success', 'Channel bound', `This channel now sees and acts on ${all.map(bindingWords).join('; ')}.${checked.warning ? ` ${checked.warning}` : ''}`, { facts: all.map(bindingFact) }),
      );
    }

    case 'admin.unbind': {
      const removed = who.channelId ? await removeChannelBinding(deps.db, channelOf(who), command.scope.subscriptionId, command.scope.resourceGroup) : undefined;
      if (!removed) {
        return messageResult(notice('info', 'Not bound', `This channel is not bound to ${bindingWords(command.scope)}, so there is nothing to unbind. \`backup admin bindings\` lists its bindings.`));
      }
      await record({ action: command.kind, summary: `Unbind channel ${who.channelId} from ${bindingWords(removed)}`, resourceIds: [scopeId(removed)] });
      const left = await listChannelBindings(deps.db, channelOf(who));
      const after = left.length
        ? `It now sees and acts on ${left.map(bindingWords).join('; ')}.`
        : deps.directory.settings.defaultChannelScope === 'all'
          ? 'It has no binding left, so it sees every subscription the bot manages again (the default of this installation).'
          : 'It has no binding left, so it sees nothing until an admin binds it again.';
      return messageResult(notice('success', 'Channel unbound', `This channel no longer sees ${bindingWords(removed)}. ${after}`));
    }

    case 'admin.grant': {
      if (command.principal.kind === 'group' && !reportsGroups(who.platform)) {
        return messageResult(
          notice('warning', 'Groups cannot be granted here', 'This platform does not tell the bot which groups a person is in, so a role granted to a group would never apply. Grant the people themselves (mention them, or user:<id>). Nothing was changed.'),
        );
      }
      const principal = principalRef(who, command.principal);
      const { before, after } = await putGrant(deps.db, {
        principal,
        ...(command.principal.name ? { principalName: command.principal.name } : {}),
        role: command.role,
        grantedBy: who.userId,
        ...(who.userName ? { grantedByName: who.userName } : {}),
        at: now,
      });
      const name = principalWords(principal, after.principalName);
      if (before && before.role === command.role) {
        return messageResult(notice('info', `${name} is already ${command.role}`, `${byWords(before.grantedBy, before.grantedByName)} granted ${command.role} to ${name} on ${dateTimeWords(before.grantedAt)}. Nothing was changed.`));
      }
      await record({
        action: command.kind,
        summary: `Grant ${command.role} to ${name}`,
        ...(before ? { detail: `was ${before.role}` } : {}),
        resourceIds: [],
      });
      return messageResult(notice('success', `${name} is now ${command.role}`, `${name} has the ${command.role} role in this workspace${before ? ` (was ${before.role})` : ''}.`));
    }

    case 'admin.revoke': {
      const principal = principalRef(who, command.principal);
      const current = (await listGrants(deps.db, principal.platform, principal.workspaceId)).find((g) => g.principal.kind === principal.kind && g.principal.id === principal.id);
      const name = principalWords(principal, current?.principalName ?? command.principal.name);
      if (!current) return messageResult(notice('info', `${name} has no role to revoke`, `${name} was granted no role in this workspace. Nothing was changed.`));
      if (command.role && command.role !== current.role) {
        return messageResult(notice('warning', `${name} is not ${command.role}`, `${name} has the ${current.role} role, not ${command.role}. Nothing was changed; to take it away, \`backup admin revoke\` them without a role.`));
      }
      const removed = await removeGrant(deps.db, principal);
      if (!removed) return messageResult(notice('info', `${name} has no role to revoke`, `Someone revoked it a moment ago. Nothing was changed.`));
      await record({ action: command.kind, summary: `Revoke ${removed.role} from ${name}`, resourceIds: [] });
      const stays = deps.directory.settings.defaultRole !== 'none' ? ` Everyone keeps the default role of this installation (${deps.directory.settings.defaultRole}).` : '';
      return messageResult(notice('success', `${name} is no longer ${removed.role}`, `The ${removed.role} role of ${name} was revoked.${stays}`));
    }

    case 'admin.roles':
      return messageResult(await rolesView(deps, who));

    case 'audit': {
      const since = command.since?.at ?? new Date(now.getTime() - 7 * DAY);
      const sinceText = command.since?.text ?? 'last 7 days';
      const userId = command.user ? normalizeId(who.platform, command.user.id) : undefined;
      const entries = await queryAuditLog(deps.db, {
        platform: who.platform,
        workspaceId: who.workspaceId,
        since,
        limit: AUDIT_LIMIT,
        ...(userId ? { userId } : {}),
        ...(command.resource ? { resource: command.resource } : {}),
      });
      const what = command.user ? `actions of ${command.user.name ?? userId}` : command.resource ? command.resource : 'everything';
      // Effects that never finished have no entry: shown too (not filtered by VM, which they do not record).
      const interrupted = command.resource
        ? []
        : (await listUnfinishedEffects(deps.db, { platform: who.platform, workspaceId: who.workspaceId, since, startedBefore: new Date(now.getTime() - INTERRUPTED_AFTER_MS) }))
            .filter((e) => !userId || e.actor.userId === userId)
            .map((e) => ({ startedAt: e.startedAt, actor: e.actor, action: e.action }));
      return messageResult(auditView(entries, { what, sinceText, limit: AUDIT_LIMIT }, interrupted));
    }
  }
}

const scopeId = (s: { subscriptionId: string; resourceGroup?: string }): string =>
  `/subscriptions/${s.subscriptionId}${s.resourceGroup ? `/resourceGroups/${s.resourceGroup}` : ''}`;

const bindingFact = (b: ChannelBinding) => ({
  label: b.resourceGroup ? `${b.subscriptionId} / ${b.resourceGroup}` : `${b.subscriptionId} (whole subscription)`,
  value: `bound by ${byWords(b.createdBy, b.createdByName)}, ${dateTimeWords(b.createdAt)}`,
});

/** The subscription must be one the bot manages; a resource group is spelled as Azure spells it when the bot knows it. */
async function checkScope(deps: AdminDeps, scope: ScopeArg): Promise<(ScopeArg & { warning?: string }) | { problem: string }> {
  const subs = deps.backup.subscriptions();
  const sub = subs.find((s) => s.toLowerCase() === scope.subscriptionId.toLowerCase());
  if (!sub) return { problem: `The bot does not manage subscription ${scope.subscriptionId}; it manages ${subs.join(', ')}.` };
  if (!scope.resourceGroup) return { subscriptionId: sub.toLowerCase() };
  const known = await knownGroups(deps, sub);
  const spelled = known.find((g) => g.toLowerCase() === scope.resourceGroup?.toLowerCase());
  return {
    subscriptionId: sub.toLowerCase(),
    resourceGroup: spelled ?? scope.resourceGroup,
    ...(spelled ? {} : { warning: `The bot sees no VM or vault in resource group ${scope.resourceGroup} yet; check the name if you expected some.` }),
  };
}

async function knownGroups(deps: AdminDeps, subscriptionId: string): Promise<string[]> {
  const groups = new Set<string>();
  try {
    await deps.inventory.ready();
    for (const e of deps.inventory.search('', { subscriptionId, limit: Number.MAX_SAFE_INTEGER }).matches) groups.add(e.vm.resourceGroup);
    for (const v of await deps.backup.listVaults({ subscriptionId })) groups.add(v.resourceGroup);
  } catch {
    // Azure unreachable: bind as typed; the warning tells the admin to check the name.
  }
  return [...groups];
}

function principalRef(who: Identity, arg: PrincipalArg): PrincipalRef {
  return { platform: who.platform, workspaceId: who.workspaceId, kind: arg.kind, id: normalizeId(who.platform, arg.id) };
}

const principalWords = (p: PrincipalRef, name?: string): string => `${p.kind === 'group' ? 'group ' : ''}${name ? `${name} (${p.id})` : p.id}`;

async function bindingsView(deps: AdminDeps, who: Identity) {
  const bindings = who.channelId ? await listChannelBindings(deps.db, channelOf(who)) : [];
  if (bindings.length) {
    return notice('info', 'This channel\'s scope', `This channel sees and acts on ${bindings.map(bindingWords).join('; ')}, and nothing else.`, { facts: bindings.map(bindingFact) });
  }
  return deps.directory.settings.defaultChannelScope === 'all'
    ? notice('info', 'This channel\'s scope', 'Nothing is bound here, so this channel sees every subscription the bot manages (the default of this installation, which runs on the embedded emulator). Binding it to a scope limits it to that scope.')
    : notice('info', 'This channel\'s scope', 'Nothing is bound here, so this channel sees nothing. An admin binds it with `backup admin bind <subscription>[/<resource group>]`.');
}

async function rolesView(deps: AdminDeps, who: Identity) {
  const grants = await listGrants(deps.db, who.platform, who.workspaceId);
  const bootstrap = deps.directory.settings.bootstrapAdmins.filter((b) => b.platform === who.platform && normalizeId(b.platform, b.workspaceId) === who.workspaceId);
  const facts = [
    ...bootstrap.map((b) => ({ label: normalizeId(b.platform, b.userId), value: 'admin (BOOTSTRAP_ADMINS setting)' })),
    ...grants.map((g) => ({ label: principalWords(g.principal, g.principalName), value: `${g.role}, granted by ${byWords(g.grantedBy, g.grantedByName)} on ${dateTimeWords(g.grantedAt)}` })),
  ];
  const role = deps.directory.settings.defaultRole;
  const everyone = role === 'none' ? 'Everyone else has no role.' : `Everyone else has the default role ${role}.`;
  const mine = await deps.directory.standingOf(who);
  return notice('info', 'Roles in this workspace', `${everyone} You are ${mine.role ?? 'without a role'}.`, { facts });
}
