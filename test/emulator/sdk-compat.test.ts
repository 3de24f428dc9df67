import { ComputeManagementClient } from '@azure/arm-compute';
import { RecoveryServicesClient } from '@azure/arm-recoveryservices';
import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { TokenCredential } from '@azure/core-auth';
import type { FullOperationResponse } from '@azure/core-client';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator';

/**
 * The installed Azure SDKs against the emulator, without the bot in between: the modular
 * clients' pollers (core-lro 3) and pagers, and the classic backup client with its 202s.
 */
const credential: TokenCredential = { getToken: async () => ({ token: 'emulator', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const SUB = SEED.subscriptions.production;
const WEB02 = SEED.unprotectedVmId;
const CONTAINER = 'IaasVMContainer;iaasvmcontainerv2;rg-web-prod;web-02';
const ITEM = 'VM;iaasvmcontainerv2;rg-web-prod;web-02';

describe('the installed Azure SDKs against the emulator', () => {
  let emulator: RunningEmulator;
  let options: { endpoint: string; tlsOptions: { ca: string } };

  beforeAll(async () => {
    emulator = await startEmulator({ clock: 'manual', startTime: new Date('2026-03-02T08:00:00Z') });
    options = { endpoint: emulator.endpoint, tlsOptions: { ca: emulator.ca } };
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('lists VMs through the compute pager and reads the agent state', async () => {
    const compute = new ComputeManagementClient(credential, SUB, options);
    const names: string[] = [];
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) names.push(vm.name ?? '');
    expect(names).toHaveLength(24);
    const vm = await compute.virtualMachines.get('rg-web-prod', 'web-02', { expand: 'instanceView' });
    // The modular client flattens `properties` onto the model.
    expect(vm.instanceView?.vmAgent?.statuses?.[0].displayStatus).toBe('Ready');
  });

  it('manages resource groups with the classic resources client: check, create, read, list', async () => {
    // The classic (AutoRest) client builds its URLs from $host.
    const resources = new ResourceManagementClient(credential, SUB, { ...options, $host: emulator.endpoint });
    expect((await resources.resourceGroups.checkExistence('rg-sdk-new')).body).toBe(false);
    await expect(resources.resourceGroups.get('rg-sdk-new')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound', message: "Resource group 'rg-sdk-new' could not be found." });

    const created = await resources.resourceGroups.createOrUpdate('rg-sdk-new', { location: 'West Europe', tags: { team: 'ops' } });
    expect(created).toMatchObject({ name: 'rg-sdk-new', location: 'westeurope', tags: { team: 'ops' }, properties: { provisioningState: 'Succeeded' } });
    expect(created.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg-sdk-new`);
    expect((await resources.resourceGroups.checkExistence('RG-SDK-NEW')).body).toBe(true);
    expect((await resources.resourceGroups.get('rg-sdk-new')).location).toBe('westeurope');

    const names: string[] = [];
    for await (const group of resources.resourceGroups.list()) names.push(group.name ?? '');
    expect(names).toEqual(expect.arrayContaining(['rg-web-prod', 'rg-backup', 'rg-sdk-new']));
    const sent = emulator.requests().filter((r) => /\/resourcegroups/i.test(r.path) && !/providers/i.test(r.path));
    expect(new Set(sent.map((r) => r.query['api-version']))).toEqual(new Set(['2025-04-01']));
  });

  it('creates a vault with the modular poller, then deletes it the same way', async () => {
    const resources = new ResourceManagementClient(credential, SUB, { ...options, $host: emulator.endpoint });
    const vaults = new RecoveryServicesClient(credential, SUB, options);
    // ARM refuses a vault in a group that does not exist, before the vault RP sees the request.
    await expect(
      vaults.vaults.createOrUpdate('rg-sdk', 'rsv-sdk-weu', { location: 'westeurope', sku: { name: 'Standard' }, properties: {} }, { updateIntervalInMs: 0 }),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
    await resources.resourceGroups.createOrUpdate('rg-sdk', { location: 'westeurope' });
    await resources.resourceGroups.createOrUpdate('rg-other', { location: 'westeurope' });
    const vault = await vaults.vaults.createOrUpdate('rg-sdk', 'rsv-sdk-weu', { location: 'westeurope', sku: { name: 'Standard' }, properties: {} }, { updateIntervalInMs: 0 });
    expect(vault.properties?.provisioningState).toBe('Succeeded');
    const check = await vaults.recoveryServices.checkNameAvailability('rg-other', 'westeurope', { name: 'rsv-sdk-weu', type: 'Microsoft.RecoveryServices/Vaults' });
    expect(check.nameAvailable).toBe(false);
    const patched = await vaults.vaults.update('rg-sdk', 'rsv-sdk-weu', { tags: { team: 'ops' } }, { updateIntervalInMs: 0 });
    expect(patched.tags).toEqual({ team: 'ops' });
    await vaults.vaults.delete('rg-sdk', 'rsv-sdk-weu', { updateIntervalInMs: 0 });
    await expect(vaults.vaults.get('rg-sdk', 'rsv-sdk-weu')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('protects a VM and backs it up with the classic client, polling the 202s by hand', async () => {
    const backup = new RecoveryServicesBackupClient(credential, SUB, options);
    const vault = SEED.vaultNames.westeurope;
    const rg = SEED.vaultResourceGroup;
    let raw: FullOperationResponse | undefined;
    const onResponse = (response: FullOperationResponse) => {
      raw = response;
    };

    await backup.protectionContainers.refresh(vault, rg, 'Azure', { onResponse });
    const refreshId = String(raw?.headers.get('location')).split('/operationResults/')[1].split('?')[0];
    await backup.protectionContainerRefreshOperationResults.get(vault, rg, 'Azure', refreshId, { onResponse });
    expect(raw?.status).toBe(202);
    await backup.protectionContainerRefreshOperationResults.get(vault, rg, 'Azure', refreshId, { onResponse });
    expect(raw?.status).toBe(204);

    const protectable: string[] = [];
    for await (const p of backup.backupProtectableItems.list(vault, rg, { filter: "backupManagementType eq 'AzureIaasVM'" })) protectable.push(p.properties?.friendlyName ?? '');
    expect(protectable).toContain('web-02');

    await backup.protectedItems.createOrUpdate(vault, rg, 'Azure', CONTAINER, ITEM, {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: WEB02, policyId: `${SEED.vaultIds.westeurope}/backupPolicies/DefaultPolicy` },
    }, { onResponse });
    expect(raw?.status).toBe(202);
    const enableOp = String(raw?.headers.get('azure-asyncoperation')).split('/operationsStatus/')[1].split('?')[0];
    await backup.protectedItemOperationStatuses.get(vault, rg, 'Azure', CONTAINER, ITEM, enableOp);
    const enabled = await backup.protectedItemOperationStatuses.get(vault, rg, 'Azure', CONTAINER, ITEM, enableOp);
    expect(enabled.status).toBe('Succeeded');
    const item = await backup.protectedItems.get(vault, rg, 'Azure', CONTAINER, ITEM);
    expect(item.properties).toMatchObject({ protectedItemType: 'Microsoft.Compute/virtualMachines', protectionState: 'IRPending' });

    const expiry = new Date('2026-04-01T00:00:00Z');
    await backup.backups.trigger(vault, rg, 'Azure', CONTAINER, ITEM, { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: expiry } }, { onResponse });
    const backupOp = String(raw?.headers.get('azure-asyncoperation')).split('/operationsStatus/')[1].split('?')[0];
    await backup.protectedItemOperationStatuses.get(vault, rg, 'Azure', CONTAINER, ITEM, backupOp);
    const started = await backup.protectedItemOperationStatuses.get(vault, rg, 'Azure', CONTAINER, ITEM, backupOp);
    const jobId = (started.properties as { jobId?: string }).jobId ?? '';
    expect((await backup.jobDetails.get(vault, rg, jobId)).properties).toMatchObject({ jobType: 'AzureIaaSVMJob', status: 'InProgress' });

    await emulator.advance(90_000);
    expect((await backup.jobDetails.get(vault, rg, jobId)).properties?.status).toBe('Completed');
    const points = [];
    for await (const rp of backup.recoveryPoints.list(vault, rg, 'Azure', CONTAINER, ITEM)) points.push(rp);
    expect(points).toHaveLength(1);
    expect(points[0].properties).toMatchObject({ objectType: 'IaasVMRecoveryPoint', recoveryPointProperties: { expiryTime: expiry.toISOString() } });

    const jobs = [];
    for await (const job of backup.backupJobs.list(vault, rg, { filter: "operation eq 'Backup' and status eq 'Completed'" })) jobs.push(job);
    expect(jobs.length).toBeGreaterThanOrEqual(6);
    await expect(backup.backupResourceStorageConfigsNonCRR.update(vault, rg, { properties: { storageType: 'LocallyRedundant' } })).rejects.toMatchObject({
      statusCode: 400,
      code: 'StorageModelModifyError',
    });
  });

  it('surfaces throttling through the SDK retry policy (429 + Retry-After, then success)', async () => {
    const compute = new ComputeManagementClient(credential, SUB, options);
    emulator.clearRequests();
    emulator.injectFault({ kind: 'throttle', pathPattern: 'virtualMachines/web-01', count: 1, retryAfterSeconds: 0 });
    const vm = await compute.virtualMachines.get('rg-web-prod', 'web-01');
    expect(vm.name).toBe('web-01');
    expect(emulator.requests().map((r) => r.status)).toEqual([429, 200]);
  });
});
