import { SEED } from '../seed/seed-ids';

/** A subscription as Microsoft.Resources 2022-12-01 returns it (GetSubscription.json shape). */
export function subscriptionToWire(subscriptionId: string): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    tenantId: SEED.tenantId,
    displayName: SEED.subscriptionNames[subscriptionId] ?? subscriptionId,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    tags: {},
  };
}
