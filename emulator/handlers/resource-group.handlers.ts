import { ARM_ERRORS, fillMessage } from '../backup/azure-error-catalog';
import { ArmHttpError, noContent, ok, queryParam } from '../http/arm-http';
import { resourceGroupId } from '../state/resource-groups';
import { normalizeLocation } from '../state/vm-inventory';
import { pageOf } from '../wire/paging';
import { resourceGroupToWire } from '../wire/resource-group.wire';
import type { HandlerTable } from './handler-context';
import { bodyOf, stringMap } from './request-body';
import { param, requireResourceGroup, requireSubscription } from './lookups';

/** The spec's pattern (\w is Unicode in ARM), 1 to 90 characters, and no period at the end. */
const GROUP_NAME = /^[-\p{L}\p{N}_.()]{1,90}$/u;

function checkGroupName(name: string): void {
  if (GROUP_NAME.test(name) && !name.endsWith('.')) return;
  const spec = ARM_ERRORS.resourceGroupNameInvalid;
  throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { name }), 'resourceGroupName');
}

/** Microsoft.Resources resource groups (2025-04-01): create, read, check, tag, list. Delete is not served. */
export const resourceGroupHandlers: HandlerTable = {
  ResourceGroups_List: (req, ctx) => {
    const groups = ctx.groups.inSubscription(requireSubscription(req, ctx));
    if (queryParam(req, '$filter')) {
      // The bot never filters groups; answering unfiltered would mislead a caller that does.
      throw new ArmHttpError(400, 'InvalidFilter', 'The emulator does not support $filter on resource groups.');
    }
    const top = Number.parseInt(queryParam(req, '$top') ?? '', 10);
    const listed = Number.isFinite(top) && top > 0 ? groups.slice(0, top) : groups;
    return ok(pageOf(req, listed, ctx.settings.listPageSize, resourceGroupToWire));
  },

  // HEAD: 204 when the group exists, 404 without a body when it does not.
  ResourceGroups_CheckExistence: (req, ctx) => {
    const subscriptionId = requireSubscription(req, ctx);
    return noContent(ctx.groups.find(subscriptionId, param(req, 'resourceGroupName')) ? 204 : 404);
  },

  ResourceGroups_Get: (req, ctx) => ok(resourceGroupToWire(requireResourceGroup(req, ctx))),

  ResourceGroups_CreateOrUpdate: (req, ctx) => {
    const subscriptionId = requireSubscription(req, ctx);
    const name = param(req, 'resourceGroupName');
    checkGroupName(name);
    const body = bodyOf(req);
    const location = normalizeLocation(String(body.location ?? ''));
    const tags = stringMap(body.tags) ?? {};
    const managedBy = typeof body.managedBy === 'string' ? body.managedBy : undefined;
    const existing = ctx.groups.find(subscriptionId, name);
    if (existing) {
      if (existing.location !== location) {
        const spec = ARM_ERRORS.resourceGroupLocationConflict;
        throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { location, existing: existing.location }));
      }
      // PUT replaces what it carries: tags not sent are removed.
      existing.tags = tags;
      existing.managedBy = managedBy;
      return ok(resourceGroupToWire(existing), 200);
    }
    const group = { id: resourceGroupId(subscriptionId, name), subscriptionId, name, location, tags, managedBy, createdAt: ctx.clock.now() };
    ctx.groups.add(group);
    return ok(resourceGroupToWire(group), 201);
  },

  ResourceGroups_Update: (req, ctx) => {
    const group = requireResourceGroup(req, ctx);
    const body = bodyOf(req);
    const tags = stringMap(body.tags);
    if (tags) group.tags = tags;
    if (typeof body.managedBy === 'string') group.managedBy = body.managedBy;
    return ok(resourceGroupToWire(group));
  },
};
