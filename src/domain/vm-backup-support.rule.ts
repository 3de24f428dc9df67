/**
 * The rules of Microsoft's "Support matrix for Azure VM backups" that can be read off a VM's
 * resource (disks, security type, image) and the kind of policy that would protect it. Each rule
 * names the row of the matrix it comes from; docs/checks.md lists them. Pure functions: the
 * pre-flight check (src/flows/preflight-checks.ts) runs them.
 *
 * Source: https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas (read 2026-12-07,
 * ms.date 01/28/2026).
 */
import type { ResourceLock, VmDisk, VmProfile } from './backup.types';

export const SUPPORT_MATRIX_URL = 'https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas';

/** Standard (V1, daily/weekly) is the only kind the bot creates and lists; Enhanced is the portal's. */
export type PolicyKind = 'Standard' | 'Enhanced';

export interface SupportFinding {
  rule: string;
  outcome: 'warn' | 'fail';
  /** What is wrong, in a sentence. */
  text: string;
  /** What to do about it. */
  action: string;
  source: { title: string; url: string };
}

export interface SupportRule {
  id: string;
  /** The matrix row, as the doc words it. */
  title: string;
  url: string;
  check(vm: VmProfile, policy: PolicyKind): Omit<SupportFinding, 'rule' | 'source'> | undefined;
}

const STORAGE = `${SUPPORT_MATRIX_URL}#vm-storage-support`;
/** "Support for backup of Azure VMs is up to 32 disks." */
export const MAX_DATA_DISKS = 32;
/** "Individual disk size can be up to 64 TB and a maximum of 512 TB combined for all disks in a VM." */
export const MAX_DISK_GB = 64 * 1024;
export const MAX_TOTAL_DISK_GB = 512 * 1024;

const disks = (vm: VmProfile): VmDisk[] => [...(vm.osDisk ? [vm.osDisk] : []), ...vm.dataDisks];
const names = (list: VmDisk[]): string => list.map((d) => d.name).join(', ');
const ofType = (vm: VmProfile, type: string): VmDisk[] => disks(vm).filter((d) => d.storageAccountType?.toLowerCase() === type.toLowerCase());

export const SUPPORT_RULES: readonly SupportRule[] = [
  {
    id: 'confidential-vm',
    title: 'Back up confidential VMs: Unsupported',
    url: `${SUPPORT_MATRIX_URL}#vm-compute-support`,
    check: (vm) =>
      vm.securityType?.toLowerCase() === 'confidentialvm'
        ? { outcome: 'fail', text: `${vm.name} is a Confidential VM: Azure Backup does not back up Confidential VMs.`, action: 'Protect its data another way (disk snapshots, or a backup agent inside the VM).' }
        : undefined,
  },
  {
    id: 'trusted-launch-policy',
    title: 'Back up trusted launch VMs: with a Standard policy only through REST API 2025-01-01 and later',
    url: `${SUPPORT_MATRIX_URL}#tvm-backup`,
    check: (vm, policy) =>
      vm.securityType?.toLowerCase() === 'trustedlaunch' && policy === 'Standard'
        ? {
            outcome: 'fail',
            text: `${vm.name} is a Trusted Launch VM: the bot protects VMs with a Standard policy through Azure Backup API 2023-06-01, and Azure accepts a Trusted Launch VM with a Standard policy only from API 2025-01-01 on.`,
            action: 'Protect it with an Enhanced policy from the Azure portal (Backup center or the VM\'s Backup blade).',
          }
        : undefined,
  },
  {
    id: 'ultra-disk-policy',
    title: 'Ultra disks: supported with Enhanced policy',
    url: `${SUPPORT_MATRIX_URL}#ultra-disk-backup`,
    check: (vm, policy) => {
      const ultra = ofType(vm, 'UltraSSD_LRS');
      return ultra.length && policy === 'Standard'
        ? { outcome: 'fail', text: `${vm.name} has an Ultra disk (${names(ultra)}): Azure Backup protects Ultra disks only with an Enhanced policy.`, action: 'Protect it with an Enhanced policy from the Azure portal.' }
        : undefined;
    },
  },
  {
    id: 'premium-ssd-v2-policy',
    title: 'Premium SSD v2: supported with Enhanced policy',
    url: `${SUPPORT_MATRIX_URL}#premium-ssd-v2-backup`,
    check: (vm, policy) => {
      const v2 = ofType(vm, 'PremiumV2_LRS');
      return v2.length && policy === 'Standard'
        ? { outcome: 'fail', text: `${vm.name} has a Premium SSD v2 disk (${names(v2)}): Azure Backup protects them only with an Enhanced policy.`, action: 'Protect it with an Enhanced policy from the Azure portal.' }
        : undefined;
    },
  },
  {
    id: 'data-disk-count',
    title: `Azure VM data disks: backup is supported up to ${MAX_DATA_DISKS} disks`,
    url: STORAGE,
    check: (vm) =>
      vm.dataDisks.length > MAX_DATA_DISKS
        ? { outcome: 'fail', text: `${vm.name} has ${vm.dataDisks.length} data disks; Azure Backup backs up VMs with up to ${MAX_DATA_DISKS}.`, action: `Detach disks down to ${MAX_DATA_DISKS}, or exclude some with selective disk backup (portal).` }
        : undefined,
  },
  {
    id: 'disk-size',
    title: 'Data disk size: up to 64 TB each, 512 TB combined',
    url: STORAGE,
    check: (vm) => {
      const all = disks(vm);
      const big = all.filter((d) => (d.sizeGb ?? 0) > MAX_DISK_GB);
      if (big.length) return { outcome: 'fail', text: `${names(big)} ${big.length === 1 ? 'is' : 'are'} larger than 64 TB, the largest disk Azure Backup backs up.`, action: 'Exclude the disk with selective disk backup (portal), or split its data.' };
      const total = all.reduce((sum, d) => sum + (d.sizeGb ?? 0), 0);
      return total > MAX_TOTAL_DISK_GB
        ? { outcome: 'fail', text: `${vm.name}'s disks add up to ${Math.round(total / 1024)} TB; Azure Backup backs up at most 512 TB per VM.`, action: 'Exclude disks with selective disk backup (portal).' }
        : undefined;
    },
  },
  {
    id: 'unmanaged-disks',
    title: 'Azure VM data disks: backup of VMs with unmanaged disks is deprecated',
    url: STORAGE,
    check: (vm) => {
      const unmanaged = disks(vm).filter((d) => !d.managed);
      return unmanaged.length
        ? { outcome: 'warn', text: `${vm.name} uses unmanaged disks (${names(unmanaged)}): Azure has deprecated backup support for them.`, action: 'Convert the VM to managed disks (Azure portal: Disks, Migrate to managed disks).' }
        : undefined;
    },
  },
  {
    id: 'write-accelerator',
    title: 'Disks with a write accelerator enabled: need internet connectivity for a successful backup',
    url: STORAGE,
    check: (vm) => {
      const wa = disks(vm).filter((d) => d.writeAccelerator);
      return wa.length
        ? { outcome: 'warn', text: `${names(wa)} ${wa.length === 1 ? 'has' : 'have'} Write Accelerator on: the VM needs internet connectivity for its backups, even if the disk is excluded.`, action: 'Allow outbound access from the VM, or exclude the disk with selective disk backup.' }
        : undefined;
    },
  },
  {
    id: 'coreos',
    title: 'Operating system support (Linux): agent-based VM backup doesn\'t support CoreOS Linux',
    url: `${SUPPORT_MATRIX_URL}#operating-system-support-linux`,
    check: (vm) =>
      /coreos/i.test(`${vm.image?.publisher ?? ''} ${vm.image?.offer ?? ''}`)
        ? { outcome: 'fail', text: `${vm.name} runs CoreOS Linux, which agent-based VM backup does not support.`, action: 'Use agentless crash-consistent backup (portal), or move the workload to an endorsed distribution.' }
        : undefined,
  },
];

/** Every finding of every rule for this VM and policy kind, in the rules' order. */
export function supportFindings(vm: VmProfile, policy: PolicyKind): SupportFinding[] {
  const out: SupportFinding[] = [];
  for (const rule of SUPPORT_RULES) {
    const found = rule.check(vm, policy);
    if (found) out.push({ ...found, rule: rule.id, source: { title: `Support matrix for Azure VM backups: ${rule.title}`, url: rule.url } });
  }
  return out;
}

// ---- locks ----------------------------------------------------------------------------------------

/** Why a lock on the restore point group breaks backups, and how to remove it. */
export const RESTORE_POINT_LOCK_URL =
  'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout#usererrorrpcollectionlimitreached---the-restore-point-collection-max-limit-has-reached';
const LOCK_ROW = 'Back up managed disks after enabling a resource group lock: Not supported';

/** AzureBackupRG_<geo>_<number>: the groups Azure Backup keeps a region's restore point collections in. */
export function isRestorePointGroup(resourceGroup: string, location: string): boolean {
  const geo = location.replace(/[^A-Za-z0-9]/g, '');
  return new RegExp(`^AzureBackupRG_${geo}_\\d+$`, 'i').test(resourceGroup);
}

const blocking = (l: ResourceLock): boolean => l.level === 'CanNotDelete' || l.level === 'ReadOnly';
const lockWords = (l: ResourceLock): string =>
  `${l.name} (${l.level}${l.resourceId ? ` on ${l.resourceId.split('/').pop()}` : l.resourceGroup ? ` on ${l.resourceGroup}` : ' on the subscription'})`;

/**
 * Locks that matter to backing up this VM. A CanNotDelete or ReadOnly lock on a restore point
 * group (or on the whole subscription) stops Azure Backup from deleting old restore points, so
 * backups fail once a VM has 18: a failure. A lock on the VM's own group is supported for
 * managed disks (a warning: it is inherited by anything created there) and not for unmanaged ones.
 */
export function lockFindings(vm: { id?: string; name: string; resourceGroup: string; location: string; unmanagedDisks: boolean }, locks: readonly ResourceLock[]): SupportFinding[] {
  const out: SupportFinding[] = [];
  const cleanup = locks.filter((l) => blocking(l) && (!l.resourceGroup || (isRestorePointGroup(l.resourceGroup, vm.location) && !l.resourceId)));
  if (cleanup.length) {
    out.push({
      rule: 'restore-point-group-lock',
      outcome: 'fail',
      text: `${cleanup.map(lockWords).join(', ')} stops Azure Backup from cleaning up ${vm.name}'s restore points: backups fail once 18 are kept (UserErrorRpCollectionLimitReached).`,
      action: 'Remove the lock from the AzureBackupRG_<region>_<n> group (Azure portal: the group, Settings, Locks), then enable backup.',
      source: { title: `Troubleshoot Azure Backup: UserErrorRpCollectionLimitReached; support matrix: ${LOCK_ROW}`, url: RESTORE_POINT_LOCK_URL },
    });
  }
  // The group itself, or the VM; a lock on another resource of the group does not touch the VM's backups.
  const own = locks.filter(
    (l) => blocking(l) && l.resourceGroup?.toLowerCase() === vm.resourceGroup.toLowerCase() && (!l.resourceId || (vm.id !== undefined && l.resourceId.toLowerCase() === vm.id.toLowerCase())),
  );
  if (own.length) {
    out.push({
      rule: 'vm-group-lock',
      outcome: vm.unmanagedDisks ? 'fail' : 'warn',
      text: vm.unmanagedDisks
        ? `${own.map(lockWords).join(', ')} locks ${vm.name}'s resource group, and Azure Backup does not support locked VMs with unmanaged disks.`
        : `${own.map(lockWords).join(', ')} locks ${vm.name}'s resource group: supported for managed disks, but the lock also applies to any restore point collection kept there.`,
      action: vm.unmanagedDisks ? 'Remove the lock, or convert the VM to managed disks.' : 'Keep restore points out of this group (the default AzureBackupRG_<region>_<n>), and do not lock those groups.',
      source: { title: 'Support matrix for Azure VM backups: Back up Azure VMs with locks: Supported for managed VMs', url: `${SUPPORT_MATRIX_URL}#vm-compute-support` },
    });
  }
  return out;
}
