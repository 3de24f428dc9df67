import { ARM_ERRORS } from '../backup/azure-error-catalog';
import { ArmHttpError, ok, queryParam } from '../http/arm-http';
import { recoveryPointToWire } from '../wire/backup.wire';
import { clauseValue, parseFilter, parseJobFilterTime } from '../wire/odata-filter';
import { pageOf } from '../wire/paging';
import type { HandlerTable } from './handler-context';
import { notFound, param, requireItem, requireVault } from './lookups';

/** Recovery points of a protected VM, newest first; expired points are gone. */
export const recoveryPointHandlers: HandlerTable = {
  RecoveryPoints_List: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const item = requireItem(req, ctx, vault);
    // RecoveryPoints_List filters on startDate / endDate, written like the job filters.
    const clauses = parseFilter(queryParam(req, '$filter'));
    const startText = clauses ? clauseValue(clauses, 'startDate') : undefined;
    const endText = clauses ? clauseValue(clauses, 'endDate') : undefined;
    const from = startText !== undefined ? parseJobFilterTime(startText) : undefined;
    const to = endText !== undefined ? parseJobFilterTime(endText) : undefined;
    if (!clauses || (startText !== undefined && from === undefined) || (endText !== undefined && to === undefined)) {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The $filter '${queryParam(req, '$filter')}' is not valid.`, '$filter');
    }
    const points = ctx.engine.liveRecoveryPoints(item).filter((rp) => (from === undefined || rp.time >= from) && (to === undefined || rp.time <= to));
    return ok(pageOf(req, points, ctx.settings.listPageSize, (rp) => recoveryPointToWire(vault, item, rp)));
  },

  RecoveryPoints_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const item = requireItem(req, ctx, vault);
    const name = param(req, 'recoveryPointId');
    const rp = ctx.engine.liveRecoveryPoints(item).find((p) => p.name === name);
    if (!rp) throw notFound('Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints', name);
    return ok(recoveryPointToWire(vault, item, rp));
  },
};
