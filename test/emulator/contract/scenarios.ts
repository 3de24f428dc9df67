import { SEED } from '../../../emulator';
import { BACKUP_API, VAULT_API, createResourceGroup, operationIdOf, type ArmClient } from '../support/arm-client';
import { enableProtection, refreshContainers, triggerBackup } from '../support/flows';
import { EUS_VAULT, SUB, WEU_VAULT, containerOf, itemNameOf, itemPath, policyId } from '../support/seed-paths';
import type { ExampleCase } from './example-cases';

/** How to send an example's request against the seeded emulator. */
export interface ReplayPlan {
  /** Path parameters that replace the example's (which name resources that do not exist here). */
  params: Record<string, string>;
  query?: Record<string, string>;
  /** Replaces the example's body. */
  body?: unknown;
}

type Scenario = (arm: ArmClient, c: ExampleCase) => Promise<ReplayPlan>;

const WEB01 = SEED.protectedVmId;
const WEB02 = SEED.unprotectedVmId;

/** Defaults that map the examples' resources onto the seed: the westeurope vault and its protected web-01. */
export function defaultParams(c: ExampleCase): Record<string, string> {
  if (c.operation.family === 'compute') {
    // sql-01 is a Windows VM, like the example's, so osProfile.windowsConfiguration exists.
    return { subscriptionId: SUB, resourceGroupName: 'rg-data-prod', vmName: 'sql-01', location: 'westeurope' };
  }
  return {
    subscriptionId: SUB,
    resourceGroupName: SEED.vaultResourceGroup,
    vaultName: SEED.vaultNames.westeurope,
    fabricName: 'Azure',
    containerName: containerOf(WEB01),
    protectedItemName: itemNameOf(WEB01),
    azureRegion: 'westeurope',
    location: 'westeurope',
  };
}

function vaultParams(vaultId: string): Record<string, string> {
  const parts = vaultId.split('/');
  return { resourceGroupName: parts[4], vaultName: parts[8] };
}

function exampleBody(c: ExampleCase): Record<string, any> {
  const body = c.bodyParameter ? c.example.parameters[c.bodyParameter] : undefined;
  return JSON.parse(JSON.stringify(body ?? {}));
}

/** 'yyyy-MM-dd hh:mm:ss AM' as the job filters take it. */
function jobFilterTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = d.getUTCHours();
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(hours % 12 || 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

async function backupOperationUrl(arm: ArmClient): Promise<string> {
  const reply = await arm.post(`${itemPath(WEU_VAULT, WEB01)}/backup?${BACKUP_API}`, { properties: { objectType: 'IaasVMBackupRequest' } });
  return reply.headers['azure-asyncoperation'];
}

/** Per-operation set-up: creates what the example's request needs, and maps its names onto it. */
export const SCENARIOS: Record<string, Scenario> = {
  BackupProtectableItems_List: async (arm) => {
    await refreshContainers(arm, WEU_VAULT);
    return { params: {} };
  },

  ProtectedItems_CreateOrUpdate: async (_arm, c): Promise<ReplayPlan> => {
    const body = exampleBody(c);
    if (body.properties?.protectionState === 'ProtectionStopped') {
      body.properties.sourceResourceId = WEB01;
      return { params: {}, body };
    }
    body.properties.sourceResourceId = WEB02;
    body.properties.policyId = policyId(WEU_VAULT);
    return { params: { containerName: containerOf(WEB02), protectedItemName: itemNameOf(WEB02) }, body };
  },

  BackupStatus_Get: async (_arm, c) => ({ params: {}, body: { ...exampleBody(c), resourceId: WEB01 } }),

  ProtectedItemOperationStatuses_Get: async (arm) => ({ params: { operationId: operationIdOf(await backupOperationUrl(arm)) } }),

  ProtectedItemOperationResults_Get: async (arm) => {
    const accepted = await enableProtection(arm, WEU_VAULT, WEB02);
    const opId = operationIdOf(accepted.headers['azure-asyncoperation']);
    // One poll so the replayed call sees the finished operation (200 with the item).
    await arm.get(`${itemPath(WEU_VAULT, WEB02)}/operationsStatus/${opId}?${BACKUP_API}`);
    return { params: { containerName: containerOf(WEB02), protectedItemName: itemNameOf(WEB02), operationId: opId } };
  },

  ProtectionPolicies_Get: async () => ({ params: { policyName: 'DefaultPolicy' } }),

  ProtectionPolicies_Delete: async (arm) => {
    const created = await arm.put(`${WEU_VAULT}/backupPolicies/testPolicy1?${BACKUP_API}`, {
      properties: {
        backupManagementType: 'AzureIaasVM',
        schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Daily', scheduleRunTimes: ['2026-01-01T02:00:00Z'] },
        retentionPolicy: { retentionPolicyType: 'LongTermRetentionPolicy', dailySchedule: { retentionTimes: ['2026-01-01T02:00:00Z'], retentionDuration: { count: 7, durationType: 'Days' } } },
      },
    });
    if (created.status !== 200) throw new Error(`policy set-up failed: ${created.status}`);
    return { params: { policyName: 'testPolicy1' } };
  },

  ProtectionPolicyOperationStatuses_Get: async (arm) => ({ params: { policyName: 'DefaultPolicy', operationId: await policyUpdateOperation(arm) } }),
  ProtectionPolicyOperationResults_Get: async (arm) => ({ params: { policyName: 'DefaultPolicy', operationId: await policyUpdateOperation(arm) } }),

  RecoveryPoints_Get: async (arm) => {
    const list = await arm.get(`${itemPath(WEU_VAULT, WEB01)}/recoveryPoints?${BACKUP_API}`);
    return { params: { recoveryPointId: list.body.value[0].name } };
  },

  BackupResourceStorageConfigsNonCRR_Update: async () => ({ params: vaultParams(EUS_VAULT) }),
  BackupResourceStorageConfigsNonCRR_patch: async () => ({ params: vaultParams(EUS_VAULT) }),

  JobDetails_Get: async (arm) => ({ params: { jobName: (await triggerBackup(arm, WEU_VAULT, WEB01)).jobName } }),
  JobCancellations_Trigger: async (arm) => ({ params: { jobName: (await triggerBackup(arm, WEU_VAULT, WEB01)).jobName } }),

  JobOperationResults_Get: async (arm) => {
    const { jobName } = await triggerBackup(arm, WEU_VAULT, WEB01);
    const cancel = await arm.post(`${WEU_VAULT}/backupJobs/${jobName}/cancel?${BACKUP_API}`);
    return { params: { jobName, operationId: operationIdOf(cancel.headers.location) } };
  },

  BackupJobs_List: async (arm, c) => {
    await triggerBackup(arm, WEU_VAULT, WEB01);
    const filter = c.example.parameters.$filter;
    if (typeof filter !== 'string') return { params: {} };
    // The example's dates (2016-2017) predate every job here; keep the clauses, move the window.
    const now = Date.now();
    const moved = filter
      .replace(/startTime eq '[^']*'/, `startTime eq '${jobFilterTime(Date.parse('2026-01-01T00:00:00Z'))}'`)
      .replace(/endTime eq '[^']*'/, `endTime eq '${jobFilterTime(now + 365 * 86400000)}'`);
    return { params: {}, query: { $filter: moved } };
  },

  BackupOperationStatuses_Get: async (arm) => ({ params: { operationId: await deleteOperation(arm) } }),
  BackupOperationResults_Get: async (arm) => ({ params: { operationId: await deleteOperation(arm) } }),

  ProtectionContainerRefreshOperationResults_Get: async (arm) => {
    const accepted = await arm.post(`${WEU_VAULT}/backupFabrics/Azure/refreshContainers?${BACKUP_API}`);
    return { params: { operationId: operationIdOf(accepted.headers.location) } };
  },

  RecoveryServices_CheckNameAvailability: async (_arm, c) => {
    const body = exampleBody(c);
    const notAvailable = (c.example.responses['200']?.body as { nameAvailable?: boolean } | undefined)?.nameAvailable === false;
    return { params: {}, body: notAvailable ? { ...body, name: SEED.vaultNames.westeurope } : body };
  },

  Vaults_CreateOrUpdate: async (arm, c) => {
    // The example's group does not exist in the seed, and ARM refuses a vault in a missing group.
    const resourceGroupName = String(c.example.parameters.resourceGroupName);
    await createResourceGroup(arm, SUB, resourceGroupName, 'westus');
    return { params: { resourceGroupName, vaultName: String(c.example.parameters.vaultName) } };
  },
  // A group the seed does not have, so the example's 201 (created) is what comes back.
  ResourceGroups_CreateOrUpdate: async (_arm, c) => ({ params: { resourceGroupName: String(c.example.parameters.resourceGroupName) } }),
  Vaults_Delete: async () => ({ params: vaultParams(EUS_VAULT) }),

  GetOperationStatus: async (arm) => {
    const plan = await vaultCreateOperation(arm);
    // One poll first, so the replayed call sees the finished operation (with endTime).
    await arm.get(`/subscriptions/${SUB}/resourceGroups/HelloWorld/providers/Microsoft.RecoveryServices/vaults/swaggerExample/operationStatus/${plan.params.operationId}?${VAULT_API}`);
    return plan;
  },
  GetOperationResult: async (arm) => vaultCreateOperation(arm),
};

async function policyUpdateOperation(arm: ArmClient): Promise<string> {
  const current = await arm.get(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`);
  const properties = { ...current.body.properties, timeZone: 'W. Europe Standard Time' };
  const reply = await arm.put(`${WEU_VAULT}/backupPolicies/DefaultPolicy?${BACKUP_API}`, { properties });
  if (reply.status !== 202) throw new Error(`policy update on a policy in use should be 202, got ${reply.status}`);
  return operationIdOf(reply.headers['azure-asyncoperation']);
}

async function deleteOperation(arm: ArmClient): Promise<string> {
  const reply = await arm.delete(`${itemPath(WEU_VAULT, WEB01)}?${BACKUP_API}`);
  return operationIdOf(reply.headers['azure-asyncoperation']);
}

async function vaultCreateOperation(arm: ArmClient): Promise<ReplayPlan> {
  await createResourceGroup(arm, SUB, 'HelloWorld', 'westus');
  const path = `/subscriptions/${SUB}/resourceGroups/HelloWorld/providers/Microsoft.RecoveryServices/vaults/swaggerExample`;
  const reply = await arm.put(`${path}?${VAULT_API}`, { location: 'westus', sku: { name: 'Standard' }, properties: { publicNetworkAccess: 'Enabled' } });
  return { params: { resourceGroupName: 'HelloWorld', vaultName: 'swaggerExample', operationId: operationIdOf(reply.headers['azure-asyncoperation']) } };
}
