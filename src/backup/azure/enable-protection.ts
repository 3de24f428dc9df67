import type { AzureIaaSComputeVMProtectedItem, WorkloadProtectableItemResource } from '@azure/arm-recoveryservicesbackup';
import { iaasContainerName, iaasItemName, sameResourceId } from '../../domain/azure-ids';
import { DomainError } from '../../domain/errors';
import { checkSameRegion } from '../../domain/region.rule';
import type { EnableProtectionOutcome, ProgressListener, Vault, VirtualMachine } from '../../domain/backup.types';
import { captureResponse, type PollTiming } from './async-operation.poller';
import { callAzure, toAzureError } from './azure-error.mapper';
import { lastSegment } from './backup-ids';
import { waitForBackupOperation } from './backup-operation.waiter';
import { mapWithConcurrency } from './concurrency';
import { fromAzureProtectedItem } from './protected-item.mapper';
import { AZURE_FABRIC, type VaultRef, vmRef } from './resource-refs';
import type { SdkClientFactory } from './sdk-clients';
import { fromAzureVm } from './virtual-machine.mapper';

export interface EnableProtectionDeps {
  clients: SdkClientFactory;
  timing: PollTiming;
  /** VMs read and enabled at the same time; Azure's 429s are retried by the SDK pipeline after their Retry-After. */
  concurrency: number;
}

export interface EnableProtectionRequest {
  vault: Vault;
  vaultRef: VaultRef;
  policyId: string;
  vmIds: string[];
  onProgress?: ProgressListener;
}

const IAAS_FILTER = "backupManagementType eq 'AzureIaasVM'";

type Refusal = { vmId: string; ok: false; code: string; reason: string };
type Candidate = { vmId: string; vm: VirtualMachine };

/**
 * Enables protection of several VMs of one vault with no more Azure calls per VM than
 * `az backup protection enable-for-vm` makes for one (bench/docs/enable-protection-calls.md):
 * the vault's protectable VMs are listed once for the batch, and refreshed (discovery) only
 * when a VM is missing from that list, as the CLI does; VMs are read and enabled in parallel,
 * at most `concurrency` at once. Why a VM cannot be protected (already protected here or
 * elsewhere) is asked of Azure only for a VM that is refused. Every VM gets its own outcome; a
 * failure of one never stops the others.
 */
export async function enableProtectionForVms(deps: EnableProtectionDeps, req: EnableProtectionRequest): Promise<EnableProtectionOutcome[]> {
  const progress = req.onProgress ?? (() => undefined);
  const vmIds = dedupe(req.vmIds);
  const validated = await mapWithConcurrency(vmIds, deps.concurrency, async (vmId) => {
    progress({ step: 'validating', detail: lastSegment(vmId) ?? vmId });
    return validateVm(deps, req, vmId);
  });
  const candidates = validated.filter((v): v is Candidate => !('ok' in v));
  const outcomes = new Map<string, EnableProtectionOutcome>();
  for (const v of validated) if ('ok' in v) outcomes.set(v.vmId, v);

  if (candidates.length > 0) {
    let discovered: Map<string, WorkloadProtectableItemResource>;
    try {
      progress({ step: 'discovering', detail: req.vault.name });
      discovered = await protectableVms(deps, req.vaultRef, candidates);
    } catch (err) {
      const mapped = toAzureError(err, { action: `discover the VMs of vault ${req.vault.name}` });
      for (const c of candidates) outcomes.set(c.vmId, refusal(c.vmId, mapped.code, mapped.message));
      return vmIds.map((id) => outcomes.get(id) as EnableProtectionOutcome);
    }
    await mapWithConcurrency(candidates, deps.concurrency, async (c) => {
      if (discovered.has(c.vmId.toLowerCase())) {
        outcomes.set(c.vmId, await enableOne(deps, req, c, progress));
        return;
      }
      const refused = await whyNotProtectable(deps, req, c);
      progress({ step: 'failed', detail: `${c.vm.name}: ${refused.reason}` });
      outcomes.set(c.vmId, refused);
    });
  }
  return vmIds.map((id) => outcomes.get(id) as EnableProtectionOutcome);
}

async function enableOne(deps: EnableProtectionDeps, req: EnableProtectionRequest, c: Candidate, progress: ProgressListener): Promise<EnableProtectionOutcome> {
  progress({ step: 'enabling', detail: c.vm.name });
  const outcome = await protectVm(deps, req, c);
  progress({ step: outcome.ok ? 'enabled' : 'failed', detail: outcome.ok ? c.vm.name : `${c.vm.name}: ${outcome.reason}` });
  return outcome;
}

/** Reads the VM and checks what can be checked before asking the vault: subscription, region, VM agent. */
async function validateVm(deps: EnableProtectionDeps, req: EnableProtectionRequest, vmId: string): Promise<Candidate | Refusal> {
  let ref;
  try {
    ref = vmRef(vmId);
  } catch (err) {
    return refusal(vmId, (err as DomainError).code, (err as DomainError).message);
  }
  if (ref.subscriptionId.toLowerCase() !== req.vaultRef.subscriptionId.toLowerCase()) {
    return refusal(vmId, 'VM_SUBSCRIPTION_MISMATCH', `${ref.name} is in subscription ${ref.subscriptionId} but vault ${req.vault.name} is in ${req.vaultRef.subscriptionId}; a vault protects VMs of its own subscription only.`);
  }
  const clients = deps.clients.for(ref.subscriptionId);
  let vm: VirtualMachine | undefined;
  try {
    const azureVm = await clients.compute.virtualMachines.get(ref.resourceGroup, ref.name, { expand: 'instanceView' });
    vm = fromAzureVm(azureVm, azureVm);
  } catch (err) {
    const mapped = toAzureError(err, { action: `read VM ${ref.name}` });
    if (mapped.code === 'AZURE_NOT_FOUND' || mapped.code === 'RESOURCE_GROUP_NOT_FOUND') {
      return refusal(vmId, 'VM_NOT_FOUND', `VM ${ref.name} was not found in resource group ${ref.resourceGroup}; it may have been deleted or renamed.`);
    }
    return refusal(vmId, mapped.code, mapped.message);
  }
  if (!vm) return refusal(vmId, 'VM_NOT_FOUND', `VM ${ref.name} was not found in resource group ${ref.resourceGroup}.`);

  const region = checkSameRegion(vm.location, req.vault.location, vm.name);
  if (!region.ok) return refusal(vmId, region.code, region.message);

  const agent = agentRefusal(vm);
  if (!agent) return { vmId, vm };
  // "Already protected" is the more useful answer for a protected VM whose agent is not ready.
  const protection = await protectionElsewhere(deps, req, { vmId, vm });
  return protection ?? refusal(vmId, agent.code, agent.reason);
}

function agentRefusal(vm: VirtualMachine): { code: string; reason: string } | undefined {
  if (vm.agent === 'NotInstalled') {
    return { code: 'VM_AGENT_NOT_INSTALLED', reason: `${vm.name} has no VM agent (it was created without one). Azure Backup needs the Azure VM agent: install it on the VM (Windows: the Azure VM Agent MSI; Linux: the walinuxagent package), then try again.` };
  }
  // A stopped VM is backed up offline without its agent; a running one needs the agent to report Ready.
  const running = vm.powerState === undefined || vm.powerState === 'running' || vm.powerState === 'starting';
  if (running && vm.agent !== 'Ready') {
    return { code: 'VM_AGENT_NOT_READY', reason: `The VM agent of ${vm.name} is not reporting to Azure (${vm.agent}). Start the agent or reinstall it (Windows: the WindowsAzureGuestAgent service; Linux: walinuxagent), check the VM can reach Azure, then try again.` };
  }
  return undefined;
}

/** A VM the vault does not list as protectable: already protected (here or elsewhere), or not discovered yet. */
async function whyNotProtectable(deps: EnableProtectionDeps, req: EnableProtectionRequest, c: Candidate): Promise<Refusal> {
  const protection = await protectionElsewhere(deps, req, c);
  return (
    protection ??
    refusal(c.vmId, 'VM_NOT_DISCOVERED', `Azure Backup did not find ${c.vm.name} among the VMs vault ${req.vault.name} can protect. If the VM was created a moment ago, wait a few minutes and try again.`)
  );
}

/** Asks Azure (backup status of the VM) whether a vault protects the VM already; a refusal that says which, or undefined. */
async function protectionElsewhere(deps: EnableProtectionDeps, req: EnableProtectionRequest, c: Candidate): Promise<Refusal | undefined> {
  const { vm } = c;
  try {
    const status = await deps.clients.for(req.vaultRef.subscriptionId).backup.backupStatus.get(vm.location, { resourceId: c.vmId, resourceType: 'VM' });
    const state = (status.protectionStatus ?? '').toLowerCase();
    if (state !== 'protected' && state !== 'protecting') return undefined;
    if (!status.vaultId || sameResourceId(status.vaultId, req.vault.id)) {
      return refusal(c.vmId, 'VM_ALREADY_PROTECTED', `${vm.name} is already protected by this vault${status.policyName ? ` with policy ${status.policyName}` : ''}.`);
    }
    return refusal(c.vmId, 'VM_ALREADY_PROTECTED', `${vm.name} is already protected by vault ${lastSegment(status.vaultId)}. A VM can be protected by one vault only; stop its protection there first.`);
  } catch (err) {
    const mapped = toAzureError(err, { action: `check whether ${vm.name} is already protected` });
    return refusal(c.vmId, mapped.code, mapped.message);
  }
}

/**
 * The vault's protectable VMs, by lower-case VM id: listed once; refreshed (Azure's discovery,
 * a long operation) and listed again only when a candidate is missing, as the CLI does.
 */
async function protectableVms(deps: EnableProtectionDeps, vault: VaultRef, candidates: readonly Candidate[]): Promise<Map<string, WorkloadProtectableItemResource>> {
  const first = await listProtectable(deps, vault);
  if (candidates.every((c) => first.has(c.vmId.toLowerCase()))) return first;
  const backup = deps.clients.for(vault.subscriptionId).backup;
  const context = { action: `discover the VMs of vault ${vault.name}` };
  const seen = captureResponse();
  await callAzure(context, () => backup.protectionContainers.refresh(vault.name, vault.resourceGroup, AZURE_FABRIC, { filter: IAAS_FILTER, onResponse: seen.onResponse }));
  await waitForBackupOperation(seen.get(), deps.timing, {
    what: `discovering the VMs of vault ${vault.name}`,
    context,
    result: (opId, options) => backup.protectionContainerRefreshOperationResults.get(vault.name, vault.resourceGroup, AZURE_FABRIC, opId, options),
  });
  return listProtectable(deps, vault);
}

async function listProtectable(deps: EnableProtectionDeps, vault: VaultRef): Promise<Map<string, WorkloadProtectableItemResource>> {
  const backup = deps.clients.for(vault.subscriptionId).backup;
  const byVm = new Map<string, WorkloadProtectableItemResource>();
  await callAzure({ action: `list the protectable VMs of vault ${vault.name}` }, async () => {
    for await (const item of backup.backupProtectableItems.list(vault.name, vault.resourceGroup, { filter: IAAS_FILTER })) {
      const props = item.properties as { virtualMachineId?: string } | undefined;
      if (props?.virtualMachineId) byVm.set(props.virtualMachineId.toLowerCase(), item);
    }
  });
  return byVm;
}

async function protectVm(deps: EnableProtectionDeps, req: EnableProtectionRequest, c: Candidate): Promise<EnableProtectionOutcome> {
  const { vm } = c;
  const v = req.vaultRef;
  const backup = deps.clients.for(v.subscriptionId).backup;
  const container = iaasContainerName(vm.resourceGroup, vm.name);
  const item = iaasItemName(vm.resourceGroup, vm.name);
  const context = { action: `enable protection of ${vm.name}` };
  try {
    const seen = captureResponse();
    const properties: AzureIaaSComputeVMProtectedItem = {
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      sourceResourceId: vm.id,
      policyId: req.policyId,
    };
    await callAzure(context, () =>
      backup.protectedItems.createOrUpdate(v.name, v.resourceGroup, AZURE_FABRIC, container, item, { properties }, { onResponse: seen.onResponse }),
    );
    await waitForBackupOperation(seen.get(), deps.timing, {
      what: `enabling protection of ${vm.name}`,
      context,
      status: (opId, options) => backup.protectedItemOperationStatuses.get(v.name, v.resourceGroup, AZURE_FABRIC, container, item, opId, options),
      result: (opId, options) => backup.protectedItemOperationResults.get(v.name, v.resourceGroup, AZURE_FABRIC, container, item, opId, options),
    });
  } catch (err) {
    const mapped = toAzureError(err, context);
    return refusal(c.vmId, mapped.code, mapped.message);
  }
  try {
    const resource = await callAzure({ action: `read the protection of ${vm.name}` }, () =>
      backup.protectedItems.get(v.name, v.resourceGroup, AZURE_FABRIC, container, item),
    );
    const mappedItem = fromAzureProtectedItem(resource, req.vault.id);
    if (!mappedItem) throw new DomainError('PROTECTED_ITEM_UNREADABLE', 'Azure answered with something that is not an Azure VM protected item.');
    return { vmId: c.vmId, ok: true, item: mappedItem };
  } catch (err) {
    const mapped = toAzureError(err, { action: `read the protection of ${vm.name}` });
    return refusal(c.vmId, 'PROTECTION_ENABLED_UNCONFIRMED', `Azure accepted protection of ${vm.name}, but reading it back failed: ${mapped.message}`);
  }
}

function refusal(vmId: string, code: string, reason: string): Refusal {
  return { vmId, ok: false, code, reason };
}

function dedupe(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = (id ?? '').toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
