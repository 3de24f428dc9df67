import { SEED, type RunningEmulator } from '../../emulator';
import { COMPUTE_API, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';

const SUB1 = SEED.subscriptions.production;
const SUB2 = SEED.subscriptions.devTest;

describe('compute: VM listing, paging and instance view', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeAll(async () => {
    ({ emulator, arm } = await startTestEmulator({ seed: { extraVms: 1000 } }));
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('pages ListAll 200 at a time with absolute nextLinks that keep api-version and statusOnly', async () => {
    const first = await arm.get(`/subscriptions/${SUB1}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}&statusOnly=true`);
    expect(first.body.value).toHaveLength(200);
    const next = new URL(first.body.nextLink);
    expect(`${next.protocol}//${next.host}`).toBe(emulator.endpoint);
    expect(next.searchParams.get('api-version')).toBe('2026-04-01');
    expect(next.searchParams.get('statusOnly')).toBe('true');

    const { items, pages } = await arm.listAll(pathOf(first.body.nextLink));
    const all = [...first.body.value, ...items];
    // 24 hand-written VMs in subscription 1, and half of the 1000 generated ones.
    expect(all).toHaveLength(524);
    expect(pages + 1).toBe(3);
    expect(new Set(all.map((vm) => vm.id.toLowerCase())).size).toBe(524);
    expect(all.every((vm) => vm.id.startsWith(`/subscriptions/${SUB1}/`))).toBe(true);
    const powers = new Set(all.map((vm) => vm.properties.instanceView.statuses[1].code));
    expect(powers).toEqual(new Set(['PowerState/running', 'PowerState/deallocated']));
  });

  it('lists by resource group and by location', async () => {
    const rg = await arm.listAll(`/subscriptions/${SUB2}/resourceGroups/rg-test/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}`);
    expect(rg.items.map((vm) => vm.name)).toEqual(['test-web-01', 'test-app-01', 'test-app-02', 'build-01', 'build-02']);
    const eastus = await arm.listAll(`/subscriptions/${SUB1}/providers/Microsoft.Compute/locations/eastus/virtualMachines?${COMPUTE_API}`);
    expect(eastus.items.every((vm) => vm.location === 'eastus')).toBe(true);
    expect(eastus.items.filter((vm) => !vm.name.startsWith('vm-scale-')).map((vm) => vm.name)).toEqual(['etl-01', 'etl-02', 'spark-01', 'report-01', 'web-us-01', 'web-us-02', 'sql-us-01']);
  });

  it('shows the VM agent in the instance view only when it is installed and the VM runs', async () => {
    const get = (rg: string, name: string) => arm.get(`/subscriptions/${SUB1}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}?${COMPUTE_API}&$expand=instanceView`);
    const ready = (await get('rg-data-prod', 'sql-01')).body.properties;
    expect(ready.osProfile.windowsConfiguration.provisionVMAgent).toBe(true);
    expect(ready.instanceView.vmAgent).toEqual(expect.objectContaining({ vmAgentVersion: expect.any(String), statuses: [expect.objectContaining({ code: 'ProvisioningState/succeeded', displayStatus: 'Ready' })] }));

    const agentless = (await get('rg-infra', 'legacy-01')).body.properties;
    expect(agentless.osProfile.linuxConfiguration.provisionVMAgent).toBe(false);
    expect(agentless.instanceView.vmAgent).toBeUndefined();
    expect(agentless.instanceView.statuses[1].code).toBe('PowerState/running');

    const deallocated = (await get('rg-app-prod', 'api-02')).body.properties;
    expect(deallocated.instanceView.vmAgent).toBeUndefined();
    expect(deallocated.instanceView.statuses[1].code).toBe('PowerState/deallocated');

    const plain = (await arm.get(`/subscriptions/${SUB1}/resourceGroups/rg-data-prod/providers/Microsoft.Compute/virtualMachines/sql-01?${COMPUTE_API}`)).body.properties;
    expect(plain.instanceView).toBeUndefined();
    expect((await arm.get(`/subscriptions/${SUB1}/resourceGroups/rg-data-prod/providers/Microsoft.Compute/virtualMachines/nope?${COMPUTE_API}`)).status).toBe(404);
  });
});
