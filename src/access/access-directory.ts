/**
 * Who someone is for access control, what role they hold and what their channel may see:
 * configuration (BOOTSTRAP_ADMINS, DEFAULT_ROLE, DEFAULT_CHANNEL_SCOPE) and the store's grants
 * and bindings, read on every action so a change applies at once on every replica.
 */
import type { AccessConfig } from '../config/config.types';
import type { Actor } from '../flows/intents';
import type { StoreDb } from '../store';
import { listChannelBindings, type ChannelBinding, type ChannelRef } from '../store/repositories/access-bindings.repository';
import { grantsOf, listGrants } from '../store/repositories/access-grants.repository';
import { ALL_SCOPE, type ChannelScope, type ScopePlace } from './channel-scope';
import { higherRole, type Role } from './roles';

/** An actor with its ids normalised (Teams ids are GUIDs: compared in lower case). */
export interface Identity {
  platform: string;
  /** '' when the platform gave none. */
  workspaceId: string;
  /** '' when the platform gave none: such an actor sees only the default scope. */
  channelId: string;
  userId: string;
  userName?: string;
  groups: string[];
}

const caseless = (platform: string): boolean => platform === 'teams';

/**
 * Whether the platform's adapter tells which groups a person is in (Actor.groups), so that a
 * grant to a group can count: Slack reads its user groups; Teams activities carry no group
 * membership (that needs Microsoft Graph), so a group grant there would never apply.
 */
export const reportsGroups = (platform: string): boolean => platform === 'slack';

/** Ids of a principal as stored and compared on this platform. */
export function normalizeId(platform: string, id: string): string {
  return caseless(platform) ? id.toLowerCase() : id;
}

export function identityOf(actor: Actor): Identity {
  const platform = actor.platform.toLowerCase();
  const norm = (id: string): string => normalizeId(platform, id);
  return {
    platform,
    workspaceId: norm(actor.workspaceId ?? ''),
    channelId: actor.channelId ?? '',
    userId: norm(actor.userId),
    ...(actor.displayName ? { userName: actor.displayName } : {}),
    groups: (actor.groups ?? []).map(norm),
  };
}

export const channelOf = (who: Identity): ChannelRef => ({ platform: who.platform, workspaceId: who.workspaceId, channelId: who.channelId });

/** Where a role comes from, for `backup admin roles` and refusals. */
export type RoleSource = 'default' | 'bootstrap' | 'grant' | 'group';

export interface Standing {
  role?: Role;
  source?: RoleSource;
}

export interface ChannelStanding {
  scope: ChannelScope;
  bindings: ChannelBinding[];
  /** True when the scope is the default one (nothing bound here). */
  isDefault: boolean;
}

export interface AccessDirectory {
  standingOf(who: Identity): Promise<Standing>;
  scopeOf(who: Identity): Promise<ChannelStanding>;
  /** Names (or ids) of the admins of a workspace, bootstrap admins first: who grants roles. */
  adminsOf(platform: string, workspaceId: string): Promise<string[]>;
  isBootstrapAdmin(who: Identity): boolean;
  settings: AccessConfig;
}

/** What a channel bound to these places sees: them, or the default scope when there are none. */
export function scopeOfPlaces(places: ScopePlace[], defaultScope: AccessConfig['defaultChannelScope']): ChannelScope {
  if (places.length === 0) return defaultScope === 'all' ? ALL_SCOPE : { kind: 'bound', places: [] };
  return { kind: 'bound', places };
}

export function createAccessDirectory(db: StoreDb, settings: AccessConfig): AccessDirectory {
  const bootstrap = settings.bootstrapAdmins.map((p) => ({ platform: p.platform, workspaceId: normalizeId(p.platform, p.workspaceId), userId: normalizeId(p.platform, p.userId) }));
  const isBootstrapAdmin = (who: Identity): boolean =>
    bootstrap.some((b) => b.platform === who.platform && b.workspaceId === who.workspaceId && b.userId === who.userId);

  return {
    settings,
    isBootstrapAdmin,
    async standingOf(who) {
      if (isBootstrapAdmin(who)) return { role: 'admin', source: 'bootstrap' };
      let standing: Standing = settings.defaultRole === 'none' ? {} : { role: settings.defaultRole, source: 'default' };
      for (const g of await grantsOf(db, who.platform, who.workspaceId, who.userId, who.groups)) {
        const better = higherRole(standing.role, g.role);
        if (better !== standing.role) standing = { role: better, source: g.principal.kind === 'user' ? 'grant' : 'group' };
      }
      return standing;
    },
    async scopeOf(who) {
      const bindings = who.channelId ? await listChannelBindings(db, channelOf(who)) : [];
      const places = bindings.map((b): ScopePlace => ({ subscriptionId: b.subscriptionId, ...(b.resourceGroup ? { resourceGroup: b.resourceGroup } : {}) }));
      return { scope: scopeOfPlaces(places, settings.defaultChannelScope), bindings, isDefault: bindings.length === 0 };
    },
    async adminsOf(platform, workspaceId) {
      const fromConfig = bootstrap.filter((b) => b.platform === platform && b.workspaceId === workspaceId).map((b) => b.userId);
      const granted = (await listGrants(db, platform, workspaceId)).filter((g) => g.role === 'admin').map((g) => g.principalName ?? `${g.principal.kind === 'group' ? 'group ' : ''}${g.principal.id}`);
      return [...new Set([...fromConfig, ...granted])];
    },
  };
}
