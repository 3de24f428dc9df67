import { ARM_ERRORS, fillMessage } from '../backup/azure-error-catalog';
import { ArmHttpError, type ArmRequest } from '../http/arm-http';
import type { ProtectedItemRecord, ResourceGroupRecord, VaultRecord, VmRecord } from '../state/model';
import { parseIaasVmName, vaultResourceId } from '../state/resource-ids';
import type { EmulatorContext } from './handler-context';

/** ARM's answer for a resource that does not exist. */
export function notFound(type: string, name: string, resourceGroup?: string): ArmHttpError {
  const where = resourceGroup ? ` under resource group '${resourceGroup}'` : '';
  return new ArmHttpError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function param(req: ArmRequest, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new Error(`route has no {${name}}`);
  return value;
}

/** The subscription of the request, which must be one the emulator knows. */
export function requireSubscription(req: ArmRequest, ctx: EmulatorContext): string {
  const wanted = param(req, 'subscriptionId').toLowerCase();
  const found = ctx.subscriptionIds.find((s) => s.toLowerCase() === wanted);
  if (!found) throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${param(req, 'subscriptionId')}' could not be found.`);
  return found;
}

/** ARM's gateway answer for a request under a resource group that does not exist. */
export function resourceGroupNotFound(name: string): ArmHttpError {
  const spec = ARM_ERRORS.resourceGroupNotFound;
  return new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { name }), undefined, { 'x-ms-failure-cause': 'gateway' });
}

export function requireResourceGroup(req: ArmRequest, ctx: EmulatorContext): ResourceGroupRecord {
  const subscriptionId = requireSubscription(req, ctx);
  const name = param(req, 'resourceGroupName');
  const group = ctx.groups.find(subscriptionId, name);
  if (!group) throw resourceGroupNotFound(name);
  return group;
}

export function requireVault(req: ArmRequest, ctx: EmulatorContext): VaultRecord {
  const subscriptionId = requireSubscription(req, ctx);
  const resourceGroup = param(req, 'resourceGroupName');
  const name = param(req, 'vaultName');
  const vault = ctx.store.vault(vaultResourceId(subscriptionId, resourceGroup, name));
  if (!vault) throw notFound('Microsoft.RecoveryServices/vaults', name, resourceGroup);
  return vault;
}

export function requireVm(req: ArmRequest, ctx: EmulatorContext): VmRecord {
  const subscriptionId = requireSubscription(req, ctx);
  const resourceGroup = param(req, 'resourceGroupName');
  const name = param(req, 'vmName');
  const vm = ctx.vms.find(subscriptionId, resourceGroup, name);
  if (!vm) throw notFound('Microsoft.Compute/virtualMachines', name, resourceGroup);
  return vm;
}

/** Azure VMs live in the fabric named "Azure". */
export function requireAzureFabric(req: ArmRequest): void {
  const fabric = param(req, 'fabricName');
  if (fabric.toLowerCase() !== 'azure') throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics', fabric);
}

/** The VM a container/item name pair designates, after checking both names agree. */
export function parseItemPath(req: ArmRequest): { resourceGroup: string; vmName: string } {
  requireAzureFabric(req);
  const container = parseIaasVmName(param(req, 'containerName'));
  const item = parseIaasVmName(param(req, 'protectedItemName'));
  if (!container || !item || container.resourceGroup.toLowerCase() !== item.resourceGroup.toLowerCase() || container.vmName.toLowerCase() !== item.vmName.toLowerCase()) {
    throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems', param(req, 'protectedItemName'));
  }
  return item;
}

export function requireItem(req: ArmRequest, ctx: EmulatorContext, vault: VaultRecord): ProtectedItemRecord {
  const { resourceGroup, vmName } = parseItemPath(req);
  const item = ctx.store.item(vault.id, `VM;iaasvmcontainerv2;${resourceGroup};${vmName}`);
  if (!item) throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems', param(req, 'protectedItemName'));
  return item;
}
