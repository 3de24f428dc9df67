import { SEED, type RunningEmulator } from '../../emulator';
import { COMPUTE_API, RESOURCES_API, VAULT_API, startTestEmulator, type ArmClient } from './support/arm-client';
import { enableProtection, pollUntilDone, refreshContainers, triggerBackup } from './support/flows';
import { EUS_VAULT, SUB } from './support/seed-paths';

const DEV = SEED.subscriptions.devTest;
const groupPath = (name: string, sub = SUB) => `/subscriptions/${sub}/resourcegroups/${encodeURIComponent(name)}`;
const vaultPath = (rg: string, name: string) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}`;

/**
 * Resource groups as state (Microsoft.Resources 2025-04-01): the seed's groups, create / read /
 * check / tag / list, and ARM's refusal of anything under a group that does not exist.
 */
describe('resource groups', () => {
  let emulator: RunningEmulator;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('seeds the groups of the seeded VMs and vaults, per subscription, in the region of their resources', async () => {
    const production = await arm.listAll(`/subscriptions/${SUB}/resourcegroups?${RESOURCES_API}`);
    const byName = Object.fromEntries(production.items.map((g) => [g.name, g]));
    expect(Object.keys(byName).sort()).toEqual([
      'AzureBackupRG_westeurope_1', // web-01's snapshots
      'rg-analytics',
      'rg-app-prod',
      'rg-backup',
      'rg-data-prod',
      'rg-infra',
      'rg-web-prod',
      'rg-web-us',
    ]);
    expect(byName['rg-web-us']).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-web-us`,
      name: 'rg-web-us',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'eastus',
      properties: { provisioningState: 'Succeeded' },
    });
    // rg-backup holds only the three vaults: it exists although no VM lives there.
    expect(byName['rg-backup'].location).toBe('westeurope');

    const devTest = await arm.listAll(`/subscriptions/${DEV}/resourcegroups?${RESOURCES_API}`);
    expect(devTest.items.map((g) => g.name).sort()).toEqual(['rg-dev', 'rg-sandbox', 'rg-test']);
  });

  it('answers HEAD with 204 or a bodiless 404, and GET of a missing group with ResourceGroupNotFound', async () => {
    expect((await arm.request('HEAD', `${groupPath('RG-WEB-PROD')}?${RESOURCES_API}`)).status).toBe(204);
    const missingHead = await arm.request('HEAD', `${groupPath('rg-nowhere')}?${RESOURCES_API}`);
    expect(missingHead.status).toBe(404);
    expect(missingHead.body).toBeUndefined();
    // A group of one subscription does not exist in the other.
    expect((await arm.request('HEAD', `${groupPath('rg-web-prod', DEV)}?${RESOURCES_API}`)).status).toBe(404);

    const missing = await arm.get(`${groupPath('rg-nowhere')}?${RESOURCES_API}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'ResourceGroupNotFound', message: "Resource group 'rg-nowhere' could not be found." } });
    expect((await arm.get(`${groupPath('rg-web-prod')}?${RESOURCES_API}`)).body.location).toBe('westeurope');
  });

  it('creates a group (201), keeps it on a second PUT (200) and refuses another location (409)', async () => {
    const created = await arm.put(`${groupPath('rg-chatops')}?${RESOURCES_API}`, { location: 'North Europe', tags: { owner: 'ops' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'rg-chatops', location: 'northeurope', tags: { owner: 'ops' }, properties: { provisioningState: 'Succeeded' } });

    const again = await arm.put(`${groupPath('RG-CHATOPS')}?${RESOURCES_API}`, { location: 'northeurope' });
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('rg-chatops'); // the casing it was created with
    expect(again.body.tags).toBeUndefined(); // PUT replaces the tags

    const moved = await arm.put(`${groupPath('rg-chatops')}?${RESOURCES_API}`, { location: 'eastus' });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toEqual({
      code: 'InvalidResourceGroupLocation',
      message: "Invalid resource group location 'eastus'. The Resource group already exists in location 'northeurope'.",
    });

    const patched = await arm.patch(`${groupPath('rg-chatops')}?${RESOURCES_API}`, { tags: { cost: 'backup' } });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual({ cost: 'backup' });
    const listed = await arm.listAll(`/subscriptions/${SUB}/resourcegroups?${RESOURCES_API}`);
    expect(listed.items.filter((g) => g.name === 'rg-chatops')).toHaveLength(1);
  });

  it('refuses a bad name, a body without location and an api-version Microsoft.Resources does not serve here', async () => {
    const trailingDot = await arm.put(`${groupPath('rg-bad.')}?${RESOURCES_API}`, { location: 'westeurope' });
    expect(trailingDot.status).toBe(400);
    expect(trailingDot.body.error.code).toBe('InvalidResourceGroup');
    expect((await arm.put(`${groupPath('rg bad')}?${RESOURCES_API}`, { location: 'westeurope' })).status).toBe(400);
    expect((await arm.put(`${groupPath('r'.repeat(91))}?${RESOURCES_API}`, { location: 'westeurope' })).status).toBe(400);
    expect((await arm.put(`${groupPath('rg-(ok)_1.a')}?${RESOURCES_API}`, { location: 'westeurope' })).status).toBe(201);

    const noLocation = await arm.put(`${groupPath('rg-nolocation')}?${RESOURCES_API}`, { tags: {} });
    expect(noLocation.status).toBe(400);
    expect(noLocation.body.error).toMatchObject({ code: 'InvalidRequestContent', target: 'location' });
    expect((await arm.request('HEAD', `${groupPath('rg-nolocation')}?${RESOURCES_API}`)).status).toBe(404);

    const oldApi = await arm.get(`${groupPath('rg-web-prod')}?api-version=2021-04-01`);
    expect(oldApi.status).toBe(400);
    // ARM itself answers for Microsoft.Resources: InvalidApiVersionParameter naming the versions it knows.
    expect(oldApi.body.error).toEqual({ code: 'InvalidApiVersionParameter', message: "The api-version '2021-04-01' is invalid. The supported versions are '2025-04-01'." });
    expect((await arm.get(`/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups?${RESOURCES_API}`)).body.error.code).toBe('SubscriptionNotFound');
  });

  it('refuses a vault in a group that does not exist, and creates it once the group exists', async () => {
    const refused = await arm.put(`${vaultPath('rg-vaults-new', 'rsv-new-weu')}?${VAULT_API}`, { location: 'westeurope', sku: { name: 'Standard' }, properties: {} });
    expect(refused.status).toBe(404);
    expect(refused.body.error).toEqual({ code: 'ResourceGroupNotFound', message: "Resource group 'rg-vaults-new' could not be found." });
    expect(refused.headers['x-ms-failure-cause']).toBe('gateway');
    const vaults = await arm.listAll(`/subscriptions/${SUB}/providers/Microsoft.RecoveryServices/vaults?${VAULT_API}`);
    expect(vaults.items.map((v) => v.name)).not.toContain('rsv-new-weu');

    // The group's check comes before the body's: ARM's gateway answers first.
    expect((await arm.put(`${vaultPath('rg-vaults-new', 'rsv-new-weu')}?${VAULT_API}`, { sku: { name: 'Standard' } })).status).toBe(404);

    expect((await arm.put(`${groupPath('rg-vaults-new')}?${RESOURCES_API}`, { location: 'eastus' })).status).toBe(201);
    // A vault's region need not be its group's.
    const created = await arm.put(`${vaultPath('rg-vaults-new', 'rsv-new-weu')}?${VAULT_API}`, { location: 'westeurope', sku: { name: 'Standard' }, properties: {} });
    expect(created.status).toBe(201);
    expect(created.body.location).toBe('westeurope');
  });

  it('refuses reads, lists and actions under a missing group, but not under a missing resource', async () => {
    const reads = [
      `${vaultPath('rg-gone', 'rsv-prod-weu')}?${VAULT_API}`,
      `/subscriptions/${SUB}/resourceGroups/rg-gone/providers/Microsoft.RecoveryServices/vaults?${VAULT_API}`,
      `/subscriptions/${SUB}/resourceGroups/rg-gone/providers/Microsoft.Compute/virtualMachines/web-01?${COMPUTE_API}`,
    ];
    for (const path of reads) {
      const reply = await arm.get(path);
      expect({ path, status: reply.status, code: reply.body.error.code }).toEqual({ path, status: 404, code: 'ResourceGroupNotFound' });
    }
    const check = await arm.post(`/subscriptions/${SUB}/resourceGroups/rg-gone/providers/Microsoft.RecoveryServices/locations/westeurope/checkNameAvailability?${VAULT_API}`, {
      name: 'rsv-x',
      type: 'Microsoft.RecoveryServices/Vaults',
    });
    expect(check.body.error.code).toBe('ResourceGroupNotFound');
    const missingVault = await arm.get(`${vaultPath('rg-backup', 'rsv-none')}?${VAULT_API}`);
    expect({ status: missingVault.status, code: missingVault.body.error.code }).toEqual({ status: 404, code: 'ResourceNotFound' });
  });

  it('creates AzureBackupRG_<region>_1 with the first snapshot of a region, as Azure Backup does', async () => {
    const etl = SEED.vmId('etl-01');
    const has = async (name: string) => (await arm.request('HEAD', `${groupPath(name)}?${RESOURCES_API}`)).status === 204;
    expect(await has('AzureBackupRG_eastus_1')).toBe(false);
    await refreshContainers(arm, EUS_VAULT);
    const accepted = await enableProtection(arm, EUS_VAULT, etl);
    await pollUntilDone(arm, accepted.headers['azure-asyncoperation']);
    await emulator.advance(60_000);
    await triggerBackup(arm, EUS_VAULT, etl);
    expect(await has('AzureBackupRG_eastus_1')).toBe(false);
    await emulator.advance(120_000);
    expect(await has('AzureBackupRG_eastus_1')).toBe(true);
    expect((await arm.get(`${groupPath('AzureBackupRG_eastus_1')}?${RESOURCES_API}`)).body.location).toBe('eastus');
  });

  it('answers AuthorizationFailed for the injected forbidden fault, naming the RBAC action and scope', async () => {
    emulator.injectFault({ kind: 'forbidden', pathPattern: '/resourcegroups/rg-locked-out$', method: 'PUT' });
    const refused = await arm.put(`${groupPath('rg-locked-out')}?${RESOURCES_API}`, { location: 'westeurope' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AuthorizationFailed');
    expect(refused.body.error.message).toContain("perform action 'Microsoft.Resources/subscriptions/resourcegroups/write' over scope");
    // One request only: the next one goes through.
    expect((await arm.put(`${groupPath('rg-locked-out')}?${RESOURCES_API}`, { location: 'westeurope' })).status).toBe(201);

    emulator.injectFault({ kind: 'forbidden', method: 'PUT', pathPattern: '/vaults/' });
    const vault = await arm.put(`${vaultPath('rg-backup', 'rsv-forbidden')}?${VAULT_API}`, { location: 'westeurope' });
    expect(vault.body.error.message).toContain("'Microsoft.RecoveryServices/vaults/write'");
  });

  it('lists $top groups, and refuses a $filter it would ignore', async () => {
    const top = await arm.get(`/subscriptions/${SUB}/resourcegroups?${RESOURCES_API}&$top=2`);
    expect(top.body.value).toHaveLength(2);
    const filtered = await arm.get(`/subscriptions/${SUB}/resourcegroups?${RESOURCES_API}&$filter=${encodeURIComponent("tagName eq 'a'")}`);
    expect(filtered.status).toBe(400);
  });

  it('starts without groups when the seed is empty', async () => {
    const empty = await startTestEmulator({ seed: { empty: true } });
    try {
      expect((await empty.arm.get(`/subscriptions/${SUB}/resourcegroups?${RESOURCES_API}`)).body.value).toEqual([]);
      expect((await empty.arm.put(`${vaultPath('rg-backup', 'rsv-x')}?${VAULT_API}`, { location: 'westeurope' })).body.error.code).toBe('ResourceGroupNotFound');
    } finally {
      await empty.emulator.close();
    }
  });
});
