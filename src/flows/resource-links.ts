import type { Vault, VirtualMachine } from '../domain/backup.types';
import type { FlowContext } from './flow-context';
import type { VaultRef, VmRef } from './views';

export const vmRef = (vm: VirtualMachine): VmRef => ({ id: vm.id, name: vm.name, resourceGroup: vm.resourceGroup, location: vm.location, subscriptionId: vm.subscriptionId });
export const vaultRef = (v: Vault): VaultRef => ({ id: v.id, name: v.name, resourceGroup: v.resourceGroup, location: v.location, subscriptionId: v.subscriptionId });

/** The portal's resource URL: {base}/#@/resource{id}/{blade}. */
export function portalUrl(ctx: FlowContext, resourceId: string, blade: string): string {
  return `${ctx.portalBaseUrl.replace(/\/+$/, '')}/#@/resource${resourceId}/${blade}`;
}

export const vmBackupLink = (ctx: FlowContext, vmId: string) => ({ label: 'Open in Azure portal', url: portalUrl(ctx, vmId, 'backup') });
export const vaultLink = (ctx: FlowContext, vaultId: string) => ({ label: 'Open vault in Azure portal', url: portalUrl(ctx, vaultId, 'overview') });
