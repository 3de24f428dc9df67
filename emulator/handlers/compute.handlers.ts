import { ok, queryParam, type ArmRequest } from '../http/arm-http';
import type { VmRecord } from '../state/model';
import { vmToWire, type VmViewOptions } from '../wire/compute.wire';
import { pageOf } from '../wire/paging';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { param, requireSubscription, requireVm } from './lookups';

function viewOptions(req: ArmRequest, ctx: EmulatorContext, vm?: VmRecord): VmViewOptions {
  return {
    statusOnly: queryParam(req, 'statusOnly')?.toLowerCase() === 'true',
    instanceView: queryParam(req, '$expand')?.toLowerCase() === 'instanceview',
    agentNotReady: vm ? ctx.faults.isAgentMissing(vm.id) : false,
  };
}

function listPage(req: ArmRequest, ctx: EmulatorContext, vms: readonly VmRecord[]) {
  const base = viewOptions(req, ctx);
  return ok(pageOf(req, vms, ctx.settings.vmPageSize, (vm) => vmToWire(vm, { ...base, agentNotReady: ctx.faults.isAgentMissing(vm.id) })));
}

/** Microsoft.Compute virtualMachines, read-only: the inventory the bot lists and validates. */
export const computeHandlers: HandlerTable = {
  VirtualMachines_ListAll: (req, ctx) => listPage(req, ctx, ctx.vms.inSubscription(requireSubscription(req, ctx))),

  VirtualMachines_List: (req, ctx) =>
    listPage(req, ctx, ctx.vms.inResourceGroup(requireSubscription(req, ctx), param(req, 'resourceGroupName'))),

  VirtualMachines_ListByLocation: (req, ctx) =>
    listPage(req, ctx, ctx.vms.inLocation(requireSubscription(req, ctx), param(req, 'location'))),

  VirtualMachines_Get: (req, ctx) => {
    const vm = requireVm(req, ctx);
    return ok(vmToWire(vm, viewOptions(req, ctx, vm)));
  },

  VirtualMachines_InstanceView: (req, ctx) => {
    const vm = requireVm(req, ctx);
    const full = vmToWire(vm, { instanceView: true, agentNotReady: ctx.faults.isAgentMissing(vm.id) });
    const properties = full.properties as Record<string, unknown>;
    return ok(properties.instanceView);
  },
};
