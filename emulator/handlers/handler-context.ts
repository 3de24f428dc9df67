import type { BackupEngine } from '../backup/backup-engine';
import type { EmulatedClock } from '../clock/emulated-clock';
import type { FaultInjector } from '../faults/fault-injector';
import type { ArmRequest, ArmResponse } from '../http/arm-http';
import type { AsyncOperations } from '../state/async-operations';
import type { BackupStore } from '../state/backup-store';
import type { ManagementLocks } from '../state/locks';
import type { ResourceGroups } from '../state/resource-groups';
import type { VmInventory } from '../state/vm-inventory';

/** Settings the handlers read, resolved from EmulatorOptions with their defaults. */
export interface HandlerSettings {
  retryAfterSeconds: number;
  /** Page sizes: Azure pages VM lists (we use 200) and job lists (100). */
  vmPageSize: number;
  jobPageSize: number;
  listPageSize: number;
  configureJobDurationMs: number;
  cancelDelayMs: number;
  /** Emulated time after which an un-polled short operation (backup trigger, refresh) completes. */
  shortOperationMs: number;
}

/** Everything a handler may touch. */
export interface EmulatorContext {
  clock: EmulatedClock;
  vms: VmInventory;
  /** Resource groups: anything under a group that does not exist is refused (ResourceGroupNotFound). */
  groups: ResourceGroups;
  store: BackupStore;
  /** Management locks at resource group level (Microsoft.Authorization/locks). */
  locks: ManagementLocks;
  ops: AsyncOperations;
  faults: FaultInjector;
  engine: BackupEngine;
  settings: HandlerSettings;
  subscriptionIds: readonly string[];
}

/** Handles one spec operation (by operationId). Throws ArmHttpError for Azure errors. */
export type ArmHandler = (req: ArmRequest, ctx: EmulatorContext) => ArmResponse;

export type HandlerTable = Record<string, ArmHandler>;
