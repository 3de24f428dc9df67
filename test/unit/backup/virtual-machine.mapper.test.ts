import type { VirtualMachine as AzureVm } from '@azure/arm-compute';
import { agentStateOf, fromAzureVm, powerStateOf } from '../../../src/backup/azure/virtual-machine.mapper';

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
