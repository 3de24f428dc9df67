import { ArmHttpError, isRecord, ok, queryParam, type ArmRequest } from '../http/arm-http';
import type { VmRecord } from '../state/model';
import { vmToWire, type VmViewOptions } from '../wire/compute.wire';
import { pageOf } from '../wire/paging';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { param, requireSubscription, requireVm } from './lookups';
import { bodyOf, stringMap } from './request-body';

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

/**
 * Microsoft.Compute virtualMachines: the inventory the bot lists and validates. Of the VM's model
 * only its tags can change (PATCH), as a person or a pipeline tags a VM to leave it out of backup.
 */
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

  // VirtualMachines_Update (PATCH, VirtualMachineUpdate in virtualMachine.json 2023-09-01): `tags`
  // (UpdateResource.tags) replaces the VM's whole tag set, as on any ARM resource; a body without
  // `tags` keeps them. The other updatable properties (size, disks) are not modelled. Azure answers
  // 200 with the VM (VirtualMachine_Update_DetachDataDiskUsingToBeDetachedProperty.json); the
  // change is done at once here, so the answer already says Succeeded.
  VirtualMachines_Update: (req, ctx) => {
    const vm = requireVm(req, ctx);
    const sent = bodyOf(req).tags;
    // UpdateResource.tags: a string for each name (the validator does not follow the allOf to it).
    if (sent !== undefined && (!isRecord(sent) || Object.values(sent).some((v) => typeof v !== 'string'))) {
      throw new ArmHttpError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: tags must map each tag name to a string.', 'tags');
    }
    const tags = stringMap(sent);
    if (tags) vm.tags = tags;
    return ok(vmToWire(vm, viewOptions(req, ctx, vm)));
  },

  VirtualMachines_InstanceView: (req, ctx) => {
    const vm = requireVm(req, ctx);
    const full = vmToWire(vm, { instanceView: true, agentNotReady: ctx.faults.isAgentMissing(vm.id) });
    const properties = full.properties as Record<string, unknown>;
    return ok(properties.instanceView);
  },
};
