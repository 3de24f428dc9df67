import type { VirtualMachine as AzureVm } from '@azure/arm-compute';
import type { VirtualMachine } from '../../domain/backup.types';
import type { VmPageListener } from '../backup.port';
import { callAzure } from './azure-error.mapper';
import { mapWithConcurrency } from './concurrency';
import type { SdkClientFactory } from './sdk-clients';
import { fromAzureVm } from './virtual-machine.mapper';

/**
 * Every VM of the subscriptions: two paged listings per subscription, read side by side: the
 * models, and the statusOnly listing whose instance views carry the power state and the VM
 * agent's status (Compute "Virtual Machines - List All", statusOnly=true). No call per VM, so
 * 100,000 VMs cost 2 x (VMs / page size) requests. A VM is handed to `onPage` as soon as both of
 * its halves have arrived, so a first load can be searched while it runs.
 */
export async function listAllVirtualMachines(
  clients: SdkClientFactory,
  subscriptionIds: readonly string[],
  concurrency: number,
  onPage?: VmPageListener,
): Promise<VirtualMachine[]> {
  const perSubscription = await mapWithConcurrency(subscriptionIds, concurrency, (subscriptionId) =>
    listSubscriptionVirtualMachines(clients, subscriptionId, onPage),
  );
  return perSubscription.flat();
}

export async function listSubscriptionVirtualMachines(clients: SdkClientFactory, subscriptionId: string, onPage?: VmPageListener): Promise<VirtualMachine[]> {
  const compute = clients.for(subscriptionId).compute;
  // Each half waits here for the other, keyed by lower-case id; only the status half is kept of
  // a statusOnly VM (its instance view), and both halves are dropped once joined.
  const models = new Map<string, AzureVm>();
  const statuses = new Map<string, Pick<AzureVm, 'instanceView'>>();
  const vms: VirtualMachine[] = [];
  const emit = (joined: VirtualMachine[]): void => {
    if (joined.length === 0) return;
    // Whoever takes the pages keeps them: holding them here too doubled a large load's peak memory.
    if (onPage) onPage(joined);
    else vms.push(...joined);
  };
  const join = (model: AzureVm, status: Pick<AzureVm, 'instanceView'> | undefined, out: VirtualMachine[]): void => {
    const vm = fromAzureVm(model, status);
    if (vm) out.push(vm);
  };
  await Promise.all([
    callAzure({ action: `list the VMs of subscription ${subscriptionId}` }, async () => {
      for await (const page of compute.virtualMachines.listAll().byPage()) {
        const joined: VirtualMachine[] = [];
        for (const model of page) {
          const key = model.id?.toLowerCase();
          if (!key) continue;
          const status = statuses.get(key);
          if (status) {
            statuses.delete(key);
            join(model, status, joined);
          } else models.set(key, model);
        }
        emit(joined);
      }
    }),
    callAzure({ action: `read the power and VM agent states of the VMs of subscription ${subscriptionId}` }, async () => {
      for await (const page of compute.virtualMachines.listAll({ statusOnly: 'true' }).byPage()) {
        const joined: VirtualMachine[] = [];
        for (const status of page) {
          const key = status.id?.toLowerCase();
          if (!key) continue;
          const model = models.get(key);
          if (model) {
            models.delete(key);
            join(model, status, joined);
          } else statuses.set(key, { instanceView: status.instanceView });
        }
        emit(joined);
      }
    }),
  ]);
  // VMs the statusOnly listing did not name (created between the two listings): no instance view.
  const rest: VirtualMachine[] = [];
  for (const model of models.values()) join(model, undefined, rest);
  emit(rest);
  return vms;
}
