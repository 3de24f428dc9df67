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
  /*
   * statusOnly=true ("Virtual Machines - List All": "statusOnly=true enables fetching run time status
   * of all Virtual Machines in the subscription", specs/compute/2023-09-01/virtualMachine.json) answers
   * each VM's instance view, shaped as Microsoft's example VirtualMachine_Get_InstanceView.json
   * (Azure/azure-rest-api-specs, Microsoft.Compute/ComputeRP/stable/2024-07-01): statuses with the
   * PowerState, and vmAgent { vmAgentVersion, statuses: [{ code, level, displayStatus, message, time }] }.
   */
  it('lists every VM\'s power state and VM agent status in the statusOnly listing', async () => {
    const { items } = await arm.listAll(`/subscriptions/${SUB1}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}&statusOnly=true`);
    const byName = new Map(items.map((vm) => [vm.name, vm]));
    const view = (name: string) => byName.get(name)?.properties.instanceView;

    expect(view('sql-01').vmAgent).toEqual({
      vmAgentVersion: expect.any(String),
      statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Ready', message: expect.any(String), time: expect.any(String) }],
      extensionHandlers: [],
    });
    expect(view('sql-01').statuses.map((s: { code: string }) => s.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    // no agent provisioned, or a VM that is not running: the instance view has no vmAgent
    expect(view('legacy-01').vmAgent).toBeUndefined();
    expect(view('api-02').vmAgent).toBeUndefined();
    // run-time status only: the model (osProfile, storageProfile) comes from the plain listing
    expect(byName.get('sql-01')?.properties.osProfile).toBeUndefined();

    emulator.injectFault({ kind: 'vm-agent-missing', vmId: byName.get('sql-01')?.id as string });
    try {
      const again = await arm.listAll(`/subscriptions/${SUB1}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}&statusOnly=true`);
      const notReady = again.items.find((vm) => vm.name === 'sql-01')?.properties.instanceView.vmAgent.statuses[0];
      expect(notReady).toMatchObject({ code: 'ProvisioningState/Unavailable', level: 'Warning', displayStatus: 'Not Ready' });
    } finally {
      emulator.clearFaults();
    }
  });
});
