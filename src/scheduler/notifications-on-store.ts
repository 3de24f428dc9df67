import { createChannelAccess } from '../access/conversation-scope';
import type { AccessConfig, SchedulerConfig } from '../config/config.types';
import type { NotificationsPort } from '../flows/notifications.port';
import { systemClock, type Clock } from '../notifications/clock';
import { createSubscriptionStore } from '../notifications/subscription-store';
import type { StoreDb } from '../store';
import { botIsBack, listWaitingChannels } from '../store/repositories/channel-waits.repository';
import { createSchedulerHealth } from './scheduler-health';

/**
 * The flows' NotificationsPort (src/flows/notifications.port.ts) implemented on the store: pass it
 * as FlowDeps.notifications. Independent of the running scheduler.
 */
export function createNotificationsPort(options: { db: StoreDb; config: SchedulerConfig; access: Pick<AccessConfig, 'defaultChannelScope'>; clock?: Clock }): NotificationsPort {
  return {
    subscriptions: createSubscriptionStore(options.db),
    access: createChannelAccess(options.db, options.access),
    waitingFor: async (channel) => (await listWaitingChannels(options.db, channel))[0],
    resume: async (channel) => void (await botIsBack(options.db, channel.platform, [channel.conversationId], (options.clock ?? systemClock).now())),
    health: createSchedulerHealth(options),
  };
}
