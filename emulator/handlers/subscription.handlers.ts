import { ok } from '../http/arm-http';
import { subscriptionToWire } from '../wire/subscription.wire';
import type { HandlerTable } from './handler-context';
import { requireSubscription } from './lookups';

/** Microsoft.Resources subscriptions (2022-12-01): the ones the emulator serves, with their display names. */
export const subscriptionHandlers: HandlerTable = {
  Subscriptions_List: (_req, ctx) => ok({ value: ctx.subscriptionIds.map(subscriptionToWire) }),
  Subscriptions_Get: (req, ctx) => ok(subscriptionToWire(requireSubscription(req, ctx))),
};
