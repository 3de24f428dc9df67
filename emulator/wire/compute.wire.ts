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
  const unmanaged = vm.osDisk === 'unmanaged';
  // An unmanaged disk is a page blob named in `vhd` (VirtualMachine_Create_WithUnmanagedDisks… examples), with no managedDisk.
  const storage = (name: string, type: string): Record<string, unknown> =>
    unmanaged
      ? { vhd: { uri: `https://${vm.resourceGroup.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 16)}disks.blob.core.windows.net/vhds/${name}.vhd` } }
      : { managedDisk: { storageAccountType: type, id: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/disks/${name}` } };
  const osDisk: Record<string, unknown> = {
    osType: vm.osType,
    name: osDiskName,
    createOption: 'FromImage',
    caching: vm.osDisk === 'ephemeral' ? 'ReadOnly' : 'ReadWrite',
    ...storage(osDiskName, vm.osDisk === 'ephemeral' ? 'Standard_LRS' : 'Premium_LRS'),
    diskSizeGB: vm.osType === 'Windows' ? 127 : 30,
  };
  // Ephemeral OS disks: diffDiskSettings { option: Local } (VirtualMachine_Create_WithDiffOsDisk.json).
  if (vm.osDisk === 'ephemeral') osDisk.diffDiskSettings = { option: 'Local', placement: 'CacheDisk' };
  const properties: Record<string, unknown> = {
    vmId: vm.vmId,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile: {
      imageReference: { ...vm.image },
      osDisk,
      dataDisks: vm.dataDiskSizesGB.map((size, lun) => {
        const name = `${vm.name}_DataDisk_${lun}`;
        const type = vm.dataDiskTypes?.[lun] ?? 'Premium_LRS';
        return {
          lun,
          name,
          createOption: 'Attach',
          // Ultra and Premium SSD v2 disks take no host caching.
          caching: /^(UltraSSD|PremiumV2)_/.test(type) ? 'None' : 'ReadOnly',
          ...(vm.writeAcceleratorLuns?.includes(lun) ? { writeAcceleratorEnabled: true } : {}),
          ...storage(name, type),
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
    // securityProfile as in VirtualMachine_Create_WithSecurityTypeTrustedLaunch / ConfidentialVM examples.
    ...(vm.securityType
      ? { securityProfile: { securityType: vm.securityType, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } }
      : {}),
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
