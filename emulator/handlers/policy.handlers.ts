import { ARM_ERRORS } from '../backup/azure-error-catalog';
import { policyProblems } from '../backup/policy-rules';
import { ArmHttpError, isRecord, ok, queryParam } from '../http/arm-http';
import type { PolicyRecord, VaultRecord } from '../state/model';
import { policyToWire } from '../wire/backup.wire';
import { clauseValue, parseFilter } from '../wire/odata-filter';
import { pageOf } from '../wire/paging';
import { operationStatusWire } from '../wire/operation-status.wire';
import { asyncHeaders, selfUrl } from './async-urls';
import type { EmulatorContext, HandlerTable } from './handler-context';
import { notFound, param, requireVault } from './lookups';

function itemsUsing(ctx: EmulatorContext, vault: VaultRecord, policyName: string): number {
  return ctx.store.itemsInVault(vault.id).filter((i) => i.policyName?.toLowerCase() === policyName.toLowerCase()).length;
}

function toWire(ctx: EmulatorContext, vault: VaultRecord, policy: PolicyRecord) {
  return policyToWire(vault, policy, itemsUsing(ctx, vault, policy.name));
}

function requirePolicy(vault: VaultRecord, name: string): PolicyRecord {
  const policy = vault.policies.get(name.toLowerCase());
  if (!policy) throw notFound('Microsoft.RecoveryServices/vaults/backupPolicies', name);
  return policy;
}

/** What Azure stores for a policy: the input, with the defaults it fills in. */
function normalizePolicy(input: Record<string, unknown>): Record<string, unknown> {
  const { protectedItemsCount: _ignored, ...rest } = input;
  const properties: Record<string, unknown> = { ...rest };
  const schedule = isRecord(properties.schedulePolicy) ? { ...properties.schedulePolicy } : undefined;
  if (schedule) {
    if (schedule.scheduleWeeklyFrequency === undefined) schedule.scheduleWeeklyFrequency = 0;
    properties.schedulePolicy = schedule;
  }
  if (properties.policyType === undefined) properties.policyType = 'V1';
  if (properties.instantRpRetentionRangeInDays === undefined) {
    properties.instantRpRetentionRangeInDays = schedule?.scheduleRunFrequency === 'Weekly' ? 5 : 2;
  }
  return properties;
}

/** Backup policies of a vault (AzureIaasVM, V1 SimpleSchedulePolicy + LongTermRetentionPolicy). */
export const policyHandlers: HandlerTable = {
  BackupPolicies_List: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const clauses = parseFilter(queryParam(req, '$filter'));
    if (!clauses) throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The $filter '${queryParam(req, '$filter')}' is not valid.`);
    const type = clauseValue(clauses, 'backupManagementType');
    const policies = type === undefined || type.toLowerCase() === 'azureiaasvm' ? [...vault.policies.values()] : [];
    return ok(pageOf(req, policies, ctx.settings.listPageSize, (p) => toWire(ctx, vault, p)));
  },

  ProtectionPolicies_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    return ok(toWire(ctx, vault, requirePolicy(vault, param(req, 'policyName'))));
  },

  ProtectionPolicies_CreateOrUpdate: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const name = param(req, 'policyName');
    const input = isRecord(req.body) && isRecord(req.body.properties) ? req.body.properties : {};
    if (input.backupManagementType !== 'AzureIaasVM') {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, 'The emulator manages AzureIaasVM policies only.', 'properties.backupManagementType');
    }
    const problems = policyProblems(input);
    if (problems.length > 0) {
      throw new ArmHttpError(ARM_ERRORS.invalidPolicy.status, ARM_ERRORS.invalidPolicy.code, `${ARM_ERRORS.invalidPolicy.message}. ${problems.join(' ')}`);
    }
    const existing = vault.policies.get(name.toLowerCase());
    const policy: PolicyRecord = { name: existing?.name ?? name, vaultId: vault.id, properties: normalizePolicy(input) };
    vault.policies.set(name.toLowerCase(), policy);
    if (!existing || itemsUsing(ctx, vault, policy.name) === 0) return ok(toWire(ctx, vault, policy));
    // Changing a policy in use re-configures its items asynchronously: Azure answers 202 then.
    const jobIds = ctx.engine.reconfigureForPolicy(vault, policy.name);
    const op = ctx.ops.create({ kind: 'policy-update', scope: `${vault.id}/backupPolicies/${policy.name}`, jobIds, completeAfterMs: ctx.settings.shortOperationMs });
    const base = `${vault.id}/backupPolicies/${policy.name}`;
    return {
      status: 202,
      headers: asyncHeaders(ctx, { asyncOperation: selfUrl(req, `${base}/operations/${op.id}`), location: selfUrl(req, `${base}/operationResults/${op.id}`) }),
    };
  },

  ProtectionPolicies_Delete: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const policy = vault.policies.get(param(req, 'policyName').toLowerCase());
    // ARM deletes are idempotent: deleting what is not there answers 204 (ProtectionPolicies_Delete.json lists it).
    if (!policy) return { status: 204 };
    const count = itemsUsing(ctx, vault, policy.name);
    if (count > 0) {
      throw new ArmHttpError(400, ARM_ERRORS.invalidInput.code, `The policy '${policy.name}' protects ${count} item(s); move them to another policy or stop their protection before deleting it.`);
    }
    vault.policies.delete(policy.name.toLowerCase());
    // Real traffic (recording_protectionpolicies_delete_test.json) answers 200 at once, empty body.
    return { status: 200 };
  },

  ProtectionPolicyOperationStatuses_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const op = ctx.ops.find(param(req, 'operationId'), `${vault.id}/backupPolicies/${param(req, 'policyName')}`);
    if (!op) throw notFound('Microsoft.RecoveryServices/vaults/backupPolicies/operations', param(req, 'operationId'));
    ctx.ops.poll(op);
    return ok({ ...operationStatusWire(op), properties: { objectType: 'OperationStatusJobsExtendedInfo', jobIds: [...op.jobIds], failedJobsError: {} } });
  },

  ProtectionPolicyOperationResults_Get: (req, ctx) => {
    const vault = requireVault(req, ctx);
    const policy = requirePolicy(vault, param(req, 'policyName'));
    const op = ctx.ops.find(param(req, 'operationId'), `${vault.id}/backupPolicies/${policy.name}`);
    if (!op) throw notFound('Microsoft.RecoveryServices/vaults/backupPolicies/operationResults', param(req, 'operationId'));
    ctx.ops.poll(op);
    return ok(toWire(ctx, vault, policy));
  },
};
