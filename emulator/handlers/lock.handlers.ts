import { ArmHttpError, isRecord, noContent, ok, type ArmRequest } from '../http/arm-http';
import type { LockRecord } from '../state/locks';
import { lockToWire } from '../wire/lock.wire';
import { pageOf } from '../wire/paging';
import type { HandlerTable } from './handler-context';
import { notFound, param, requireResourceGroup, requireSubscription } from './lookups';

/** The characters ARM refuses in a lock name (the spec's lockName description). */
const BAD_LOCK_NAME = /[<>%&:\\?/\u0000-\u001f]/;

function lockLevel(req: ArmRequest): LockRecord['level'] {
  const body = isRecord(req.body) ? req.body : {};
  const properties = isRecord(body.properties) ? body.properties : {};
  // The spec validator has already refused a level outside the enum; ARM compares case-insensitively.
  const level = String(properties.level ?? '');
  const known = (['NotSpecified', 'CanNotDelete', 'ReadOnly'] as const).find((l) => l.toLowerCase() === level.toLowerCase());
  if (!known) throw new ArmHttpError(400, 'InvalidRequestContent', `The lock level '${level}' is not valid: use CanNotDelete or ReadOnly.`, 'properties.level');
  return known;
}

/** Microsoft.Authorization management locks (2020-05-01) at resource group level, and the subscription list. */
export const lockHandlers: HandlerTable = {
  ManagementLocks_CreateOrUpdateAtResourceGroupLevel: (req, ctx) => {
    const group = requireResourceGroup(req, ctx);
    const name = param(req, 'lockName');
    if (name.length > 260 || BAD_LOCK_NAME.test(name)) {
      throw new ArmHttpError(400, 'LockNameInvalid', `The lock name '${name}' is not valid: at most 260 characters, without <, >, %, &, :, \\, ?, / or control characters.`, 'lockName');
    }
    const body = isRecord(req.body) ? req.body : {};
    const properties = isRecord(body.properties) ? body.properties : {};
    const notes = typeof properties.notes === 'string' ? properties.notes : undefined;
    const { lock, created } = ctx.locks.put({ subscriptionId: group.subscriptionId, resourceGroup: group.name, name, level: lockLevel(req), ...(notes !== undefined ? { notes } : {}) });
    return ok(lockToWire(lock), created ? 201 : 200);
  },

  ManagementLocks_GetAtResourceGroupLevel: (req, ctx) => {
    const group = requireResourceGroup(req, ctx);
    const lock = ctx.locks.get(group.subscriptionId, group.name, param(req, 'lockName'));
    if (!lock) throw notFound('Microsoft.Authorization/locks', param(req, 'lockName'), group.name);
    return ok(lockToWire(lock));
  },

  ManagementLocks_DeleteAtResourceGroupLevel: (req, ctx) => {
    const group = requireResourceGroup(req, ctx);
    return noContent(ctx.locks.delete(group.subscriptionId, group.name, param(req, 'lockName')) ? 200 : 204);
  },

  ManagementLocks_ListAtResourceGroupLevel: (req, ctx) => {
    const group = requireResourceGroup(req, ctx);
    return ok(pageOf(req, ctx.locks.inResourceGroup(group.subscriptionId, group.name), ctx.settings.listPageSize, lockToWire));
  },

  ManagementLocks_ListAtSubscriptionLevel: (req, ctx) =>
    ok(pageOf(req, ctx.locks.inSubscription(requireSubscription(req, ctx)), ctx.settings.listPageSize, lockToWire)),
};
