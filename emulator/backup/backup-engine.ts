import { randomUUID } from 'node:crypto';
import type { EmulatedClock } from '../clock/emulated-clock';
import type { ManagementLocks } from '../state/locks';
import type { FaultInjector } from '../faults/fault-injector';
import type { BackupStore } from '../state/backup-store';
import { itemKey } from '../state/backup-store';
import type { JobOperation, JobRecord, JobTask, ProtectedItemRecord, RecoveryPointRecord, VaultRecord, VmRecord } from '../state/model';
import type { ResourceGroups } from '../state/resource-groups';
import { iaasVmNames } from '../state/resource-ids';
import type { VmInventory } from '../state/vm-inventory';
import { JOB_ERRORS, JOB_WARNINGS, type JobErrorSpec } from './azure-error-catalog';
import { nextRunAfter, policySchedule } from './policy-schedule';
import { scheduledExpiry } from './retention';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Azure keeps an on-demand point 30 days when the request names no expiry. */
export const DEFAULT_ADHOC_RETENTION_MS = 30 * DAY_MS;

/** Soft delete keeps deleted backup data 14 more days (backup-azure-security-feature-cloud.md). */
export const SOFT_DELETE_RETENTION_MS = 14 * DAY_MS;

/** Azure keeps an on-demand VM backup at most 99 years ("Retain Backup Till"). */
export const MAX_ADHOC_RETENTION_YEARS = 99;

/** The latest expiry an on-demand backup started at `now` may ask for (calendar years, UTC). */
export function latestAdhocExpiry(now: number): number {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() + MAX_ADHOC_RETENTION_YEARS);
  return date.getTime();
}

export interface EngineTimings {
  backupJobDurationMs: number;
  configureJobDurationMs: number;
  cancelDelayMs: number;
}

export interface EngineDeps {
  clock: EmulatedClock;
  store: BackupStore;
  vms: VmInventory;
  /** Where Azure Backup puts each region's restore point collections (AzureBackupRG_<geo>_1). */
  groups: ResourceGroups;
  faults: FaultInjector;
  /** Management locks: a lock on a region's AzureBackupRG_<geo>_<n> group fails its backups as the fault does. */
  locks?: ManagementLocks;
  timings: EngineTimings;
}

/** The group Azure Backup creates for a region's instant-restore snapshots (the one a lock breaks). */
export function restorePointGroupName(location: string): string {
  return `AzureBackupRG_${location}_1`;
}

export interface BackupRequestOptions {
  expiry: number;
  userTriggered: boolean;
}

/**
 * Runs Azure Backup's work on the emulated clock: configure-protection jobs, backup jobs
 * (snapshot, then transfer, then a recovery point), cancellation, and each protected item's
 * scheduled backups per its policy.
 */
export class BackupEngine {
  private rpCounter = 0;

  constructor(private readonly deps: EngineDeps) {}

  /** Creates (or re-protects) the item and starts its ConfigureBackup job. */
  configureProtection(vault: VaultRecord, vm: VmRecord, policyName: string): { item: ProtectedItemRecord; job: JobRecord } {
    const { store, clock } = this.deps;
    const names = iaasVmNames(vm.resourceGroup, vm.name);
    let item = store.item(vault.id, names.itemName);
    if (!item) {
      item = {
        key: itemKey(vault.id, names.itemName),
        vaultId: vault.id,
        vmId: vm.id,
        vmName: vm.name,
        vmResourceGroup: vm.resourceGroup,
        containerName: names.containerName,
        itemName: names.itemName,
        policyName,
        protectionState: 'IRPending',
        lastBackupStatus: '',
        healthStatus: 'Passed',
        protectionStatus: 'Healthy',
        protectedItemDataId: numericId(vm.id),
        recoveryPoints: [],
        createdAt: clock.now(),
      };
      store.addItem(item);
    } else {
      item.policyName = policyName;
      if (item.protectionState === 'ProtectionStopped') {
        item.protectionState = item.recoveryPoints.length > 0 ? 'Protected' : 'IRPending';
      }
    }
    const job = this.newJob(vault, item, 'ConfigureBackup', true, this.deps.timings.configureJobDurationMs, [
      { taskId: 'Configure backup', status: 'InProgress', startTime: clock.now() },
    ]);
    item.activeJobName = job.name;
    job.timers.push(clock.schedule(job.startTime + job.plannedDurationMs, () => this.finishConfigure(job)));
    return { item, job };
  }

  /** Ends a ConfigureBackup job (idempotent): fails it when the VM has no working agent. */
  finishConfigure(job: JobRecord): void {
    if (job.status !== 'InProgress') return;
    const item = this.deps.store.itemByKey(job.itemKey);
    const failure = item ? this.agentFailure(item) : undefined;
    this.endJob(job, failure ? 'Failed' : 'Completed', failure ? [failure] : []);
    if (!item) return;
    if (item.activeJobName === job.name) item.activeJobName = undefined;
    if (failure) {
      if (item.recoveryPoints.length === 0) this.deps.store.removeItem(item);
      return;
    }
    this.scheduleItem(item);
  }

  /** Stop protection, keep data: no more scheduled backups. */
  stopProtection(vault: VaultRecord, item: ProtectedItemRecord): JobRecord {
    this.unscheduleItem(item);
    item.protectionState = 'ProtectionStopped';
    item.policyName = undefined;
    const job = this.newJob(vault, item, 'DisableBackup', true, 0, [{ taskId: 'Disable backup', status: 'Completed' }]);
    this.endJob(job, 'Completed');
    return job;
  }

  /**
   * Stop protection and delete data. With soft delete on (the vault's default) the item stays 14
   * days, stopped, with its recovery points, marked for deferred delete, and can be undeleted;
   * with it off, or when those days are over, the item and its points go away.
   */
  deleteProtection(vault: VaultRecord, item: ProtectedItemRecord): JobRecord {
    this.unscheduleItem(item);
    const running = item.activeJobName ? this.deps.store.job(vault.id, item.activeJobName) : undefined;
    if (running && running.status === 'InProgress') this.cancelNow(running);
    const job = this.newJob(vault, item, 'DeleteBackupData', true, 0, [{ taskId: 'Delete backup data', status: 'Completed' }]);
    this.endJob(job, 'Completed');
    if (vault.softDeleteFeatureState !== 'Enabled') {
      this.deps.store.removeItem(item);
      return job;
    }
    const { clock, store } = this.deps;
    item.protectionState = 'ProtectionStopped';
    item.policyName = undefined;
    item.deferredDeleteAt = clock.now() + SOFT_DELETE_RETENTION_MS;
    item.purgeTimer = clock.schedule(item.deferredDeleteAt, () => {
      item.purgeTimer = undefined;
      if (store.itemByKey(item.key) === item && item.deferredDeleteAt !== undefined) store.removeItem(item);
    });
    return job;
  }

  isSoftDeleted(item: ProtectedItemRecord): boolean {
    return item.deferredDeleteAt !== undefined;
  }

  /** Undelete (isRehydrate): the item leaves soft delete and stays stopped with its data, ready to resume. */
  undelete(vault: VaultRecord, item: ProtectedItemRecord): JobRecord {
    if (item.purgeTimer !== undefined) this.deps.clock.cancel(item.purgeTimer);
    item.purgeTimer = undefined;
    item.deferredDeleteAt = undefined;
    const job = this.newJob(vault, item, 'Undelete', true, 0, [{ taskId: 'Undelete', status: 'Completed' }]);
    this.endJob(job, 'Completed');
    return job;
  }

  /** Starts a Backup job; undefined when another job already runs on the item. */
  startBackup(vault: VaultRecord, item: ProtectedItemRecord, options: BackupRequestOptions): JobRecord | undefined {
    if (this.isBusy(vault, item)) return undefined;
    const { clock } = this.deps;
    const duration = this.deps.timings.backupJobDurationMs;
    const now = clock.now();
    const job = this.newJob(vault, item, 'Backup', options.userTriggered, duration, [
      { taskId: 'Take Snapshot', status: 'InProgress', startTime: now },
      { taskId: 'Transfer data to vault', status: 'NotStarted' },
    ]);
    job.recoveryPointExpiry = options.expiry;
    item.activeJobName = job.name;
    const snapshotAt = now + Math.floor(duration / 3);
    job.timers.push(clock.schedule(snapshotAt, () => this.finishSnapshot(job)));
    job.timers.push(clock.schedule(now + duration, () => this.finishBackup(job, snapshotAt)));
    return job;
  }

  isBusy(vault: VaultRecord, item: ProtectedItemRecord): boolean {
    if (!item.activeJobName) return false;
    const job = this.deps.store.job(vault.id, item.activeJobName);
    return job !== undefined && (job.status === 'InProgress' || job.status === 'Cancelling');
  }

  /** Moves a running job to Cancelling; `finishCancel` ends it. False when the job already ended. */
  requestCancel(job: JobRecord): boolean {
    if (job.status === 'Cancelling') return true;
    if (job.status !== 'InProgress') return false;
    for (const timer of job.timers) this.deps.clock.cancel(timer);
    job.timers = [];
    job.status = 'Cancelling';
    return true;
  }

  finishCancel(job: JobRecord): void {
    if (job.status !== 'Cancelling') return;
    this.cancelNow(job);
  }

  /** Follows the item's policy: schedules its next backup (replacing any pending one). */
  scheduleItem(item: ProtectedItemRecord): void {
    this.unscheduleItem(item);
    if (!item.policyName || item.protectionState === 'ProtectionStopped') return;
    const vault = this.deps.store.vault(item.vaultId);
    const policy = vault?.policies.get(item.policyName.toLowerCase());
    if (!vault || !policy) return;
    const schedule = policySchedule(policy.properties);
    const next = schedule ? nextRunAfter(schedule, this.deps.clock.now()) : undefined;
    if (next === undefined) return;
    item.scheduleTimer = this.deps.clock.schedule(next, () => {
      item.scheduleTimer = undefined;
      const current = this.deps.store.itemByKey(item.key);
      if (current !== item || item.protectionState === 'ProtectionStopped') return;
      const livePolicy = vault.policies.get((item.policyName ?? '').toLowerCase());
      if (livePolicy) {
        const expiry = scheduledExpiry(livePolicy.properties, next) ?? next + DEFAULT_ADHOC_RETENTION_MS;
        this.startBackup(vault, item, { expiry, userTriggered: false });
      }
      this.scheduleItem(item);
    });
  }

  unscheduleItem(item: ProtectedItemRecord): void {
    if (item.scheduleTimer !== undefined) this.deps.clock.cancel(item.scheduleTimer);
    item.scheduleTimer = undefined;
  }

  /** A policy change re-configures every item that follows it: one ConfigureBackup job each. */
  reconfigureForPolicy(vault: VaultRecord, policyName: string): string[] {
    const names: string[] = [];
    for (const item of this.deps.store.itemsInVault(vault.id)) {
      if (item.policyName?.toLowerCase() !== policyName.toLowerCase()) continue;
      const job = this.newJob(vault, item, 'ConfigureBackup', true, 0, [{ taskId: 'Configure backup', status: 'Completed' }]);
      this.endJob(job, 'Completed');
      this.scheduleItem(item);
      names.push(job.name);
    }
    return names;
  }

  /** Recovery points still within their retention, newest first; expired ones are dropped. */
  liveRecoveryPoints(item: ProtectedItemRecord): RecoveryPointRecord[] {
    const now = this.deps.clock.now();
    item.recoveryPoints = item.recoveryPoints.filter((rp) => rp.expiry > now);
    return [...item.recoveryPoints].sort((a, b) => b.time - a.time);
  }

  /** Adds a completed point directly (used by the seed to give a VM its history). */
  addRecoveryPoint(item: ProtectedItemRecord, vm: VmRecord, time: number, expiry: number): RecoveryPointRecord {
    const rp: RecoveryPointRecord = {
      name: this.nextRecoveryPointName(time),
      time,
      type: recoveryPointType(vm),
      expiry,
      vmSize: vm.vmSize,
      osType: vm.osType,
    };
    item.recoveryPoints.push(rp);
    // Azure Backup creates the restore point collection's group with the first snapshot in a region.
    this.deps.groups.ensure(vm.subscriptionId, restorePointGroupName(vm.location), vm.location, time);
    return rp;
  }

  /** Records a backup that already happened (seed history): a completed job and its recovery point. */
  recordPastBackup(vault: VaultRecord, item: ProtectedItemRecord, vm: VmRecord, at: number, expiry: number, durationMs: number): void {
    const end = at + durationMs;
    const job = this.newJob(vault, item, 'Backup', false, durationMs, [
      { taskId: 'Take Snapshot', status: 'Completed', startTime: at, endTime: at + Math.floor(durationMs / 3) },
      { taskId: 'Transfer data to vault', status: 'Completed', startTime: at + Math.floor(durationMs / 3), endTime: end },
    ]);
    job.startTime = at;
    job.status = 'Completed';
    job.endTime = end;
    job.recoveryPointExpiry = expiry;
    this.addRecoveryPoint(item, vm, at, expiry);
    item.protectionState = 'Protected';
    item.lastBackupStatus = 'Completed';
    item.lastBackupTime = Math.max(item.lastBackupTime ?? 0, at);
  }

  private finishSnapshot(job: JobRecord): void {
    if (job.status !== 'InProgress') return;
    const item = this.deps.store.itemByKey(job.itemKey);
    // Azure lists every cause it found in errorDetails (an array in bms.json), not only the first.
    const failures = item ? [this.agentFailure(item), this.lockFailure(item)].filter((f): f is JobErrorSpec => f !== undefined) : [];
    const [snapshot, transfer] = job.tasks;
    snapshot.endTime = this.deps.clock.now();
    if (failures.length > 0) {
      snapshot.status = 'Failed';
      transfer.status = 'Cancelled';
      for (const timer of job.timers) this.deps.clock.cancel(timer);
      job.timers = [];
      this.endJob(job, 'Failed', failures);
      if (item) this.recordFailedBackup(item, job);
      return;
    }
    snapshot.status = 'Completed';
    transfer.status = 'InProgress';
    transfer.startTime = this.deps.clock.now();
  }

  private finishBackup(job: JobRecord, snapshotAt: number): void {
    if (job.status !== 'InProgress') return;
    const item = this.deps.store.itemByKey(job.itemKey);
    const vm = item ? this.deps.vms.get(item.vmId) : undefined;
    job.tasks[1].status = 'Completed';
    job.tasks[1].endTime = this.deps.clock.now();
    const warning = vm && this.deps.faults.hasBackupWarning(vm.id) ? JOB_WARNINGS.vssWritersBadState : undefined;
    this.endJob(job, warning ? 'CompletedWithWarnings' : 'Completed', warning ? [warning] : []);
    if (!item || !vm) return;
    if (item.activeJobName === job.name) item.activeJobName = undefined;
    const rp = this.addRecoveryPoint(item, vm, snapshotAt, job.recoveryPointExpiry ?? snapshotAt + DEFAULT_ADHOC_RETENTION_MS);
    // Without working VSS writers the snapshot is only crash-consistent.
    if (warning) rp.type = 'CrashConsistent';
    item.protectionState = 'Protected';
    item.lastBackupStatus = job.status;
    item.lastBackupTime = snapshotAt;
    item.healthStatus = warning ? 'ActionSuggested' : 'Passed';
    item.protectionStatus = 'Healthy';
    if (job.recoveryPointRuleName) rp.ruleName = job.recoveryPointRuleName;
  }

  private recordFailedBackup(item: ProtectedItemRecord, job: JobRecord): void {
    if (item.activeJobName === job.name) item.activeJobName = undefined;
    item.lastBackupStatus = 'Failed';
    item.healthStatus = 'ActionRequired';
    item.protectionStatus = 'Unhealthy';
  }

  private cancelNow(job: JobRecord): void {
    for (const timer of job.timers) this.deps.clock.cancel(timer);
    job.timers = [];
    for (const task of job.tasks) {
      if (task.status === 'InProgress' || task.status === 'NotStarted') task.status = 'Cancelled';
    }
    this.endJob(job, 'Cancelled');
    const item = this.deps.store.itemByKey(job.itemKey);
    if (item && item.activeJobName === job.name) item.activeJobName = undefined;
  }

  private agentFailure(item: ProtectedItemRecord): JobErrorSpec | undefined {
    const vm = this.deps.vms.get(item.vmId);
    if (!vm) return undefined;
    return !vm.agentInstalled || this.deps.faults.isAgentMissing(vm.id) ? JOB_ERRORS.guestAgentUnavailable : undefined;
  }

  private lockFailure(item: ProtectedItemRecord): JobErrorSpec | undefined {
    const vm = this.deps.vms.get(item.vmId);
    if (!vm) return undefined;
    const locked = this.deps.faults.isRestorePointGroupLocked(vm.subscriptionId, vm.location) || this.deps.locks?.restorePointGroupLocked(vm.subscriptionId, vm.location) === true;
    return locked ? JOB_ERRORS.restorePointGroupLocked : undefined;
  }

  private newJob(vault: VaultRecord, item: ProtectedItemRecord, operation: JobOperation, userTriggered: boolean, durationMs: number, tasks: JobTask[]): JobRecord {
    const job: JobRecord = {
      name: randomUUID(),
      vaultId: vault.id,
      operation,
      status: 'InProgress',
      entityFriendlyName: item.vmName,
      itemKey: item.key,
      containerName: iaasVmNames(item.vmResourceGroup, item.vmName).shortContainer,
      startTime: this.deps.clock.now(),
      activityId: randomUUID(),
      isUserTriggered: userTriggered,
      plannedDurationMs: durationMs,
      tasks,
      errors: [],
      timers: [],
    };
    this.deps.store.addJob(job);
    return job;
  }

  /** Ends a job; `details` are the failures of a Failed job or the warnings of a CompletedWithWarnings one. */
  private endJob(job: JobRecord, status: 'Completed' | 'CompletedWithWarnings' | 'Failed' | 'Cancelled', details: JobErrorSpec[] = []): void {
    job.status = status;
    job.endTime = this.deps.clock.now();
    for (const task of job.tasks) {
      if (task.status === 'InProgress') task.status = status === 'Completed' || status === 'CompletedWithWarnings' ? 'Completed' : status;
      if (task.startTime === undefined) task.startTime = job.startTime;
      if (task.endTime === undefined && task.status !== 'NotStarted') task.endTime = job.endTime;
    }
    if (details.length > 0) {
      job.errors = details.map((d) => ({ code: d.code, numericCode: d.numericCode, message: d.message, recommendations: [...d.recommendations] }));
    }
  }

  private nextRecoveryPointName(time: number): string {
    this.rpCounter += 1;
    // Azure names IaaS VM points with a 14-digit number.
    return `${Math.floor(time / 1000) % 100000000}`.padStart(8, '0') + `${this.rpCounter}`.padStart(6, '0');
  }
}

/** What consistency Azure gets: application-consistent on running Windows, file-system on running Linux, crash otherwise. */
function recoveryPointType(vm: VmRecord): RecoveryPointRecord['type'] {
  if (vm.powerState !== 'running') return 'CrashConsistent';
  return vm.osType === 'Windows' ? 'AppConsistent' : 'FileSystemConsistent';
}

/** A stable 14-digit number derived from an id (protectedItemDataId looks like this in Azure). */
function numericId(id: string): string {
  let hash = 0;
  for (const ch of id.toLowerCase()) hash = (hash * 31 + ch.charCodeAt(0)) % 1e13;
  return String(10000000000000 + hash);
}
