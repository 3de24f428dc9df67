import type { StoreDb } from '../store';
import {
  deleteChannelSubscriptions,
  deleteSubscription,
  listAllSubscriptions,
  listChannelSubscriptions,
  upsertSubscription,
  type SubscriptionRecord,
} from '../store/repositories/subscriptions.repository';
import { scopeFromId, scopeId } from './subscription-scope';
import type { ChannelSubscription, SubscriptionStore } from './subscription.types';

/** A stored row as a subscription; a row whose id no longer parses is left out (and logged by the caller's sweep). */
export function toChannelSubscription(record: SubscriptionRecord): ChannelSubscription | undefined {
  const scope = scopeFromId(record.scopeId);
  if (scope === undefined || scope.kind !== record.scopeKind) return undefined;
  return {
    id: record.id,
    channel: { platform: record.platform, conversationId: record.conversationId },
    scope,
    scopeName: record.scopeName,
    events: { pendingDigest: record.pendingDigest, jobs: record.jobEvents, ...(record.threaded ? { threaded: true } : {}), ...(record.coverageDigest ? { coverageDigest: true } : {}) },
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const present = (s: ChannelSubscription | undefined): s is ChannelSubscription => s !== undefined;

/** The SubscriptionStore on the store's notification_subscriptions table. */
export function createSubscriptionStore(db: StoreDb): SubscriptionStore {
  return {
    async subscribe({ channel, scope, scopeName, events, createdBy, at }) {
      const { subscription, created } = await upsertSubscription(db, {
        platform: channel.platform,
        conversationId: channel.conversationId,
        scopeKind: scope.kind,
        scopeId: scopeId(scope),
        scopeName,
        pendingDigest: events.pendingDigest,
        jobEvents: events.jobs,
        threaded: events.threaded === true && events.jobs !== 'none',
        coverageDigest: events.coverageDigest === true,
        createdBy,
        at,
      });
      const mapped = toChannelSubscription(subscription);
      if (!mapped) throw new Error(`subscription ${subscription.id} was stored with an unreadable scope`);
      return { subscription: mapped, created };
    },
    list: async (channel) => (await listChannelSubscriptions(db, channel.platform, channel.conversationId)).map(toChannelSubscription).filter(present),
    unsubscribe: (channel, which) =>
      deleteSubscription(db, channel.platform, channel.conversationId, 'id' in which ? { id: which.id } : { scopeId: scopeId(which.scope) }),
    unsubscribeAll: (channel) => deleteChannelSubscriptions(db, channel.platform, channel.conversationId),
    listAll: async () => (await listAllSubscriptions(db)).map(toChannelSubscription).filter(present),
  };
}
