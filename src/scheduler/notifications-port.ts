import type { Kysely } from 'kysely';
import type { SchedulerConfig } from '../config/config.types';
import type { NotificationsPort } from '../flows/notifications.port';
import type { Clock } from '../notifications/clock';
import { createSubscriptionStore } from '../notifications/subscription-store';
import type { Database } from '../store/database';
import { createSchedulerHealth } from './scheduler-health';

/** The flows' NotificationsPort on the store: pass it as FlowDeps.notifications. Independent of the running scheduler. */
export function createNotificationsPort(options: { db: Kysely<Database>; config: SchedulerConfig; clock?: Clock }): NotificationsPort {
  return { subscriptions: createSubscriptionStore(options.db), health: createSchedulerHealth(options) };
}
