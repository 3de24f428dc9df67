import type { RunningEmulator } from '../../emulator';
import { BACKUP_API, VAULT_API, createResourceGroup, pathOf, startTestEmulator, type ArmClient } from './support/arm-client';
import { EUS_VAULT, SUB, WEU_VAULT } from './support/seed-paths';

const vaultPath = (rg: string, name: string) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}`;

describe('vaults: long-running create, update, delete (2026-07-01)', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator({ retryAfterSeconds: 7 }));
    // Vaults go into groups the seed does not have; ARM needs them to exist.
    for (const rg of ['rg-new', 'rg-other']) await createResourceGroup(arm, SUB, rg, 'westeurope');
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('creates a vault: 201 with async headers, InProgress then Succeeded, then the vault with its DefaultPolicy', async () => {
    const path = vaultPath('rg-new', 'vault-weu-02');
    const created = await arm.put(`${path}?${VAULT_API}`, { location: 'West Europe', sku: { name: 'Standard' }, properties: {} });
    expect(created.status).toBe(201);
    expect(created.body.properties.provisioningState).toBe('Provisioning');
    expect(created.body.location).toBe('westeurope');
    expect(created.headers['retry-after']).toBe('7');
    expect(created.headers['azure-asyncoperation']).toMatch(new RegExp(`^${emulator.endpoint}/subscriptions/.+/vaults/vault-weu-02/operationStatus/[0-9a-f-]+\\?api-version=2026-07-01$`));
    expect(created.headers.location).toContain('/vaults/vault-weu-02/operationResults/');

    const first = await arm.get(pathOf(created.headers['azure-asyncoperation']));
    expect(first.body.status).toBe('InProgress');
    expect(first.headers.location).toBeDefined();
    const second = await arm.get(pathOf(created.headers['azure-asyncoperation']));
    expect(second.body).toEqual(expect.objectContaining({ status: 'Succeeded', endTime: expect.any(String) }));

    const result = await arm.get(pathOf(created.headers.location));
    expect(result.status).toBe(200);
    expect(result.body.properties.provisioningState).toBe('Succeeded');
    const policies = await arm.get(`${path}/backupPolicies?${BACKUP_API}&$filter=${encodeURIComponent("backupManagementType eq 'AzureIaasVM'")}`);
    expect(policies.body.value.map((p: any) => p.name)).toEqual(['DefaultPolicy']);
    const policy = policies.body.value[0].properties;
    expect(policy.schedulePolicy.scheduleRunFrequency).toBe('Daily');
    expect(policy.retentionPolicy.dailySchedule.retentionDuration).toEqual({ count: 30, durationType: 'Days' });
  });

  it('enforces the vault name rules and uniqueness in the subscription', async () => {
    for (const bad of ['v', '1vault', 'vault_01', `v${'a'.repeat(50)}`]) {
      const reply = await arm.put(`${vaultPath('rg-new', bad)}?${VAULT_API}`, { location: 'westeurope' });
      expect({ bad, status: reply.status, code: reply.body.error.code }).toEqual({ bad, status: 400, code: 'InvalidResourceName' });
    }
    const clash = await arm.put(`${vaultPath('rg-other', 'rsv-prod-weu')}?${VAULT_API}`, { location: 'westeurope' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/already exists/);

    const check = (name: string) => arm.post(`/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.RecoveryServices/locations/westeurope/checkNameAvailability?${VAULT_API}`, { name, type: 'Microsoft.RecoveryServices/Vaults' });
    expect((await check('brand-new')).body).toEqual({ nameAvailable: true });
    expect((await check('RSV-PROD-WEU')).body).toEqual({ nameAvailable: false, reason: 'AlreadyExists', message: 'Resource already exists with the same name.' });
    expect((await check('9lives')).body.nameAvailable).toBe(false);
  });

  it('updates a vault with PATCH as an LRO whose Location ends with the vault', async () => {
    const patched = await arm.patch(`${WEU_VAULT}?${VAULT_API}`, { tags: { owner: 'ops' } });
    expect(patched.status).toBe(202);
    expect((await arm.get(pathOf(patched.headers.location))).status).toBe(202);
    const done = await arm.get(pathOf(patched.headers.location));
    expect(done.status).toBe(200);
    expect(done.body.tags).toEqual({ owner: 'ops' });
  });

  it('refuses to delete a vault that protects items, deletes an empty one as an LRO', async () => {
    const refused = await arm.delete(`${WEU_VAULT}?${VAULT_API}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('ServiceResourceNotEmpty');

    const accepted = await arm.delete(`${EUS_VAULT}?${VAULT_API}`);
    expect(accepted.status).toBe(202);
    expect(accepted.headers['azure-asyncoperation']).toContain('/operationStatus/');
    expect((await arm.get(pathOf(accepted.headers['azure-asyncoperation']))).body.status).toBe('InProgress');
    expect((await arm.get(pathOf(accepted.headers['azure-asyncoperation']))).body.status).toBe('Succeeded');
    const gone = await arm.get(`${EUS_VAULT}?${VAULT_API}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ResourceNotFound');
  });

  it('lists vaults by subscription and by resource group', async () => {
    const all = await arm.get(`/subscriptions/${SUB}/providers/Microsoft.RecoveryServices/vaults?${VAULT_API}`);
    expect(all.body.value.map((v: any) => v.location).sort()).toEqual(['eastus', 'northeurope', 'westeurope']);
    const none = await arm.get(`/subscriptions/${SUB}/resourceGroups/rg-web-prod/providers/Microsoft.RecoveryServices/vaults?${VAULT_API}`);
    expect(none.body.value).toEqual([]);
  });

  it('a vault created through the SDK-style body-polling path also finishes (GET moves it along)', async () => {
    const path = vaultPath('rg-new', 'vault-polled-by-get');
    await arm.put(`${path}?${VAULT_API}`, { location: 'eastus' });
    expect((await arm.get(`${path}?${VAULT_API}`)).body.properties.provisioningState).toBe('Provisioning');
    expect((await arm.get(`${path}?${VAULT_API}`)).body.properties.provisioningState).toBe('Succeeded');
  });
});
