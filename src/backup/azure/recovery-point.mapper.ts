import type { IaasVMRecoveryPoint, RecoveryPointResource } from '@azure/arm-recoveryservicesbackup';
import type { RecoveryPoint } from '../../domain/backup.types';

/** A recovery point resource -> RecoveryPoint, or undefined when it is not an Azure VM point with a time. */
export function fromAzureRecoveryPoint(resource: RecoveryPointResource): RecoveryPoint | undefined {
  const p = resource.properties;
  if (!p || p.objectType !== 'IaasVMRecoveryPoint' || !resource.id || !resource.name) return undefined;
  const rp = p as IaasVMRecoveryPoint;
  const time = toDate(rp.recoveryPointTime);
  if (!time) return undefined;
  const expiryTime = toDate(rp.recoveryPointProperties?.expiryTime);
  return {
    id: resource.id,
    name: resource.name,
    time,
    type: rp.recoveryPointType ?? 'Unknown',
    ...(expiryTime ? { expiryTime } : {}),
  };
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
