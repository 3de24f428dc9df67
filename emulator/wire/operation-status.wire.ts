import type { AsyncOperation } from '../state/async-operations';
import { isoTime } from './wire-format';

/**
 * The fields every Backup RP OperationStatus carries; endTime is 0001-01-01 while running
 * (ProtectedItem_Delete_OperationStatus.json). Callers add their `properties` and `error`.
 */
export function operationStatusWire(op: AsyncOperation): Record<string, unknown> {
  return {
    id: op.id,
    name: op.id,
    status: op.done ? op.outcome.status : 'InProgress',
    startTime: isoTime(op.startTime),
    endTime: op.endTime !== undefined ? isoTime(op.endTime) : '0001-01-01T00:00:00Z',
  };
}
