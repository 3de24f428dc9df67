import type { ProgressEvent } from '../../../src/domain/backup.types';
import { AzureError, DomainError } from '../../../src/domain/errors';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';
import { checkRequestsAgainstSpecs, operationIdsOf } from './spec-check';

const SUB = SEED.subscriptions.production;

/**
 * A vault in a resource group that does not exist yet, through the BackupService on the real SDK
 * (@azure/arm-resources for the group) against the emulator, which refuses anything in a missing
 * group as Azure does. Each test starts a fresh emulator.
 */
describe('BackupService: resource groups and a vault in a new group', () => {
  let h: BackupHarness;

  beforeEach(async () => {
    h = await startBackupHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  const groupNames = async (sub = SUB) => (await h.service.listResourceGroups!(sub)).map((g) => g.name);
  const groupWrites = () => h.emulator.requests().filter((r) => r.method === 'PUT' && /\/resourcegroups\/[^/]+$/i.test(r.path));

  it('lists the groups of each subscription, sorted, with their region', async () => {
    const production = await h.service.listResourceGroups!(SUB);
    expect(production.map((g) => g.name)).toEqual(['AzureBackupRG_westeurope_1', 'rg-analytics', 'rg-app-prod', 'rg-backup', 'rg-data-prod', 'rg-infra', 'rg-web-prod', 'rg-web-us']);
    expect(production.find((g) => g.name === 'rg-analytics')).toEqual({
      id: `/subscriptions/${SUB}/resourceGroups/rg-analytics`,
      subscriptionId: SUB,
      name: 'rg-analytics',
      location: 'eastus',
    });
    expect(await groupNames(SEED.subscriptions.devTest)).toEqual(['rg-dev', 'rg-sandbox', 'rg-test']);
    const listCalls = h.emulator.requests().filter((r) => /\/resourcegroups$/i.test(r.path));
    expect(listCalls.map((r) => r.query['api-version'])).toEqual(['2025-04-01', '2025-04-01']);
  });

  it('creates the group in the vault\'s region, then the vault in it, reporting each step', async () => {
    const events: ProgressEvent[] = [];
    const vault = await h.service.createVault(
      { subscriptionId: SUB, resourceGroup: 'rg-chatops-backup', name: 'rsv-chatops-eus', location: 'East US', storageRedundancy: 'LocallyRedundant', createResourceGroup: true },
      (e) => events.push(e),
    );
    expect(vault).toMatchObject({ subscriptionId: SUB, resourceGroup: 'rg-chatops-backup', name: 'rsv-chatops-eus', location: 'eastus', provisioningState: 'Succeeded' });
    const steps = events.map((e) => e.step);
    expect(steps.indexOf('creating-resource-group')).toBeGreaterThan(steps.indexOf('checking-name'));
    expect(steps.indexOf('resource-group-created')).toBeLessThan(steps.indexOf('creating-vault'));
    expect(steps.at(-1)).toBe('done');

    const group = (await h.service.listResourceGroups!(SUB)).find((g) => g.name === 'rg-chatops-backup');
    expect(group?.location).toBe('eastus');
    expect((await h.service.getStorageRedundancy(vault.id)).redundancy).toBe('LocallyRedundant');
    expect((await h.service.listVaults({ location: 'eastus' })).map((v) => v.id)).toContain(vault.id);

    // Asked HEAD first, then created it once; the name check fell back to the subscription's vaults.
    const sent = operationIdsOf(h.emulator.requests());
    expect(sent).toEqual(expect.arrayContaining(['ResourceGroups_CheckExistence', 'ResourceGroups_CreateOrUpdate', 'Vaults_ListBySubscriptionId', 'Vaults_CreateOrUpdate']));
    expect(groupWrites().map((r) => [r.body, r.status])).toEqual([[{ location: 'eastus' }, 201]]);
    expect(checkRequestsAgainstSpecs(h.emulator.requests())).toEqual([]);
  });

  it('uses a group of that name that exists already, without writing to it', async () => {
    const events: ProgressEvent[] = [];
    const vault = await h.service.createVault(
      { subscriptionId: SUB, resourceGroup: 'rg-web-prod', name: 'rsv-web-weu', location: 'westeurope', createResourceGroup: true },
      (e) => events.push(e),
    );
    expect(vault.resourceGroup).toBe('rg-web-prod');
    expect(events.map((e) => e.step)).toContain('resource-group-exists');
    expect(events.map((e) => e.step)).not.toContain('creating-resource-group');
    expect(groupWrites()).toEqual([]);
  });

  it('without createResourceGroup, a missing group fails with RESOURCE_GROUP_NOT_FOUND and creates nothing', async () => {
    const attempt = h.service.createVault({ subscriptionId: SUB, resourceGroup: 'rg-missing', name: 'rsv-nowhere', location: 'westeurope' });
    await expect(attempt).rejects.toBeInstanceOf(AzureError);
    await expect(attempt).rejects.toMatchObject({
      code: 'RESOURCE_GROUP_NOT_FOUND',
      azureCode: 'ResourceGroupNotFound',
      status: 404,
      message: expect.stringMatching(/^Could not create vault rsv-nowhere in westeurope: the resource group does not exist/),
    });
    expect(await groupNames()).not.toContain('rg-missing');
    expect((await h.service.listVaults()).map((v) => v.name)).not.toContain('rsv-nowhere');
  });

  it('refuses a bad group name or a taken vault name before creating anything', async () => {
    await expect(
      h.service.createVault({ subscriptionId: SUB, resourceGroup: 'rg bad.', name: 'rsv-ok', location: 'westeurope', createResourceGroup: true }),
    ).rejects.toMatchObject({ code: 'RESOURCE_GROUP_NAME_CHARACTERS', field: 'newResourceGroup' });

    // rsv-prod-weu lives in rg-backup: names are unique per subscription, whatever the group.
    const taken = h.service.createVault({ subscriptionId: SUB, resourceGroup: 'rg-fresh', name: 'RSV-PROD-WEU', location: 'westeurope', createResourceGroup: true });
    await expect(taken).rejects.toBeInstanceOf(DomainError);
    await expect(taken).rejects.toMatchObject({ code: 'VAULT_NAME_TAKEN', field: 'vaultName' });
    expect(groupWrites()).toEqual([]);
    expect(await groupNames()).not.toContain('rg-fresh');
  });

  it('explains that creating a group takes a subscription-level role when Azure refuses it', async () => {
    h.emulator.injectFault({ kind: 'forbidden', pathPattern: '/resourcegroups/rg-not-mine$', method: 'PUT' });
    await expect(
      h.service.createVault({ subscriptionId: SUB, resourceGroup: 'rg-not-mine', name: 'rsv-not-mine', location: 'westeurope', createResourceGroup: true }),
    ).rejects.toMatchObject({
      code: 'AZURE_AUTHORIZATION_FAILED',
      azureCode: 'AuthorizationFailed',
      status: 403,
      message: expect.stringMatching(/^The bot's Azure identity is not allowed to create resource group rg-not-mine in subscription .*Contributor on the subscription.* Nothing was created\./),
    });
    const refused = h.emulator.requests().find((r) => r.method === 'PUT' && /rg-not-mine$/.test(r.path));
    expect(refused?.status).toBe(403);
    expect((await h.service.listVaults()).map((v) => v.name)).not.toContain('rsv-not-mine');
  });

  it('says the group was created and the vault was not when the vault fails', async () => {
    h.emulator.injectFault({ kind: 'server-error', pathPattern: '/vaults/rsv-unlucky$', method: 'PUT', count: 50, status: 500 });
    const attempt = h.service.createVault({ subscriptionId: SUB, resourceGroup: 'rg-half-made', name: 'rsv-unlucky', location: 'northeurope', createResourceGroup: true });
    await expect(attempt).rejects.toMatchObject({
      code: 'RESOURCE_GROUP_CREATED_VAULT_NOT_CREATED',
      azureCode: 'CloudInternalError',
      status: 500,
      message: expect.stringMatching(
        /^Resource group rg-half-made was created in northeurope, but vault rsv-unlucky was not: Azure had an internal error \(HTTP 500\).* The resource group stays, empty: pick it as an existing group to try again/,
      ),
    });
    expect((await h.service.listResourceGroups!(SUB)).find((g) => g.name === 'rg-half-made')?.location).toBe('northeurope');
    expect((await h.service.listVaults()).map((v) => v.name)).not.toContain('rsv-unlucky');
  });

  it('says the group and the vault were created when only the redundancy fails', async () => {
    h.emulator.injectFault({ kind: 'server-error', pathPattern: 'backupstorageconfig/vaultstorageconfig$', method: 'PUT', count: 50, status: 500 });
    const attempt = h.service.createVault({
      subscriptionId: SUB,
      resourceGroup: 'rg-lrs',
      name: 'rsv-lrs-weu',
      location: 'westeurope',
      storageRedundancy: 'LocallyRedundant',
      createResourceGroup: true,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'VAULT_CREATED_REDUNDANCY_NOT_SET',
      message: expect.stringMatching(/^Resource group rg-lrs and vault rsv-lrs-weu were created in westeurope, but setting the vault's storage redundancy to locally redundant \(LRS\) failed/),
    });
    expect(await groupNames()).toContain('rg-lrs');
    expect((await h.service.listVaults()).map((v) => v.name)).toContain('rsv-lrs-weu');
  });
});
