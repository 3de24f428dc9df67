/**
 * Notifications within what a channel may see. A subscription says what a channel follows; the
 * channel's access scope (its bindings, or the default) says what it may be told about. The
 * sweeps read the scope at each run and tell an item only when both allow it, so a binding that
 * changes applies at the next sweep and subscriptions are never rewritten. A subscription the
 * scope no longer reaches at all is kept but paused (`backup subscriptions` says so), and resumes
 * once the channel is bound to it again.
 */
import { coveredSince, covers, coversId, placeOfId, touchesSubscription, type ChannelScope, type ScopePlace } from '../access/channel-scope';
import { scopeId, type ScopeSubject } from './subscription-scope';
import type { ChannelAddress, SubscriptionScope } from './subscription.types';

/** Where a channel's access scope comes from (the store's bindings; see src/access/conversation-scope.ts). */
export interface ChannelAccess {
  /** What the channel may see now. One store read, no Azure call. */
  scopeOf(channel: ChannelAddress): Promise<ChannelScope>;
}

/** A scope that covers nothing: what a channel whose scope is unknown is told. */
export const NOTHING_IN_SCOPE: ChannelScope = { kind: 'bound', places: [] };

/**
 * How much of what a subscription follows lies in the channel's scope: all of it, part of it (a
 * subscription followed by a channel bound to some of its resource groups), or none (paused).
 */
export type SubscriptionReach = 'whole' | 'part' | 'none';

export function reachOf(access: ChannelScope, scope: SubscriptionScope): SubscriptionReach {
  if (access.kind === 'all') return 'whole';
  switch (scope.kind) {
    case 'subscription':
      if (covers(access, { subscriptionId: scope.subscriptionId })) return 'whole';
      return touchesSubscription(access, scope.subscriptionId) ? 'part' : 'none';
    case 'resource-group':
      return covers(access, { subscriptionId: scope.subscriptionId, resourceGroup: scope.resourceGroup }) ? 'whole' : 'none';
    case 'vault':
      return coversId(access, scope.vaultId) ? 'whole' : 'none';
  }
}

/**
 * Whether the channel may be told about a job or protected item: its vault and its VM must both
 * be in scope, as `backup jobs` and `backup status` would show them there. A VM not known is
 * judged by its subscription (Azure protects a VM only with a vault of its own subscription),
 * which must then be bound whole. Something that ended (`endedAt`) before the bindings that
 * bring it in were made is not told: what ends while a channel is not bound stays untold.
 */
export function mayTell(access: ChannelScope, subject: ScopeSubject, endedAt?: Date): boolean {
  if (access.kind === 'all') return true;
  const vault = placeOfId(subject.vaultId);
  if (!vault || !coversId(access, subject.vaultId)) return false;
  let vm: ScopePlace | undefined;
  if (subject.vmId === undefined) vm = { subscriptionId: vault.subscriptionId };
  else if (coversId(access, subject.vmId)) vm = placeOfId(subject.vmId);
  if (!vm || !covers(access, vm)) return false;
  if (endedAt === undefined) return true;
  return [coveredSince(access, vault), coveredSince(access, vm)].every((since) => since === undefined || endedAt.getTime() >= since.getTime());
}

/** Whether telling the channel about a job of this vault depends on the job's VM: the vault is in scope, its subscription is not bound whole. */
export function vmDecides(access: ChannelScope, vaultId: string): boolean {
  if (access.kind === 'all' || !coversId(access, vaultId)) return false;
  const vault = placeOfId(vaultId);
  return vault !== undefined && !covers(access, { subscriptionId: vault.subscriptionId });
}

/** What `backup admin bind` takes to put the whole scope in a channel's scope: `sub` or `sub/group` (a vault's own group). */
export function bindingFor(scope: SubscriptionScope): string {
  const place = placeOfId(scopeId(scope));
  if (!place) return scopeId(scope);
  return place.resourceGroup ? `${place.subscriptionId}/${place.resourceGroup}` : place.subscriptionId;
}
