import type { InstanceViewStatus, VirtualMachine as AzureVm, VirtualMachineAgentInstanceView } from '@azure/arm-compute';
import { parseResourceId } from '../../domain/azure-ids';
import { normalizeLocation } from '../../domain/region.rule';
import type { VirtualMachine, VmAgentState, VmDisk, VmProfile } from '../../domain/backup.types';

/**
 * A VM resource -> VirtualMachine. `status` is the same VM from a statusOnly listing (or the VM
 * itself when read with instanceView); it supplies the power state and, when present, the agent.
 */
export function fromAzureVm(vm: AzureVm, status?: Pick<AzureVm, 'instanceView'>): VirtualMachine | undefined {
  if (!vm.id) return undefined;
  const parts = parseResourceId(vm.id);
  const view = status?.instanceView ?? vm.instanceView;
  const osType = vm.storageProfile?.osDisk?.osType;
  const powerState = powerStateOf(view?.statuses);
  return {
    id: vm.id,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: vm.name ?? parts.name,
    location: normalizeLocation(vm.location),
    ...(osType === 'Windows' || osType === 'Linux' ? { osType } : {}),
    ...(powerState ? { powerState } : {}),
    agent: agentStateOf(vm, view?.vmAgent),
  };
}

/** "PowerState/running" -> "running". */
export function powerStateOf(statuses: InstanceViewStatus[] | undefined): string | undefined {
  const code = statuses?.find((s) => s.code?.toLowerCase().startsWith('powerstate/'))?.code;
  return code ? code.slice('PowerState/'.length).toLowerCase() : undefined;
}

/**
 * The agent as far as Azure knows it. The model says whether an agent was provisioned at all
 * (provisionVMAgent false = NotInstalled); the instance view, when read, says whether it reports.
 */
export function agentStateOf(vm: AzureVm, agent: VirtualMachineAgentInstanceView | undefined): VmAgentState {
  const os = vm.osProfile;
  const provisioned = os?.windowsConfiguration?.provisionVMAgent ?? os?.linuxConfiguration?.provisionVMAgent;
  if (provisioned === false) return 'NotInstalled';
  const status = agent?.statuses?.[0];
  if (!status) return 'Unknown';
  const display = (status.displayStatus ?? '').replace(/\s+/g, '').toLowerCase();
  if (display === 'ready') return 'Ready';
  if (display === 'notready' || status.level === 'Warning' || status.level === 'Error') return 'NotReady';
  return 'Unknown';
}

type AzureOsDisk = NonNullable<NonNullable<AzureVm['storageProfile']>['osDisk']>;
type AzureDataDisk = NonNullable<NonNullable<AzureVm['storageProfile']>['dataDisks']>[number];

function diskOf(d: AzureOsDisk | AzureDataDisk, lun?: number): VmDisk {
  return {
    name: d.name ?? (lun === undefined ? 'OS disk' : `data disk ${lun}`),
    ...(lun !== undefined ? { lun } : {}),
    // An unmanaged disk names its VHD blob and has no managedDisk.
    managed: !d.vhd?.uri,
    ...(d.managedDisk?.storageAccountType ? { storageAccountType: d.managedDisk.storageAccountType } : {}),
    ...(d.diskSizeGB !== undefined ? { sizeGb: d.diskSizeGB } : {}),
    ...('diffDiskSettings' in d && d.diffDiskSettings?.option?.toLowerCase() === 'local' ? { ephemeral: true } : {}),
    ...(d.writeAcceleratorEnabled ? { writeAccelerator: true } : {}),
  };
}

/** A VM read with instanceView -> VmProfile: what the pre-flight check reads beyond the inventory. */
export function fromAzureVmProfile(vm: AzureVm): VmProfile | undefined {
  const base = fromAzureVm(vm, vm);
  if (!base) return undefined;
  const storage = vm.storageProfile;
  const image = storage?.imageReference;
  return {
    ...base,
    ...(vm.instanceView?.vmAgent?.vmAgentVersion ? { agentVersion: vm.instanceView.vmAgent.vmAgentVersion } : {}),
    ...(vm.hardwareProfile?.vmSize ? { vmSize: vm.hardwareProfile.vmSize } : {}),
    ...(vm.securityProfile?.securityType ? { securityType: vm.securityProfile.securityType } : {}),
    ...(image ? { image: { publisher: image.publisher, offer: image.offer, sku: image.sku } } : {}),
    ...(storage?.osDisk ? { osDisk: diskOf(storage.osDisk) } : {}),
    dataDisks: (storage?.dataDisks ?? []).map((d) => diskOf(d, d.lun)),
  };
}
