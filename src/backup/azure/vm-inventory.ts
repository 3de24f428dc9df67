import type { VirtualMachine as AzureVm } from '@azure/arm-compute';
import type { VirtualMachine } from '../backup.types';
import { callAzure } from './azure-error.mapper';
import { mapWithConcurrency } from './concurrency';
import type { SdkClientFactory } from './sdk-clients';
import { fromAzureVm } from './virtual-machine.mapper';

/**
 * Every VM of the subscriptions: two paged listings per subscription (the models, and a
 * statusOnly listing for power states), joined by id. No call per VM, so 100,000 VMs cost
 * 2 x (VMs / page size) requests. The agent comes from the model (provisionVMAgent) or, where a
 * statusOnly answer carries it, from the instance view.
 */
export async function listAllVirtualMachines(
  clients: SdkClientFactory,
  subscriptionIds: readonly string[],
  concurrency: number,
): Promise<VirtualMachine[]> {
  const perSubscription = await mapWithConcurrency(subscriptionIds, concurrency, (subscriptionId) =>
    listSubscriptionVirtualMachines(clients, subscriptionId),
  );
  return perSubscription.flat();
}

export async function listSubscriptionVirtualMachines(clients: SdkClientFactory, subscriptionId: string): Promise<VirtualMachine[]> {
  const compute = clients.for(subscriptionId).compute;
  const [models, statuses] = await Promise.all([
    callAzure({ action: `list the VMs of subscription ${subscriptionId}` }, () => collect(compute.virtualMachines.listAll())),
    callAzure({ action: `read the power states of the VMs of subscription ${subscriptionId}` }, () =>
      collect(compute.virtualMachines.listAll({ statusOnly: 'true' })),
    ),
  ]);
  const statusById = new Map<string, AzureVm>();
  for (const s of statuses) if (s.id) statusById.set(s.id.toLowerCase(), s);
  const vms: VirtualMachine[] = [];
  for (const model of models) {
    const vm = fromAzureVm(model, model.id ? statusById.get(model.id.toLowerCase()) : undefined);
    if (vm) vms.push(vm);
  }
  return vms;
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}
