/**
 * Channel notifications: subscriptions, the outbox and its dispatcher, the Notifier port and its
 * Slack and Teams implementations, and the notification views.
 */
export type { Notifier, NotifierFailure } from './notifier.port';
export { NotifierError } from './notifier.port';
export { createSlackNotifier, NOTIFICATION_EVENT_TYPE } from './notifiers/slack.notifier';
export type { SlackNotifierOptions } from './notifiers/slack.notifier';
export { createTeamsChannelNotifier, proactivePoster } from './notifiers/teams.notifier';
export type { TeamsChannelNotifierOptions, TeamsPoster } from './notifiers/teams.notifier';
export { createDispatcher } from './dispatcher';
export type { Dispatcher, DispatcherOptions, DispatchReport } from './dispatcher';
export { createSubscriptionStore } from './subscription-store';
export type * from './subscription.types';
export type * from './scheduler-health.types';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { keyDigest } from './outbox';
