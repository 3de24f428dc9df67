import { AzureError, DomainError } from '../../../src/domain/errors';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';

/** The rest of the port on the seeded inventory: listings, status, cancel, stop protection. */
describe('BackupService on the seeded inventory', () => {
  let h: BackupHarness;

  beforeAll(async () => {
    h = await startBackupHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists every VM of both subscriptions with region, power state and agent, without a call per VM', async () => {
    h.emulator.clearRequests();
    const vms = await h.service.listVirtualMachines();
    const byName = new Map(vms.map((v) => [v.name, v]));
    expect(new Set(vms.map((v) => v.subscriptionId))).toEqual(new Set(SEED.subscriptionIds));
    expect(byName.get('web-01')).toMatchObject({ id: SEED.protectedVmId, location: 'westeurope', resourceGroup: 'rg-web-prod', osType: 'Linux', powerState: 'running' });
    expect(byName.get('api-02')?.powerState).toBe('deallocated');
    expect(byName.get('legacy-01')?.agent).toBe('NotInstalled');
    expect(byName.get('sql-01')?.osType).toBe('Windows');
    expect(vms.every((v) => v.location === v.location.toLowerCase() && !/\s/.test(v.location))).toBe(true);
    const paths = h.emulator.requests().map((r) => r.path);
    expect(paths.every((p) => /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(p))).toBe(true);
  });

  it('reads one VM with its agent state from the instance view', async () => {
    expect(await h.service.getVirtualMachine(SEED.unprotectedVmId)).toMatchObject({ name: 'web-02', agent: 'Ready', powerState: 'running' });
    expect(await h.service.getVirtualMachine(SEED.agentlessVmId)).toMatchObject({ name: 'legacy-01', agent: 'NotInstalled' });
    await expect(h.service.getVirtualMachine('not-an-id')).rejects.toMatchObject({ code: 'VM_ID_INVALID' });
  });

  it('reads the DefaultPolicy of a seeded vault', async () => {
    const policy = await h.service.getPolicy(SEED.vaultIds.westeurope, 'DefaultPolicy');
    expect(policy).toMatchObject({ name: 'DefaultPolicy', schedule: { frequency: 'Daily' }, retention: { daily: { days: 30 } } });
    expect(policy.protectedItemsCount).toBeGreaterThanOrEqual(1);
  });

  it('finds the protected item of a VM, with its recovery points and their expiry', async () => {
    const item = await h.service.findProtectedItem(SEED.protectedVmId);
    expect(item).toMatchObject({ vmId: SEED.protectedVmId, protectionState: 'Protected', policyName: SEED.protectedVmPolicyName });
    expect(item?.lastBackupTime).toBeInstanceOf(Date);
    const points = await h.service.listRecoveryPoints(item!);
    expect(points.length).toBeGreaterThanOrEqual(5);
    expect(points.every((p) => p.expiryTime instanceof Date && p.expiryTime > p.time)).toBe(true);
    expect(points[0].time.getTime()).toBeGreaterThanOrEqual(points[points.length - 1].time.getTime());
    expect(await h.service.findProtectedItem(SEED.unprotectedVmId)).toBeUndefined();
  });

  it('refuses a VM protected by another vault in the same region', async () => {
    const other = await h.service.createVault({ subscriptionId: SEED.subscriptions.production, resourceGroup: SEED.vaultResourceGroup, name: 'rsv-second-weu', location: 'westeurope' });
    const [outcome] = await h.service.enableProtection(other.id, 'DefaultPolicy', [SEED.protectedVmId]);
    expect(outcome).toEqual({ vmId: SEED.protectedVmId, ok: false, code: 'VM_ALREADY_PROTECTED', reason: expect.stringMatching(/web-01 is already protected by vault rsv-prod-weu/) });
  });

  it('updates a policy in use, following Azure\'s 202 until the items are re-configured', async () => {
    const vaultId = SEED.vaultIds.westeurope;
    const def = {
      name: 'Daily-Web',
      schedule: { frequency: 'Daily' as const, time: '21:30', timeZone: 'UTC' },
      retention: { daily: { days: 30 } },
    };
    await h.service.createPolicy(vaultId, def);
    const [enabled] = await h.service.enableProtection(vaultId, def.name, [SEED.unprotectedVmId]);
    expect(enabled.ok).toBe(true);
    h.emulator.clearRequests();
    const updated = await h.service.createPolicy(vaultId, { ...def, retention: { daily: { days: 45 } } });
    expect(updated.retention).toEqual({ daily: { days: 45 } });
    expect(updated.protectedItemsCount).toBe(1);
    const put = h.emulator.requests().find((r) => r.method === 'PUT' && /\/backupPolicies\/Daily-Web$/i.test(r.path));
    expect(put?.status).toBe(202);
    expect(h.emulator.requests().some((r) => /\/backupPolicies\/Daily-Web\/operations\//i.test(r.path))).toBe(true);
  });

  it('lists jobs with filters, following pages', async () => {
    const all = await h.service.listJobs(SEED.vaultIds.westeurope);
    expect(all.filter((j) => j.operation === 'Backup' && j.status === 'Completed').length).toBeGreaterThanOrEqual(5);
    const recent = await h.service.listJobs(SEED.vaultIds.westeurope, { since: new Date(h.emulator.now().getTime() - 36 * 60 * 60 * 1000), operation: 'Backup' });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    const sent = h.emulator.requests().filter((r) => /\/backupJobs$/i.test(r.path)).map((r) => r.query.$filter);
    expect(sent).toContain("backupManagementType eq 'AzureIaasVM'");
    expect(sent.some((f) => /^startTime eq '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [AP]M' and endTime eq '.+' and operation eq 'Backup' and backupManagementType eq 'AzureIaasVM'$/.test(f ?? ''))).toBe(true);
  });

  it('cancels a running backup job', async () => {
    const item = (await h.service.findProtectedItem(SEED.protectedVmId))!;
    const job = await h.service.backupNow(item, new Date(h.emulator.now().getTime() + 7 * 24 * 60 * 60 * 1000));
    expect(job.status).toBe('InProgress');
    await h.service.cancelJob(item.vaultId, job.name);
    let after = await h.service.getJob(item.vaultId, job.name);
    for (let i = 0; i < 10 && after.status === 'Cancelling'; i++) {
      await h.emulator.advance(10_000);
      after = await h.service.getJob(item.vaultId, job.name);
    }
    expect(after.status).toBe('Cancelled');
  });

  it('stops protection keeping the data, then deletes the data', async () => {
    const item = (await h.service.findProtectedItem(SEED.protectedVmId))!;
    await h.service.stopProtection(item, { deleteData: false });
    const stopped = (await h.service.listProtectedItems(item.vaultId)).find((i) => i.id.toLowerCase() === item.id.toLowerCase());
    expect(stopped?.protectionState).toBe('ProtectionStopped');
    expect((await h.service.listRecoveryPoints(item)).length).toBeGreaterThan(0);

    await h.service.stopProtection(item, { deleteData: true });
    // Soft delete (on by default, as in Azure) keeps the item 14 days, stopped, before the purge
    // (backup-azure-security-feature-cloud.md).
    const softDeleted = (await h.service.listProtectedItems(item.vaultId)).find((i) => i.id.toLowerCase() === item.id.toLowerCase());
    expect(softDeleted?.protectionState).toBe('ProtectionStopped');
    expect(softDeleted?.softDeleted?.purgeAt?.getTime()).toBe(h.emulator.now().getTime() + 14 * 24 * 60 * 60 * 1000);
    await expect(h.service.assignPolicy(item, 'DefaultPolicy')).rejects.toMatchObject({ azureCode: 'BMSUserErrorItemSoftDeleted' });

    // Undelete (isRehydrate), then resume, then change the policy: PUTs of the item, each followed to its end.
    await h.service.undeleteProtection(item);
    const undeleted = (await h.service.findProtectedItem(SEED.protectedVmId))!;
    expect(undeleted).toMatchObject({ protectionState: 'ProtectionStopped' });
    expect(undeleted.softDeleted).toBeUndefined();
    await h.service.assignPolicy(undeleted, 'DefaultPolicy');
    expect(await h.service.findProtectedItem(SEED.protectedVmId)).toMatchObject({ protectionState: 'Protected', policyName: 'DefaultPolicy' });
    await h.service.createPolicy(item.vaultId, { name: 'Weekly-Sun', schedule: { frequency: 'Weekly', time: '22:00', timeZone: 'UTC', daysOfWeek: ['Sunday'] }, retention: { weekly: { weeks: 12, daysOfWeek: ['Sunday'] } } });
    await h.service.assignPolicy(undeleted, 'Weekly-Sun');
    expect(await h.service.findProtectedItem(SEED.protectedVmId)).toMatchObject({ protectionState: 'Protected', policyName: 'Weekly-Sun' });
    const puts = h.emulator.requests().filter((r) => r.method === 'PUT' && /protectedItems\/[^/]*web-01$/i.test(r.path));
    expect(puts.slice(-3).map((r) => r.status)).toEqual([202, 202, 202]);

    await h.emulator.advance(60_000);
    await h.service.stopProtection(undeleted, { deleteData: true });
    await h.emulator.advance(14 * 24 * 60 * 60 * 1000);
    const remaining = await h.service.listProtectedItems(item.vaultId);
    expect(remaining.some((i) => i.id.toLowerCase() === item.id.toLowerCase())).toBe(false);
  });

  it('says what is missing when a vault does not exist', async () => {
    const missing = SEED.vaultIds.westeurope.replace(/rsv-prod-weu$/, 'rsv-nope');
    const attempt = h.service.getVault(missing);
    await expect(attempt).rejects.toBeInstanceOf(AzureError);
    await expect(attempt).rejects.toMatchObject({ code: 'AZURE_NOT_FOUND', status: 404, message: expect.stringMatching(/read vault rsv-nope: Azure did not find it/) });
    await expect(h.service.getVault('/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/z')).rejects.toBeInstanceOf(DomainError);
  });
});

describe('VM listing at scale', () => {
  let h: BackupHarness;

  beforeAll(async () => {
    h = await startBackupHarness({ seed: { extraVms: 3000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists thousands of VMs with a few paged calls per subscription', async () => {
    h.emulator.clearRequests();
    const vms = await h.service.listVirtualMachines();
    expect(vms.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(vms.map((v) => v.id.toLowerCase())).size).toBe(vms.length);
    expect(vms.filter((v) => v.powerState === undefined)).toEqual([]);
    const calls = h.emulator.requests();
    expect(calls.every((r) => /\/virtualMachines$/i.test(r.path))).toBe(true);
    // Paged listings, not one call per VM.
    expect(calls.length).toBeLessThan(vms.length / 20);
  });
});
