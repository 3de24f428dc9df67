import type { ChatPlatform } from '../store/store.types';

/** A conversation the bot posts into unprompted: a Slack channel id, a Teams conversation id. */
export interface ChannelAddress {
  platform: ChatPlatform;
  conversationId: string;
}

/**
 * What a channel subscribes to. A subscription or resource group scope covers the VMs in it and
 * the vaults in it (a vault always sits in its VMs' subscription, so a subscription covers both);
 * a vault scope covers what that vault protects.
 */
export type SubscriptionScope =
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'resource-group'; subscriptionId: string; resourceGroup: string }
  | { kind: 'vault'; vaultId: string };

/** Which backup job endings a channel hears of: all (completed, with warnings, failed, cancelled), failed only, or none. */
export type JobEvents = 'all' | 'failures' | 'none';

/** What a subscription brings to its channel. */
export interface SubscriptionEvents {
  /** The digest of VMs still in "Initial backup pending", and the "now protected" follow-ups. */
  pendingDigest: boolean;
  jobs: JobEvents;
  /**
   * Job endings as replies in one thread a day under a summary line updated in place; failures
   * are also shown in the channel (docs/notifications.md, "Threads").
   */
  threaded?: boolean;
  /** The weekly coverage digest: the scope's VMs that no vault protects (COVERAGE_DIGEST_CRON). */
  coverageDigest?: boolean;
}

/** A channel's subscription to one scope. One per channel and scope. */
export interface ChannelSubscription {
  id: string;
  channel: ChannelAddress;
  scope: SubscriptionScope;
  /** The scope as people name it: the vault's or group's name, the subscription's id. */
  scopeName: string;
  events: SubscriptionEvents;
  /** Who subscribed (platform user id). */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Where subscriptions live (implemented on the store by createSubscriptionStore). Every change
 * names its channel: nothing here lets one channel change another's subscriptions.
 */
export interface SubscriptionStore {
  /** Subscribes the channel to the scope, or changes what that subscription brings. */
  subscribe(input: { channel: ChannelAddress; scope: SubscriptionScope; scopeName: string; events: SubscriptionEvents; createdBy: string; at?: Date }): Promise<{
    subscription: ChannelSubscription;
    created: boolean;
  }>;
  /** The channel's subscriptions, oldest first. */
  list(channel: ChannelAddress): Promise<ChannelSubscription[]>;
  /** Removes one of the channel's subscriptions, by id or by scope; true when there was one. */
  unsubscribe(channel: ChannelAddress, which: { id: string } | { scope: SubscriptionScope }): Promise<boolean>;
  /** Removes all of the channel's subscriptions; returns how many. */
  unsubscribeAll(channel: ChannelAddress): Promise<number>;
  /** Every channel's subscriptions (the sweeps). */
  listAll(): Promise<ChannelSubscription[]>;
}
