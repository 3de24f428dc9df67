import { createHash } from 'node:crypto';
import type { BackupEngine } from '../backup/backup-engine';
import { newVaultRecord } from '../backup/vault-factory';
import type { BackupStore } from '../state/backup-store';
import type { ResourceGroups } from '../state/resource-groups';
import type { VmRecord } from '../state/model';
import { vmResourceId } from '../state/resource-ids';
import type { VmInventory } from '../state/vm-inventory';
import { SEED, SEED_REGIONS, SEED_VMS, VAULT_RESOURCE_GROUP, type SeedVmSpec } from './seed-ids';

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOWS_IMAGE = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' };
const LINUX_IMAGE = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' };

export interface SeedTargets {
  vms: VmInventory;
  groups: ResourceGroups;
  store: BackupStore;
  engine: BackupEngine;
  now: number;
  backupJobDurationMs: number;
}

/**
 * Fills the emulator with the demo inventory: the hand-written VMs, one vault per region in
 * subscription 1 (each with its DefaultPolicy), web-01 protected with five days of completed
 * daily backups, and `extraVms` generated VMs for scale tests; the resource groups are those of
 * the VMs and vaults. Deterministic for a given start time.
 */
export function seedInventory(targets: SeedTargets, extraVms: number): void {
  const { vms, store, now } = targets;
  for (const spec of SEED_VMS) vms.add(seedVm(spec, now));
  for (let i = 1; i <= extraVms; i++) vms.add(extraVm(i, now));

  for (const region of SEED_REGIONS) {
    store.addVault(
      newVaultRecord({
        subscriptionId: SEED.subscriptions.production,
        resourceGroup: VAULT_RESOURCE_GROUP,
        name: SEED.vaultNames[region],
        location: region,
        now: now - 30 * DAY_MS,
        tags: { environment: 'production' },
        identityType: 'SystemAssigned',
      }),
    );
  }
  seedResourceGroups(targets);
  seedProtectedVm(targets);
}

/** Every group that holds a seeded VM or vault exists, in the region of the first resource put in it. */
function seedResourceGroups({ vms, groups, store, now }: SeedTargets): void {
  const createdAt = now - 180 * DAY_MS;
  for (const subscriptionId of SEED.subscriptionIds) {
    for (const vm of vms.inSubscription(subscriptionId)) groups.ensure(vm.subscriptionId, vm.resourceGroup, vm.location, createdAt);
  }
  for (const vault of store.allVaults()) groups.ensure(vault.subscriptionId, vault.resourceGroup, vault.location, createdAt);
}

/** web-01: configured a week ago, then backed up every day at 19:00 UTC (DefaultPolicy). */
function seedProtectedVm({ vms, store, engine, now, backupJobDurationMs }: SeedTargets): void {
  const vault = store.vault(SEED.protectedVmVaultId);
  const vm = vms.get(SEED.protectedVmId);
  if (!vault || !vm) return;
  const { item, job } = engine.configureProtection(vault, vm, SEED.protectedVmPolicyName);
  const configuredAt = now - 7 * DAY_MS;
  engine.finishConfigure(job);
  job.startTime = configuredAt;
  job.endTime = configuredAt + 35_000;
  item.createdAt = configuredAt;
  const today1900 = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 19);
  const lastRun = today1900 <= now ? today1900 : today1900 - DAY_MS;
  for (let day = 4; day >= 0; day--) {
    const at = lastRun - day * DAY_MS;
    engine.recordPastBackup(vault, item, vm, at, at + 30 * DAY_MS, backupJobDurationMs);
  }
}

function seedVm(spec: SeedVmSpec, now: number): VmRecord {
  const id = vmResourceId(spec.subscriptionId, spec.resourceGroup, spec.name);
  const agent = spec.agent !== false;
  return {
    id,
    subscriptionId: spec.subscriptionId,
    resourceGroup: spec.resourceGroup,
    name: spec.name,
    location: spec.location,
    vmId: stableGuid(id),
    osType: spec.os,
    vmSize: spec.size,
    powerState: spec.power,
    agentInstalled: agent,
    agentVersion: agent ? (spec.os === 'Windows' ? '2.7.41491.1102' : '2.9.1.1') : undefined,
    image: spec.os === 'Windows' ? WINDOWS_IMAGE : LINUX_IMAGE,
    // Database servers carry data disks; the rest only their OS disk.
    dataDiskSizesGB: /^(sql|dev-sql|redis|etl)/.test(spec.name) ? [512, 256] : [],
    ...SEED_SHAPES[spec.name],
    timeCreated: now - 120 * DAY_MS,
    tags: { environment: spec.subscriptionId === SEED.subscriptions.production ? 'production' : 'dev-test', role: spec.name.replace(/-\d+$/, ''), ...spec.tags },
  };
}

/**
 * VMs with the configurations Azure Backup's support matrix for VMs calls out, so that the
 * pre-flight check meets each rule on a real VM resource (see docs/checks.md).
 */
const SEED_SHAPES: Readonly<Record<string, Partial<VmRecord>>> = {
  // An Ultra disk: supported only with an Enhanced policy.
  'spark-01': { dataDiskSizesGB: [1024, 512], dataDiskTypes: ['UltraSSD_LRS', 'Premium_LRS'] },
  // Trusted Launch: with a Standard policy only from Backup API 2025-01-01 on.
  'sql-02': { securityType: 'TrustedLaunch' },
  // A data disk with Write Accelerator: backed up, but the VM needs internet access for it.
  'report-01': { dataDiskSizesGB: [256], writeAcceleratorLuns: [0] },
  // Unmanaged (VHD) disks: backup support is deprecated.
  'build-02': { osDisk: 'unmanaged' },
  // An ephemeral OS disk: supported (NVMe/ephemeral disks) in the current matrix.
  'ci-runner-01': { osDisk: 'ephemeral' },
};

/** Generated VMs spread over both subscriptions, the three regions and 25 resource groups. */
function extraVm(i: number, now: number): VmRecord {
  const subscriptionId = SEED.subscriptionIds[i % 2];
  const location = SEED_REGIONS[i % 3];
  const resourceGroup = `rg-scale-${String(i % 25).padStart(2, '0')}`;
  const name = `vm-scale-${String(i).padStart(6, '0')}`;
  const windows = i % 4 === 0;
  return {
    id: vmResourceId(subscriptionId, resourceGroup, name),
    subscriptionId,
    resourceGroup,
    name,
    location,
    vmId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    osType: windows ? 'Windows' : 'Linux',
    vmSize: 'Standard_B2s',
    powerState: i % 10 === 0 ? 'deallocated' : 'running',
    agentInstalled: true,
    agentVersion: '2.9.1.1',
    image: windows ? WINDOWS_IMAGE : LINUX_IMAGE,
    dataDiskSizesGB: [],
    timeCreated: now - 60 * DAY_MS,
    tags: { environment: 'scale-test' },
  };
}

/** A GUID derived from a string, so seeded ids are the same on every start. */
export function stableGuid(seed: string): string {
  const hex = createHash('sha1').update(seed.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
