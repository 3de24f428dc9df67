import { SEED } from '../../../emulator';

/** Paths into the seeded inventory, shared by the emulator tests. */
export const SUB = SEED.subscriptions.production;
export const WEU_VAULT = SEED.vaultIds.westeurope;
export const EUS_VAULT = SEED.vaultIds.eastus;
export const NEU_VAULT = SEED.vaultIds.northeurope;

export function containerOf(vmId: string): string {
  const [, , , rg, , , , name] = vmId.split('/').slice(1);
  return `IaasVMContainer;iaasvmcontainerv2;${rg};${name}`;
}

export function itemNameOf(vmId: string): string {
  return containerOf(vmId).replace(/^IaasVMContainer;/, 'VM;');
}

/** {vault}/backupFabrics/Azure/protectionContainers/{c}/protectedItems/{i}, ';' percent-encoded as the SDK sends it. */
export function itemPath(vaultId: string, vmId: string): string {
  const enc = (s: string) => encodeURIComponent(s);
  return `${vaultId}/backupFabrics/Azure/protectionContainers/${enc(containerOf(vmId))}/protectedItems/${enc(itemNameOf(vmId))}`;
}

export function policyId(vaultId: string, name = 'DefaultPolicy'): string {
  return `${vaultId}/backupPolicies/${name}`;
}
