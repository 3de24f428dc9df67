/**
 * Channel notifications: subscriptions, the outbox and its dispatcher, the Notifier port and the
 * notification views. The port's Slack and Teams implementations live in their adapters
 * (adapters/slack/slack.notifier.ts, adapters/teams/teams.notifier.ts).
 */
export type { Notifier, NotifierFailure } from './notifier.port';
export { NotifierError } from './notifier.port';
export { createDispatcher } from './dispatcher';
export type { Dispatcher, DispatcherOptions, DispatchReport } from './dispatcher';
export { createSubscriptionStore } from './subscription-store';
export type * from './subscription.types';
export type * from './scheduler-health.types';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { keyDigest } from './outbox';
