import type { VmRecord } from '../state/model';
import { isoTime } from './wire-format';

export interface VmViewOptions {
  /** $expand=instanceView: the full instance view (statuses, vmAgent when the agent reports). */
  instanceView?: boolean;
  /**
   * statusOnly=true on a listing: each VM's run-time status only, its instance view (statuses,
   * and vmAgent when the agent reports) without the model, as the statusOnly listing answers.
   */
  statusOnly?: boolean;
  /** The vm-agent-missing fault: the installed agent reports Not Ready. */
  agentNotReady?: boolean;
}

const POWER_DISPLAY: Record<VmRecord['powerState'], string> = {
  running: 'VM running',
  deallocated: 'VM deallocated',
  stopped: 'VM stopped',
};

/** A VM as Compute 2026-04-01 returns it (VirtualMachine_Get.json shape). */
export function vmToWire(vm: VmRecord, view: VmViewOptions = {}): Record<string, unknown> {
  if (view.statusOnly) {
    return {
      name: vm.name,
      id: vm.id,
      type: 'Microsoft.Compute/virtualMachines',
      location: vm.location,
      properties: { instanceView: instanceView(vm, view.agentNotReady === true) },
    };
  }
  const osDiskName = `${vm.name}_OsDisk_1_${vm.vmId.replace(/-/g, '').slice(0, 32)}`;
  const osProfile: Record<string, unknown> = {
    computerName: vm.name,
    adminUsername: 'azureuser',
    secrets: [],
    allowExtensionOperations: true,
  };
  if (vm.osType === 'Windows') {
    osProfile.windowsConfiguration = { provisionVMAgent: vm.agentInstalled, enableAutomaticUpdates: true };
  } else {
    osProfile.linuxConfiguration = { disablePasswordAuthentication: true, provisionVMAgent: vm.agentInstalled };
  }
  const properties: Record<string, unknown> = {
    vmId: vm.vmId,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile: {
      imageReference: { ...vm.image },
      osDisk: {
        osType: vm.osType,
        name: osDiskName,
        createOption: 'FromImage',
        caching: 'ReadWrite',
        managedDisk: {
          storageAccountType: 'Premium_LRS',
          id: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/disks/${osDiskName}`,
        },
        diskSizeGB: vm.osType === 'Windows' ? 127 : 30,
      },
      dataDisks: vm.dataDiskSizesGB.map((size, lun) => {
        const name = `${vm.name}_DataDisk_${lun}`;
        return {
          lun,
          name,
          createOption: 'Attach',
          caching: 'ReadOnly',
          managedDisk: {
            storageAccountType: 'Premium_LRS',
            id: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/disks/${name}`,
          },
          diskSizeGB: size,
          deleteOption: 'Detach',
        };
      }),
    },
    osProfile,
    networkProfile: {
      networkInterfaces: [
        { id: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Network/networkInterfaces/${vm.name}-nic` },
      ],
    },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    provisioningState: 'Succeeded',
    timeCreated: isoTime(vm.timeCreated),
  };
  if (view.instanceView) properties.instanceView = instanceView(vm, view.agentNotReady === true);
  return {
    name: vm.name,
    id: vm.id,
    type: 'Microsoft.Compute/virtualMachines',
    location: vm.location,
    tags: { ...vm.tags },
    properties,
  };
}

/** The instance view, shaped as Compute's "Virtual Machines - Instance View" example (VirtualMachine_Get_InstanceView.json). */
function instanceView(vm: VmRecord, agentNotReady: boolean): Record<string, unknown> {
  const statuses = [
    { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: isoTime(vm.timeCreated) },
    { code: `PowerState/${vm.powerState}`, level: 'Info', displayStatus: POWER_DISPLAY[vm.powerState] },
  ];
  const view: Record<string, unknown> = {
    computerName: vm.name,
    osName: vm.osType === 'Windows' ? 'Windows Server 2022 Datacenter' : 'ubuntu',
    osVersion: vm.osType === 'Windows' ? '10.0.20348' : '22.04',
    hyperVGeneration: 'V2',
    statuses,
  };
  // A VM created without the agent, or one that is not running, reports no vmAgent at all.
  if (vm.agentInstalled && vm.powerState === 'running') {
    view.vmAgent = {
      vmAgentVersion: vm.agentVersion ?? '2.7.41491.1102',
      statuses: [
        agentNotReady
          ? {
              code: 'ProvisioningState/Unavailable',
              level: 'Warning',
              displayStatus: 'Not Ready',
              message: 'VM status blob is found but not yet populated.',
              time: isoTime(vm.timeCreated),
            }
          : {
              code: 'ProvisioningState/succeeded',
              level: 'Info',
              displayStatus: 'Ready',
              message: 'GuestAgent is running and processing the extensions.',
              time: isoTime(vm.timeCreated),
            },
      ],
      extensionHandlers: [],
    };
  }
  return view;
}
