import type { VirtualMachine as AzureVm } from '@azure/arm-compute';
import { agentStateOf, fromAzureVm, fromAzureVmProfile, powerStateOf } from '../../../src/backup/azure/virtual-machine.mapper';
import { asSdk, readExample } from './vendor-examples';

const ID = '/subscriptions/s1/resourceGroups/App-RG/providers/Microsoft.Compute/virtualMachines/web-01';

function vm(extra: Partial<AzureVm> = {}): AzureVm {
  return { id: ID, name: 'web-01', location: 'West Europe', storageProfile: { osDisk: { osType: 'Linux', createOption: 'FromImage' } }, ...extra } as AzureVm;
}

describe('virtual machine mapper', () => {
  it('normalises the region and reads the ids', () => {
    expect(fromAzureVm(vm())).toEqual({
      id: ID,
      subscriptionId: 's1',
      resourceGroup: 'App-RG',
      name: 'web-01',
      location: 'westeurope',
      osType: 'Linux',
      agent: 'Unknown',
    });
  });

  it('takes the power state from the statusOnly twin', () => {
    const status = vm({ instanceView: { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/deallocated' }] } });
    expect(fromAzureVm(vm(), status)?.powerState).toBe('deallocated');
    expect(powerStateOf(undefined)).toBeUndefined();
  });

  it('says NotInstalled when the VM was created without an agent, whatever else it says', () => {
    const noAgent = vm({ osProfile: { linuxConfiguration: { provisionVMAgent: false } } });
    expect(agentStateOf(noAgent, { statuses: [{ displayStatus: 'Ready' }] })).toBe('NotInstalled');
  });

  it('reads Ready / Not Ready from the instance view', () => {
    const withAgent = vm({ osProfile: { windowsConfiguration: { provisionVMAgent: true } } });
    expect(agentStateOf(withAgent, { statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Ready' }] })).toBe('Ready');
    expect(agentStateOf(withAgent, { statuses: [{ code: 'ProvisioningState/Unavailable', level: 'Warning', displayStatus: 'Not Ready' }] })).toBe('NotReady');
    expect(agentStateOf(withAgent, undefined)).toBe('Unknown');
  });
});

describe('the VM profile the pre-flight check reads', () => {
  // Compute's own example (vendor/azure-rest-examples/compute/2026-04-01/virtualMachineExamples/VirtualMachine_Get.json).
  it('reads disks, size and image from Microsoft\'s VirtualMachine_Get example', () => {
    const example = readExample('compute/2026-04-01/virtualMachineExamples/VirtualMachine_Get.json');
    const body = example.responses['200'].body as Record<string, unknown> & { properties: Record<string, unknown> };
    // The SDK hands the model with `properties` flattened into it, as it deserializes the wire JSON.
    const profile = fromAzureVmProfile(asSdk<AzureVm>({ ...body, ...body.properties }));
    expect(profile).toMatchObject({ vmSize: 'Standard_DS3_v2', image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2016-Datacenter' } });
    expect(profile?.osDisk).toEqual({ name: 'myOsDisk', managed: true, storageAccountType: 'Premium_LRS', sizeGb: 30 });
    expect(profile?.dataDisks[0]).toEqual({ name: 'myDataDisk0', lun: 0, managed: true, storageAccountType: 'Premium_LRS', sizeGb: 30 });
    expect(profile?.securityType).toBeUndefined();
  });

  it('reads an unmanaged VHD, an ephemeral OS disk, Write Accelerator, Trusted Launch and the agent version', () => {
    const profile = fromAzureVmProfile(
      vm({
        securityProfile: { securityType: 'TrustedLaunch' },
        storageProfile: {
          osDisk: { osType: 'Linux', createOption: 'FromImage', name: 'os', diffDiskSettings: { option: 'Local' } },
          dataDisks: [{ lun: 2, name: 'old', createOption: 'Attach', vhd: { uri: 'https://x.blob.core.windows.net/vhds/old.vhd' }, writeAcceleratorEnabled: true }],
        },
        instanceView: { vmAgent: { vmAgentVersion: '2.9.1.1', statuses: [{ displayStatus: 'Ready' }] } },
      }),
    );
    expect(profile).toMatchObject({ securityType: 'TrustedLaunch', agentVersion: '2.9.1.1', agent: 'Ready' });
    expect(profile?.osDisk).toEqual({ name: 'os', managed: true, ephemeral: true });
    expect(profile?.dataDisks).toEqual([{ name: 'old', lun: 2, managed: false, writeAccelerator: true }]);
  });
});
