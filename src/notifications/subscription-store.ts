import type { Kysely } from 'kysely';
import type { Database } from '../store/database';
import { notificationDb } from '../store/repositories/notification-tables';
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
    events: { pendingDigest: record.pendingDigest, jobs: record.jobEvents },
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const present = (s: ChannelSubscription | undefined): s is ChannelSubscription => s !== undefined;

/** The SubscriptionStore on the store's notification_subscriptions table. */
export function createSubscriptionStore(db: Kysely<Database>): SubscriptionStore {
  const ndb = notificationDb(db);
  return {
    async subscribe({ channel, scope, scopeName, events, createdBy, at }) {
      const { subscription, created } = await upsertSubscription(ndb, {
        platform: channel.platform,
        conversationId: channel.conversationId,
        scopeKind: scope.kind,
        scopeId: scopeId(scope),
        scopeName,
        pendingDigest: events.pendingDigest,
        jobEvents: events.jobs,
        createdBy,
        at,
      });
      const mapped = toChannelSubscription(subscription);
      if (!mapped) throw new Error(`subscription ${subscription.id} was stored with an unreadable scope`);
      return { subscription: mapped, created };
    },
    list: async (channel) => (await listChannelSubscriptions(ndb, channel.platform, channel.conversationId)).map(toChannelSubscription).filter(present),
    unsubscribe: (channel, which) =>
      deleteSubscription(ndb, channel.platform, channel.conversationId, 'id' in which ? { id: which.id } : { scopeId: scopeId(which.scope) }),
    unsubscribeAll: (channel) => deleteChannelSubscriptions(ndb, channel.platform, channel.conversationId),
    listAll: async () => (await listAllSubscriptions(ndb)).map(toChannelSubscription).filter(present),
  };
}
