/**
 * Each rule of Microsoft's "Support matrix for Azure VM backups" the pre-flight check evaluates
 * (https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas), and the lock rule from
 * "Troubleshoot Azure Backup failure: UserErrorRpCollectionLimitReached": one VM that meets the
 * rule, one that does not.
 */
import type { ResourceLock, VmDisk, VmProfile } from '../../../src/domain/backup.types';
import { isRestorePointGroup, lockFindings, MAX_DATA_DISKS, SUPPORT_MATRIX_URL, SUPPORT_RULES, supportFindings } from '../../../src/domain/vm-backup-support.rule';

const disk = (name: string, extra: Partial<VmDisk> = {}): VmDisk => ({ name, managed: true, storageAccountType: 'Premium_LRS', sizeGb: 128, ...extra });
const vm = (extra: Partial<VmProfile> = {}): VmProfile => ({
  id: '/subscriptions/s/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-01',
  subscriptionId: 's',
  resourceGroup: 'rg-app',
  name: 'app-01',
  location: 'westeurope',
  agent: 'Ready',
  powerState: 'running',
  osDisk: disk('app-01-os'),
  dataDisks: [],
  ...extra,
});
const rules = (v: VmProfile, policy: 'Standard' | 'Enhanced' = 'Standard') => supportFindings(v, policy).map((f) => [f.rule, f.outcome]);

describe('support matrix rules for Azure VM backup', () => {
  it('names every rule with a row of the support matrix', () => {
    expect(SUPPORT_RULES.map((r) => r.id)).toEqual(['confidential-vm', 'trusted-launch-policy', 'ultra-disk-policy', 'premium-ssd-v2-policy', 'data-disk-count', 'disk-size', 'unmanaged-disks', 'write-accelerator', 'coreos']);
    for (const r of SUPPORT_RULES) expect(r.url.startsWith(`${SUPPORT_MATRIX_URL}#`)).toBe(true);
  });

  it('passes a plain VM with managed Premium disks', () => {
    expect(rules(vm({ dataDisks: [disk('d0'), disk('d1')] }))).toEqual([]);
  });

  it('confidential-vm: a Confidential VM fails whatever the policy', () => {
    expect(rules(vm({ securityType: 'ConfidentialVM' }), 'Enhanced')).toEqual([['confidential-vm', 'fail']]);
  });

  it('trusted-launch-policy: Trusted Launch fails with a Standard policy, passes with an Enhanced one', () => {
    expect(rules(vm({ securityType: 'TrustedLaunch' }))).toEqual([['trusted-launch-policy', 'fail']]);
    expect(rules(vm({ securityType: 'TrustedLaunch' }), 'Enhanced')).toEqual([]);
  });

  it('ultra-disk-policy and premium-ssd-v2-policy: need an Enhanced policy', () => {
    const ultra = vm({ dataDisks: [disk('fast', { storageAccountType: 'UltraSSD_LRS' })] });
    expect(rules(ultra)).toEqual([['ultra-disk-policy', 'fail']]);
    expect(supportFindings(ultra, 'Standard')[0].text).toContain('fast');
    expect(rules(ultra, 'Enhanced')).toEqual([]);
    expect(rules(vm({ dataDisks: [disk('v2', { storageAccountType: 'PremiumV2_LRS' })] }))).toEqual([['premium-ssd-v2-policy', 'fail']]);
  });

  it(`data-disk-count: up to ${MAX_DATA_DISKS} data disks`, () => {
    const many = (n: number) => vm({ dataDisks: Array.from({ length: n }, (_, i) => disk(`d${i}`, { lun: i, sizeGb: 4 })) });
    expect(rules(many(MAX_DATA_DISKS))).toEqual([]);
    expect(rules(many(MAX_DATA_DISKS + 1))).toEqual([['data-disk-count', 'fail']]);
  });

  it('disk-size: 64 TB a disk, 512 TB a VM', () => {
    expect(rules(vm({ dataDisks: [disk('huge', { sizeGb: 64 * 1024 })] }))).toEqual([]);
    expect(rules(vm({ dataDisks: [disk('huge', { sizeGb: 64 * 1024 + 1 })] }))).toEqual([['disk-size', 'fail']]);
    const nine = vm({ dataDisks: Array.from({ length: 9 }, (_, i) => disk(`d${i}`, { sizeGb: 60 * 1024 })) });
    expect(rules(nine)).toEqual([['disk-size', 'fail']]);
    expect(supportFindings(nine, 'Standard')[0].text).toContain('512 TB');
  });

  it('unmanaged-disks: a warning (deprecated)', () => {
    expect(rules(vm({ osDisk: disk('os', { managed: false, storageAccountType: undefined }) }))).toEqual([['unmanaged-disks', 'warn']]);
  });

  it('write-accelerator: a warning (needs internet connectivity)', () => {
    expect(rules(vm({ dataDisks: [disk('log', { writeAccelerator: true })] }))).toEqual([['write-accelerator', 'warn']]);
  });

  it('coreos: CoreOS images fail; an ephemeral OS disk is supported', () => {
    expect(rules(vm({ image: { publisher: 'CoreOS', offer: 'CoreOS', sku: 'Stable' } }))).toEqual([['coreos', 'fail']]);
    expect(rules(vm({ osDisk: disk('os', { ephemeral: true, storageAccountType: 'Standard_LRS' }) }))).toEqual([]);
  });
});

describe('locks', () => {
  const lock = (resourceGroup: string | undefined, level: ResourceLock['level'] = 'CanNotDelete'): ResourceLock => ({
    id: `/subscriptions/s${resourceGroup ? `/resourceGroups/${resourceGroup}` : ''}/providers/Microsoft.Authorization/locks/l`,
    name: 'l',
    level,
    subscriptionId: 's',
    ...(resourceGroup ? { resourceGroup } : {}),
  });
  const target = { name: 'app-01', resourceGroup: 'rg-app', location: 'westeurope', unmanagedDisks: false };
  const findings = (locks: ResourceLock[], t = target) => lockFindings(t, locks).map((f) => [f.rule, f.outcome]);

  it('knows the AzureBackupRG_<geo>_<number> groups of a region', () => {
    expect(isRestorePointGroup('AzureBackupRG_westeurope_1', 'westeurope')).toBe(true);
    expect(isRestorePointGroup('azurebackuprg_westeurope_12', 'westeurope')).toBe(true);
    expect(isRestorePointGroup('AzureBackupRG_northeurope_1', 'westeurope')).toBe(false);
    expect(isRestorePointGroup('AzureBackupRG_westeurope_x', 'westeurope')).toBe(false);
  });

  it('a lock on a restore point group, or on the subscription, fails; NotSpecified is no lock', () => {
    expect(findings([lock('AzureBackupRG_westeurope_1', 'ReadOnly')])).toEqual([['restore-point-group-lock', 'fail']]);
    expect(findings([lock(undefined)])).toEqual([['restore-point-group-lock', 'fail']]);
    expect(findings([lock('AzureBackupRG_westeurope_1', 'NotSpecified')])).toEqual([]);
    expect(findings([lock('AzureBackupRG_eastus_1')])).toEqual([]);
  });

  it('a lock on the VM\'s group warns for managed disks and fails for unmanaged ones', () => {
    expect(findings([lock('rg-app')])).toEqual([['vm-group-lock', 'warn']]);
    expect(findings([lock('rg-app')], { ...target, unmanagedDisks: true })).toEqual([['vm-group-lock', 'fail']]);
    expect(findings([lock('rg-other')])).toEqual([]);
  });

  it('a lock on the VM itself counts as one on its group; one on another resource of the group does not', () => {
    const vmId = '/subscriptions/s/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/app-01';
    const onVm = { ...lock('rg-app'), resourceId: vmId };
    const onDisk = { ...lock('rg-app'), resourceId: '/subscriptions/s/resourceGroups/rg-app/providers/Microsoft.Compute/disks/data-1' };
    expect(findings([onVm], { ...target, id: vmId } as typeof target)).toEqual([['vm-group-lock', 'warn']]);
    expect(lockFindings({ ...target, id: vmId }, [onVm])[0].text).toContain('l (CanNotDelete on app-01)');
    expect(findings([onDisk], { ...target, id: vmId } as typeof target)).toEqual([]);
  });
});
