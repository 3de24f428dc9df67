import type { SchedulerHealth } from '../notifications/scheduler-health.types';
import type { ChannelAccess } from '../notifications/subscription-access';
import type { ChannelAddress, SubscriptionStore } from '../notifications/subscription.types';

/**
 * What the subscription commands and `backup health` need (built by
 * src/scheduler createNotificationsPort on the store). Absent from FlowDeps: those commands say
 * that notifications are not set up on this bot.
 */
export interface NotificationsPort {
  subscriptions: SubscriptionStore;
  /** What a channel may be told about (its bindings): subscriptions outside it are paused. */
  access: ChannelAccess;
  /** Since when (and why) the channel's notifications wait for the bot to be added back; undefined when they do not. */
  waitingFor?(channel: ChannelAddress): Promise<{ since: Date; code: string } | undefined>;
  /**
   * Lets a waiting channel's notifications go out again (someone subscribed there after the bot
   * was invited, or the workspace's app has no member_joined_channel event). If the bot is still
   * not there, the next notification is refused once and the channel waits again.
   */
  resume?(channel: ChannelAddress): Promise<void>;
  /** The scheduler's tasks and the outbox, read from the store (any replica can answer). */
  health(): Promise<SchedulerHealth>;
}
