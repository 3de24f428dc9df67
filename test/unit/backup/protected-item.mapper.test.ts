import type { ProtectedItemResource } from '@azure/arm-recoveryservicesbackup';
import { parseProtectedItemId } from '../../../src/backup/azure/backup-ids';
import { fromAzureProtectedItem } from '../../../src/backup/azure/protected-item.mapper';
import { asSdk, readExample } from './vendor-examples';

const VAULT = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1';
const ITEM_ID = `${VAULT}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;app-rg;web-01/protectedItems/VM;iaasvmcontainerv2;app-rg;web-01`;

function item(properties: Record<string, unknown>): ProtectedItemResource {
  return asSdk<ProtectedItemResource>({
    id: ITEM_ID,
    name: 'VM;iaasvmcontainerv2;app-rg;web-01',
    properties: {
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      friendlyName: 'web-01',
      sourceResourceId: '/subscriptions/s1/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/web-01',
      policyId: `${VAULT}/backupPolicies/DefaultPolicy`,
      ...properties,
    },
  });
}

describe('protected item mapper', () => {
  it('maps Compute_ProtectedItem_Get.json', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/Compute_ProtectedItem_Get.json');
    const mapped = fromAzureProtectedItem(asSdk<ProtectedItemResource>(example.responses['200'].body), VAULT);
    expect(mapped).toBeDefined();
    expect(mapped?.containerName).toMatch(/^IaasVMContainer;iaasvmcontainerv2;/i);
    expect(mapped?.itemName).toMatch(/^VM;iaasvmcontainerv2;/i);
    expect(mapped?.vmId).toMatch(/Microsoft\.Compute\/virtualMachines\//i);
    expect(mapped?.vaultId).toBe(VAULT);
  });

  it('reads the container and item names from ids with or without the backupFabrics segment (BackupProtectedItems_List.json)', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/BackupProtectedItems_List.json');
    const [first] = (example.responses['200'].body as { value: unknown[] }).value;
    const mapped = fromAzureProtectedItem(asSdk<ProtectedItemResource>(first), VAULT);
    expect(mapped).toMatchObject({
      containerName: 'IaasVMContainer;iaasvmcontainer;iaasvm-rg;iaasvm-1',
      itemName: 'VM;iaasvmcontainer;iaasvm-rg;iaasvm-1',
      vmName: 'iaasvm-1',
      protectionState: 'Protected',
      lastBackupStatus: 'Completed',
      policyName: 'testPolicy1',
    });
    expect(parseProtectedItemId(ITEM_ID)?.fabricName).toBe('Azure');
  });

  it('shows Initial backup pending with no last backup time (Azure writes 2001-01-01 for never)', () => {
    const mapped = fromAzureProtectedItem(item({ protectionState: 'IRPending', lastBackupStatus: 'IRPending', lastBackupTime: '2001-01-01T00:00:00Z' }), VAULT);
    expect(mapped?.protectionState).toBe('IRPending');
    expect(mapped?.lastBackupStatus).toBe('IRPending');
    expect(mapped?.lastBackupTime).toBeUndefined();
    expect(mapped?.policyName).toBe('DefaultPolicy');
  });

  it('keeps a real last backup time, and maps unknown states to Invalid', () => {
    const mapped = fromAzureProtectedItem(item({ protectionState: 'SomethingNew', lastBackupTime: new Date('2024-05-01T02:00:00Z') }), VAULT);
    expect(mapped?.lastBackupTime?.toISOString()).toBe('2024-05-01T02:00:00.000Z');
    expect(mapped?.protectionState).toBe('Invalid');
  });

  it('keeps every protection state of the 2023-06-01 spec, BackupsSuspended included', () => {
    for (const state of ['IRPending', 'Protected', 'ProtectionError', 'ProtectionStopped', 'ProtectionPaused', 'BackupsSuspended', 'Invalid']) {
      expect(fromAzureProtectedItem(item({ protectionState: state }), VAULT)?.protectionState).toBe(state);
    }
  });

  it('ignores items that are not Azure VMs', () => {
    expect(fromAzureProtectedItem(asSdk<ProtectedItemResource>({ id: ITEM_ID, properties: { protectedItemType: 'AzureFileShareProtectedItem' } }), VAULT)).toBeUndefined();
  });
});
