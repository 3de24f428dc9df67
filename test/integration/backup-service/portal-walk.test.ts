import type { BackupService } from '../../../src/backup/backup.port';
import type { BackupJob, EnableProtectionOutcome, PolicyDefinition, ProgressEvent, ProtectedItem, Vault } from '../../../src/domain/backup.types';
import { defaultRetainUntil, toIsoDay, validateRetainUntil } from '../../../src/domain/retain-until.rule';
import { AzureError, DomainError } from '../../../src/domain/errors';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';
import { checkRequestsAgainstSpecs, operationIdsOf } from './spec-check';

/**
 * Issue 2, end to end: the portal's "Back up Azure VMs" flow through the BackupService, on the
 * real Azure SDK against the ARM emulator. The steps share state and run in order.
 */
describe('portal walk: vault, redundancy, policy, enable protection, backup now', () => {
  let h: BackupHarness;
  let service: BackupService;
  const sub = SEED.subscriptions.production;
  const rg = SEED.vaultResourceGroup;
  const vaultName = 'rsv-chatops-neu';
  const valid = [SEED.vmId('app-02'), SEED.vmId('app-03')];
  const otherRegion = SEED.vmId('web-03');
  const agentless = SEED.agentlessVmId;
  let vault: Vault;
  let outcomes: EnableProtectionOutcome[];
  let item: ProtectedItem;
  let job: BackupJob;
  let retainUntil: Date;

  const weeklyPolicy: PolicyDefinition = {
    name: 'Weekly-Sun-Monthly',
    schedule: { frequency: 'Weekly', time: '22:00', timeZone: 'W. Europe Standard Time', daysOfWeek: ['Sunday'] },
    retention: {
      weekly: { weeks: 12, daysOfWeek: ['Sunday'] },
      monthly: { months: 12, format: { kind: 'weeks', weeksOfMonth: ['First'], daysOfWeek: ['Sunday'] } },
    },
    instantRpRetentionDays: 5,
  };

  beforeAll(async () => {
    h = await startBackupHarness();
    service = h.service;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses each invalid vault name with its reason, before asking Azure', async () => {
    const cases: Array<[string, string]> = [
      ['a', 'VAULT_NAME_LENGTH'],
      ['x'.repeat(51), 'VAULT_NAME_LENGTH'],
      ['1-backup', 'VAULT_NAME_START'],
      ['-backup', 'VAULT_NAME_START'],
      ['rsv_prod', 'VAULT_NAME_CHARACTERS'],
      ['rsv prod', 'VAULT_NAME_CHARACTERS'],
      ['', 'VAULT_NAME_REQUIRED'],
    ];
    for (const [name, code] of cases) {
      const attempt = service.createVault({ subscriptionId: sub, resourceGroup: rg, name, location: 'northeurope' });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code, field: 'vaultName', message: expect.stringMatching(/2 to 50 characters/) });
      const check = await service.checkVaultName({ subscriptionId: sub, resourceGroup: rg, location: 'northeurope', name });
      expect(check).toEqual({ available: false, reason: expect.stringMatching(/2 to 50 characters/) });
    }
    expect(h.emulator.requests().filter((r) => /\/vaults\//i.test(r.path) || /checkNameAvailability/i.test(r.path))).toEqual([]);
  });

  it('refuses a taken name with the reason Azure gives', async () => {
    const taken = SEED.vaultNames.northeurope;
    const check = await service.checkVaultName({ subscriptionId: sub, resourceGroup: rg, location: 'North Europe', name: taken });
    expect(check.available).toBe(false);
    expect(check.reason).toMatch(/already exists/);
    await expect(service.createVault({ subscriptionId: sub, resourceGroup: rg, name: taken, location: 'northeurope' })).rejects.toMatchObject({
      code: 'VAULT_NAME_TAKEN',
      field: 'vaultName',
    });
    expect(h.emulator.requests().some((r) => r.method === 'PUT' && /\/vaults\//i.test(r.path))).toBe(false);
  });

  it('creates a vault with a valid name, reporting progress until Azure has provisioned it', async () => {
    const events: ProgressEvent[] = [];
    vault = await service.createVault({ subscriptionId: sub, resourceGroup: rg, name: vaultName, location: 'North Europe' }, (e) => events.push(e));
    expect(vault).toMatchObject({ subscriptionId: sub, resourceGroup: rg, name: vaultName, location: 'northeurope', provisioningState: 'Succeeded' });
    expect(events.map((e) => e.step)).toEqual(expect.arrayContaining(['checking-name', 'creating-vault', 'vault-created', 'done']));
    expect(await service.getVault(vault.id)).toMatchObject({ name: vaultName, location: 'northeurope' });
    const inRegion = await service.listVaults({ location: 'northeurope' });
    expect(inRegion.map((v) => v.name)).toEqual(expect.arrayContaining([vaultName, SEED.vaultNames.northeurope]));
    expect(inRegion.every((v) => v.location === 'northeurope')).toBe(true);
  });

  it('sets locally redundant storage while the vault protects nothing', async () => {
    expect(await service.getStorageRedundancy(vault.id)).toEqual({ redundancy: 'GeoRedundant', locked: false });
    await service.setStorageRedundancy(vault.id, 'LocallyRedundant');
    expect(await service.getStorageRedundancy(vault.id)).toEqual({ redundancy: 'LocallyRedundant', locked: false });
  });

  it('creates a weekly policy with monthly retention', async () => {
    const policy = await service.createPolicy(vault.id, weeklyPolicy);
    expect(policy).toEqual({ ...weeklyPolicy, id: expect.stringMatching(/\/backupPolicies\/Weekly-Sun-Monthly$/i), vaultId: vault.id, protectedItemsCount: 0 });
    const names = (await service.listPolicies(vault.id)).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['DefaultPolicy', weeklyPolicy.name]));
    expect(await service.getPolicy(vault.id, weeklyPolicy.name)).toEqual(policy);
  });

  it('refuses an invalid policy with the rule that failed, without calling Azure', async () => {
    const before = h.emulator.requests().length;
    await expect(service.createPolicy(vault.id, { ...weeklyPolicy, name: 'Bad-Time', schedule: { ...weeklyPolicy.schedule, time: '22:15' } })).rejects.toMatchObject({
      code: 'POLICY_TIME_INVALID',
      field: 'scheduleTime',
    });
    expect(h.emulator.requests().length).toBe(before);
  });

  it('enables protection for several VMs at once: valid ones protected, the others refused each with its reason', async () => {
    const events: ProgressEvent[] = [];
    outcomes = await service.enableProtection(vault.id, weeklyPolicy.name, [valid[0], otherRegion, agentless, valid[1]], (e) => events.push(e));
    expect(outcomes.map((o) => o.vmId)).toEqual([valid[0], otherRegion, agentless, valid[1]]);
    const [first, region, agent, second] = outcomes;
    for (const ok of [first, second]) {
      expect(ok.ok).toBe(true);
      if (!ok.ok) continue;
      expect(ok.item).toMatchObject({ vaultId: vault.id, vmId: ok.vmId, policyName: weeklyPolicy.name });
      expect(ok.item.containerName).toMatch(/^IaasVMContainer;iaasvmcontainerv2;rg-app-prod;app-0[23]$/i);
    }
    expect(region).toEqual({ vmId: otherRegion, ok: false, code: 'VM_REGION_MISMATCH', reason: expect.stringMatching(/web-03 is in westeurope but the vault is in northeurope/) });
    expect(agent).toEqual({ vmId: agentless, ok: false, code: 'VM_AGENT_NOT_INSTALLED', reason: expect.stringMatching(/legacy-01 has no VM agent.*install/i) });
    expect(events.filter((e) => e.step === 'enabled').map((e) => e.detail)).toEqual(expect.arrayContaining(['app-02', 'app-03']));
    // Refused VMs were never sent to Azure Backup.
    const puts = h.emulator.requests().filter((r) => r.method === 'PUT' && /protectedItems/i.test(r.path));
    expect(puts.map((r) => decodeURIComponent(r.path))).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/web-03|legacy-01/)]),
    );
    expect(puts).toHaveLength(2);
    // Discovery ran once for the vault.
    expect(h.emulator.requests().filter((r) => /refreshContainers/i.test(r.path))).toHaveLength(1);
  });

  it('refuses a VM that is already protected', async () => {
    const [again] = await service.enableProtection(vault.id, weeklyPolicy.name, [valid[0]]);
    expect(again).toMatchObject({ ok: false, code: 'VM_ALREADY_PROTECTED', reason: expect.stringMatching(/already protected by this vault/) });
  });

  it('shows the new items as Initial backup pending, never backed up', async () => {
    const items = await service.listProtectedItems(vault.id);
    expect(items).toHaveLength(2);
    for (const i of items) {
      expect(i.protectionState).toBe('IRPending');
      expect(i.lastBackupTime).toBeUndefined();
    }
    const found = await service.findProtectedItem(valid[0]);
    expect(found).toMatchObject({ vmId: valid[0], vaultId: expect.stringMatching(new RegExp(`${vaultName}$`, 'i')), protectionState: 'IRPending' });
    item = items.find((i) => i.vmId.toLowerCase() === valid[0].toLowerCase()) as ProtectedItem;
  });

  it('runs Backup now with a retain-until date from the date picker', async () => {
    const picked = validateRetainUntil(toIsoDay(defaultRetainUntil(h.emulator.now())), h.emulator.now());
    if (!picked.ok) throw new Error(picked.message);
    retainUntil = picked.value;
    await expect(service.backupNow(item, new Date(h.emulator.now().getTime() - 1000))).rejects.toMatchObject({ code: 'RETAIN_UNTIL_PAST' });
    job = await service.backupNow(item, retainUntil);
    expect(job).toMatchObject({ vaultId: vault.id, operation: 'Backup', status: 'InProgress', entityFriendlyName: 'app-02' });
    const trigger = h.emulator.requests().find((r) => r.method === 'POST' && /\/backup$/i.test(r.path));
    expect(trigger?.body).toEqual({ properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: retainUntil.toISOString() } });
  });

  it('watches the job until it completes', async () => {
    const seen: string[] = [];
    for (let step = 0; step < 20 && !['Completed', 'CompletedWithWarnings', 'Failed'].includes(job.status); step++) {
      await h.emulator.advance(30_000);
      job = await service.getJob(vault.id, job.name);
      seen.push(job.status);
    }
    expect(job.status).toBe('Completed');
    expect(job.endTime).toBeDefined();
    expect(job.errors).toEqual([]);
    expect(seen[0]).toBe('InProgress');
    const listed = await service.listJobs(vault.id, { since: new Date(h.emulator.now().getTime() - 60 * 60 * 1000), operation: 'Backup' });
    expect(listed.find((j) => j.name === job.name)?.status).toBe('Completed');
    const completedOnly = await service.listJobs(vault.id, { status: 'Completed' });
    expect(completedOnly.every((j) => j.status === 'Completed')).toBe(true);
  });

  it('finds the recovery point kept until the chosen date', async () => {
    const points = await service.listRecoveryPoints(item);
    expect(points.length).toBeGreaterThan(0);
    const point = points.find((p) => p.expiryTime?.getTime() === retainUntil.getTime());
    expect(point).toBeDefined();
    const after = await service.findProtectedItem(item.vmId);
    expect(after?.protectionState).toBe('Protected');
    expect(after?.lastBackupTime).toBeDefined();
  });

  it('refuses to change storage redundancy now that the vault protects VMs', async () => {
    const attempt = service.setStorageRedundancy(vault.id, 'GeoRedundant');
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.not.toBeInstanceOf(AzureError);
    await expect(attempt).rejects.toMatchObject({ code: 'STORAGE_REDUNDANCY_LOCKED', message: expect.stringMatching(/can no longer be changed.*LocallyRedundant/) });
    expect((await service.getStorageRedundancy(vault.id)).redundancy).toBe('LocallyRedundant');
  });

  it('sent only requests the emulator accepted as valid against the specs', () => {
    const requests = h.emulator.requests();
    expect(requests.length).toBeGreaterThan(20);
    const rejected = requests.filter((r) => r.status === 400);
    expect(rejected).toEqual([]);
    // Our own check of every request against the vendored specs, not only the emulator's.
    const armRequests = requests.filter((r) => !r.path.startsWith('/_admin'));
    expect(checkRequestsAgainstSpecs(armRequests)).toEqual([]);
    // The walk went through every operation of issue 2, as vendor/azure-rest-examples/INDEX.md names them.
    expect(operationIdsOf(armRequests)).toEqual(
      expect.arrayContaining([
        'RecoveryServices_CheckNameAvailability',
        'Vaults_CreateOrUpdate',
        'Vaults_Get',
        'Vaults_ListBySubscriptionId',
        'BackupResourceStorageConfigsNonCRR_Get',
        'BackupResourceStorageConfigsNonCRR_Update',
        'ProtectionPolicies_CreateOrUpdate',
        'ProtectionPolicies_Get',
        'BackupPolicies_List',
        'VirtualMachines_Get',
        'BackupStatus_Get',
        'ProtectionContainers_Refresh',
        'ProtectionContainerRefreshOperationResults_Get',
        'BackupProtectableItems_List',
        'ProtectedItems_CreateOrUpdate',
        'ProtectedItemOperationStatuses_Get',
        'ProtectedItems_Get',
        'BackupProtectedItems_List',
        'Backups_Trigger',
        'JobDetails_Get',
        'BackupJobs_List',
        'RecoveryPoints_List',
      ]),
    );
  });
});
