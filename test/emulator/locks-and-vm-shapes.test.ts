/**
 * Microsoft.Authorization management locks (2020-05-01) and the VM shapes the pre-flight check
 * reads, as the emulator serves them.
 *
 * Locks follow Microsoft's spec and examples (Azure/azure-rest-api-specs
 * specification/resources/resource-manager/Microsoft.Authorization/stable/2020-05-01: locks.json,
 * examples/ManagementLocks_CreateOrUpdateAtResourceGroupLevel.json and
 * examples/ManagementLocks_ListAtResourceGroupLevel.json, copied in emulator/specs/resources) and
 * the REST reference https://learn.microsoft.com/rest/api/resources/management-locks.
 * VM disks and security follow Compute's VirtualMachine model (vendor/azure-rest-examples
 * specs/compute/2023-09-01/virtualMachine.json: storageProfile.osDisk.diffDiskSettings, vhd,
 * managedDisk.storageAccountType, writeAcceleratorEnabled, securityProfile.securityType).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SEED, type RunningEmulator } from '../../emulator';
import { COMPUTE_API, startTestEmulator, type ArmClient } from './support/arm-client';

const API = 'api-version=2020-05-01';
const EXAMPLES = path.join(__dirname, '..', '..', 'emulator', 'specs', 'resources', 'examples');
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
const P = SEED.subscriptions.production;
const rgLocks = (rg: string) => `/subscriptions/${P}/resourceGroups/${rg}/providers/Microsoft.Authorization/locks`;

describe('Microsoft.Authorization locks (2020-05-01)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeAll(async () => {
    ({ emulator, arm } = await startTestEmulator({ clock: 'manual' }));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('creates a lock on a resource group (201, then 200), shaped as Microsoft\'s example, and lists it', async () => {
    const createExample = example('ManagementLocks_CreateOrUpdateAtResourceGroupLevel.json');
    const created = await arm.request('PUT', `${rgLocks('rg-web-prod')}/testlock?${API}`, { body: createExample.parameters.parameters });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...createExample.responses['201'].body, id: `/subscriptions/${P}/resourceGroups/rg-web-prod/providers/Microsoft.Authorization/locks/testlock` });
    const again = await arm.request('PUT', `${rgLocks('rg-web-prod')}/testlock?${API}`, { body: { properties: { level: 'CanNotDelete', notes: 'change freeze' } } });
    expect(again.status).toBe(200);
    expect(again.body.properties).toEqual({ level: 'CanNotDelete', notes: 'change freeze' });

    const listExample = example('ManagementLocks_ListAtResourceGroupLevel.json');
    const list = await arm.get(`${rgLocks('rg-web-prod')}?${API}`);
    expect(list.status).toBe(200);
    expect(Object.keys(list.body.value[0]).sort()).toEqual(Object.keys(listExample.responses['200'].body.value[0]).sort());
    expect(list.body.value.map((l: { name: string }) => l.name)).toEqual(['testlock']);
    expect((await arm.get(`${rgLocks('rg-data-prod')}?${API}`)).body.value).toEqual([]);

    const atSubscription = await arm.get(`/subscriptions/${P}/providers/Microsoft.Authorization/locks?${API}`);
    expect(atSubscription.body.value.map((l: { id: string }) => l.id)).toEqual([list.body.value[0].id]);

    expect((await arm.get(`${rgLocks('rg-web-prod')}/testlock?${API}`)).body.name).toBe('testlock');
    expect((await arm.request('DELETE', `${rgLocks('rg-web-prod')}/testlock?${API}`)).status).toBe(200);
    expect((await arm.request('DELETE', `${rgLocks('rg-web-prod')}/testlock?${API}`)).status).toBe(204);
    expect((await arm.get(`${rgLocks('rg-web-prod')}/testlock?${API}`)).status).toBe(404);
  });

  it('refuses a level outside the spec\'s enum, a group that does not exist and another api-version', async () => {
    const bad = await arm.request('PUT', `${rgLocks('rg-web-prod')}/x?${API}`, { body: { properties: { level: 'Frozen' } } });
    expect(bad.status).toBe(400);
    const missing = await arm.get(`${rgLocks('rg-nope')}?${API}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ResourceGroupNotFound');
    expect((await arm.get(`${rgLocks('rg-web-prod')}?api-version=2099-01-01`)).status).toBe(400);
  });

  it('locks and unlocks the region\'s AzureBackupRG_<geo>_<n> group (created by the seeded backups) through the test hook', async () => {
    // Seeded backups of web-01 created the group Azure Backup keeps westeurope's restore points in.
    const group = await arm.get(`/subscriptions/${P}/resourcegroups/AzureBackupRG_westeurope_1?api-version=2025-04-01`);
    expect(group.status).toBe(200);
    emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'AzureBackupRG_westeurope_1', name: 'no-delete', level: 'CanNotDelete' });
    const listed = await arm.get(`${rgLocks('AzureBackupRG_westeurope_1')}?${API}`);
    expect(listed.body.value[0].properties.level).toBe('CanNotDelete');
    emulator.unlockResourceGroup(P, 'AzureBackupRG_westeurope_1', 'no-delete');
    expect((await arm.get(`${rgLocks('AzureBackupRG_westeurope_1')}?${API}`)).body.value).toEqual([]);
  });
});

describe('VM shapes for the support matrix rules', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;
  const vm = async (name: string) => (await arm.get(`${SEED.vmId(name)}?${COMPUTE_API}&$expand=instanceView`)).body;

  beforeAll(async () => {
    ({ emulator, arm } = await startTestEmulator({ clock: 'manual' }));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('serves an Ultra data disk, Trusted Launch, Write Accelerator, unmanaged and ephemeral OS disks on the VMs that carry them', async () => {
    const spark = await vm('spark-01');
    expect(spark.properties.storageProfile.dataDisks.map((d: { managedDisk: { storageAccountType: string } }) => d.managedDisk.storageAccountType)).toEqual(['UltraSSD_LRS', 'Premium_LRS']);
    expect((await vm('sql-02')).properties.securityProfile.securityType).toBe('TrustedLaunch');
    expect((await vm('report-01')).properties.storageProfile.dataDisks[0].writeAcceleratorEnabled).toBe(true);
    const build = (await vm('build-02')).properties.storageProfile.osDisk;
    expect(build.managedDisk).toBeUndefined();
    expect(build.vhd.uri).toMatch(/^https:\/\/.+\.blob\.core\.windows\.net\/vhds\/.+\.vhd$/);
    expect((await vm('ci-runner-01')).properties.storageProfile.osDisk.diffDiskSettings).toEqual({ option: 'Local', placement: 'CacheDisk' });
    const plain = await vm('web-02');
    expect(plain.properties.securityProfile).toBeUndefined();
    expect(plain.properties.storageProfile.osDisk.managedDisk.storageAccountType).toBe('Premium_LRS');
    expect(plain.properties.instanceView.vmAgent.vmAgentVersion).toBe('2.9.1.1');
  });
});
