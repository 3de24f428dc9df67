/**
 * Management locks as Microsoft.Authorization 2020-05-01 lists them (examples
 * ManagementLocks_ListAtResourceGroupLevel.json, ManagementLocks_ListAtResourceLevel.json and
 * ManagementLocks_ListAtSubscriptionLevel.json in Azure/azure-rest-api-specs
 * specification/resources/resource-manager/Microsoft.Authorization/stable/2020-05-01/examples)
 * read into where each lock sits.
 */
import { fromWireLock } from '../../../src/backup/azure/lock-reader';

describe('fromWireLock', () => {
  it('a lock on a resource group', () => {
    expect(fromWireLock({ properties: { level: 'ReadOnly' }, id: '/subscriptions/subscriptionId/resourceGroups/resourcegroupname/providers/Microsoft.Authorization/locks/testlock', name: 'testlock' })).toEqual({
      id: '/subscriptions/subscriptionId/resourceGroups/resourcegroupname/providers/Microsoft.Authorization/locks/testlock',
      name: 'testlock',
      level: 'ReadOnly',
      subscriptionId: 'subscriptionId',
      resourceGroup: 'resourcegroupname',
    });
  });

  it('a lock on a resource of the group, and one on the subscription', () => {
    const onResource = fromWireLock({
      properties: { level: 'CanNotDelete', notes: 'keep' },
      id: '/subscriptions/subscriptionId/resourcegroups/resourcegroupname/providers/Microsoft.Storage/storageAccounts/teststorageaccount/providers/Microsoft.Authorization/locks/testlock',
      name: 'testlock',
    });
    expect(onResource).toMatchObject({ resourceGroup: 'resourcegroupname', resourceId: '/subscriptions/subscriptionId/resourcegroups/resourcegroupname/providers/Microsoft.Storage/storageAccounts/teststorageaccount', notes: 'keep' });
    const onSubscription = fromWireLock({ properties: { level: 'ReadOnly' }, id: '/subscriptions/subscriptionId/providers/Microsoft.Authorization/locks/testlock', name: 'testlock' });
    expect(onSubscription?.resourceGroup).toBeUndefined();
    expect(onSubscription?.resourceId).toBeUndefined();
  });

  it('an unknown level reads as NotSpecified; no id, no lock', () => {
    expect(fromWireLock({ properties: { level: 'Frozen' }, id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Authorization/locks/x' })?.level).toBe('NotSpecified');
    expect(fromWireLock({ name: 'x' })).toBeUndefined();
  });
});
