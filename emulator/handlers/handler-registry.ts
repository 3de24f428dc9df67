import { computeHandlers } from './compute.handlers';
import type { HandlerTable } from './handler-context';
import { jobHandlers } from './job.handlers';
import { lockHandlers } from './lock.handlers';
import { policyHandlers } from './policy.handlers';
import { protectionHandlers } from './protection.handlers';
import { recoveryPointHandlers } from './recovery-point.handlers';
import { resourceGroupHandlers } from './resource-group.handlers';
import { subscriptionHandlers } from './subscription.handlers';
import { storageConfigHandlers } from './storage-config.handlers';
import { vaultConfigHandlers } from './vault-config.handlers';
import { vaultHandlers } from './vault.handlers';

/** Every spec operation the emulator implements, by operationId. */
export const HANDLERS: HandlerTable = {
  ...resourceGroupHandlers,
  ...subscriptionHandlers,
  ...computeHandlers,
  ...lockHandlers,
  ...vaultHandlers,
  ...storageConfigHandlers,
  ...vaultConfigHandlers,
  ...policyHandlers,
  ...protectionHandlers,
  ...jobHandlers,
  ...recoveryPointHandlers,
};

/**
 * Operations that read the state of an asynchronous operation. They accept any api-version: the
 * URLs are the emulator's own, and Azure's examples show older versions on them.
 */
export const POLL_OPERATIONS = new Set([
  'GetOperationStatus',
  'GetOperationResult',
  'ProtectionContainerRefreshOperationResults_Get',
  'ProtectedItemOperationStatuses_Get',
  'ProtectedItemOperationResults_Get',
  'BackupOperationStatuses_Get',
  'BackupOperationResults_Get',
  'JobOperationResults_Get',
  'ProtectionPolicyOperationStatuses_Get',
  'ProtectionPolicyOperationResults_Get',
]);
