/**
 * What a channel may see and act on: everything (only the embedded demo's default), or the
 * subscriptions and resource groups an admin bound it to. A resource is in scope when its
 * subscription is bound whole, or its resource group is bound. Nothing bound: nothing in scope.
 */
import { DomainError } from '../domain/errors';

/** A subscription (lower case), or one resource group of it. */
export interface ScopePlace {
  subscriptionId: string;
  resourceGroup?: string;
  /** When the binding was made, where known (notifications tell only what ended after it). */
  since?: Date;
}

export type ChannelScope = { kind: 'all' } | { kind: 'bound'; places: ScopePlace[] };

export const ALL_SCOPE: ChannelScope = { kind: 'all' };

/** The error a scoped call throws for a resource the channel may not touch (its message is shown). */
export const OUT_OF_SCOPE = 'OUT_OF_SCOPE';

const ARM_PREFIX = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i;

/** The subscription and resource group an ARM id lives in; undefined when it is not an ARM id. */
export function placeOfId(id: string): ScopePlace | undefined {
  const m = ARM_PREFIX.exec(id ?? '');
  if (!m) return undefined;
  return { subscriptionId: m[1].toLowerCase(), ...(m[2] ? { resourceGroup: m[2] } : {}) };
}

export function isNothing(scope: ChannelScope): boolean {
  return scope.kind === 'bound' && scope.places.length === 0;
}

/** Whether the bound place `b` covers `place`. A subscription-level place is covered only by a whole-subscription binding. */
function placeCovers(b: ScopePlace, place: ScopePlace): boolean {
  const rg = place.resourceGroup?.toLowerCase();
  return b.subscriptionId.toLowerCase() === place.subscriptionId.toLowerCase() && (b.resourceGroup === undefined || (rg !== undefined && b.resourceGroup.toLowerCase() === rg));
}

/** Whether the scope covers a place. A subscription-level place is covered only by a whole-subscription binding. */
export function covers(scope: ChannelScope, place: ScopePlace): boolean {
  if (scope.kind === 'all') return true;
  return scope.places.some((b) => placeCovers(b, place));
}

/**
 * Since when the scope has covered a place: the time of the oldest binding that covers it.
 * Undefined when it is not covered, or covered by a binding of unknown time (or by everything).
 */
export function coveredSince(scope: ChannelScope, place: ScopePlace): Date | undefined {
  if (scope.kind === 'all') return undefined;
  const covering = scope.places.filter((b) => placeCovers(b, place));
  if (covering.length === 0 || covering.some((b) => b.since === undefined)) return undefined;
  return new Date(Math.min(...covering.map((b) => (b.since as Date).getTime())));
}

/** Whether the scope covers the resource with this ARM id (ids that are not ARM ids are outside any binding). */
export function coversId(scope: ChannelScope, id: string): boolean {
  if (scope.kind === 'all') return true;
  const place = placeOfId(id);
  return place !== undefined && place.resourceGroup !== undefined && covers(scope, place);
}

/** Whether any part of the subscription is in scope (it is then offered, e.g. for a new vault). */
export function touchesSubscription(scope: ChannelScope, subscriptionId: string): boolean {
  if (scope.kind === 'all') return true;
  return scope.places.some((b) => b.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
}

const later = (a?: Date, b?: Date): Date | undefined => (a && b ? (a.getTime() >= b.getTime() ? a : b) : (a ?? b));
/** Undefined (a binding of unknown time) wins: covered, with no known start. */
const earlier = (a?: Date, b?: Date): Date | undefined => (a && b ? (a.getTime() <= b.getTime() ? a : b) : undefined);

const placeKey = (p: ScopePlace): string => (p.resourceGroup ? `${p.subscriptionId}/${p.resourceGroup}` : p.subscriptionId).toLowerCase();

/**
 * What both scopes cover: a whole subscription bound in both, or a resource group bound in one
 * and covered by the other, since the later of the two bindings. Used where one channel has
 * bindings from several workspaces.
 */
export function intersectScopes(a: ChannelScope, b: ChannelScope): ChannelScope {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  const places = new Map<string, ScopePlace>();
  for (const p of a.places) {
    for (const q of b.places) {
      if (p.subscriptionId.toLowerCase() !== q.subscriptionId.toLowerCase()) continue;
      const narrower = p.resourceGroup === undefined ? q : q.resourceGroup === undefined || q.resourceGroup.toLowerCase() === p.resourceGroup.toLowerCase() ? p : undefined;
      if (!narrower) continue;
      const since = later(p.since, q.since);
      const key = placeKey(narrower);
      const seen = places.get(key);
      // Two pairs giving the same place: it is covered from the earlier of their times.
      const from = seen ? earlier(seen.since, since) : since;
      places.set(key, { subscriptionId: narrower.subscriptionId, ...(narrower.resourceGroup !== undefined ? { resourceGroup: narrower.resourceGroup } : {}), ...(from ? { since: from } : {}) });
    }
  }
  return { kind: 'bound', places: [...places.values()] };
}

/** A stable key of the scope (caches of scoped services). */
export function scopeKey(scope: ChannelScope): string {
  if (scope.kind === 'all') return '*';
  return scope.places.map(placeKey).sort().join(',');
}

/** "subscription 3c1a…/resource group rg-web" in words. */
export function placeWords(place: ScopePlace): string {
  return place.resourceGroup ? `resource group ${place.resourceGroup} of subscription ${place.subscriptionId}` : `subscription ${place.subscriptionId}`;
}

/** The refusal for a resource outside the channel's scope: what it is, where it lives, how an admin binds it. */
export function outOfScopeError(what: string, id: string): DomainError {
  const place = placeOfId(id);
  if (!place) return new DomainError(OUT_OF_SCOPE, `${what} is outside what this channel may see.`);
  const bind = place.resourceGroup ? `${place.subscriptionId}/${place.resourceGroup}` : place.subscriptionId;
  return new DomainError(
    OUT_OF_SCOPE,
    `${what} is in ${placeWords(place)}, which this channel is not bound to, so the bot will not show it or act on it here. An admin can bind it with \`backup admin bind ${bind}\`.`,
  );
}
