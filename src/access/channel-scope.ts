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

/** Whether the scope covers a place. A subscription-level place is covered only by a whole-subscription binding. */
export function covers(scope: ChannelScope, place: ScopePlace): boolean {
  if (scope.kind === 'all') return true;
  const sub = place.subscriptionId.toLowerCase();
  const rg = place.resourceGroup?.toLowerCase();
  return scope.places.some((b) => b.subscriptionId.toLowerCase() === sub && (b.resourceGroup === undefined || (rg !== undefined && b.resourceGroup.toLowerCase() === rg)));
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

/** A stable key of the scope (caches of scoped services). */
export function scopeKey(scope: ChannelScope): string {
  if (scope.kind === 'all') return '*';
  return scope.places
    .map((p) => (p.resourceGroup ? `${p.subscriptionId}/${p.resourceGroup}` : p.subscriptionId).toLowerCase())
    .sort()
    .join(',');
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
