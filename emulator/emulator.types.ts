/**
 * The programmatic face of the Azure Resource Manager emulator, used by `npm start` (in-process),
 * by tests and by `npm run emulator`. Everything here is also reachable over HTTPS under /_admin.
 */
export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  /** The inventory to start with; default: the built-in demo inventory (see emulator/seed). */
  seed?: SeedOptions;
  /**
   * 'real': jobs and schedules follow wall-clock time, multiplied by `timeScale`.
   * 'manual': time only moves through `advance()` (tests).
   */
  clock?: 'real' | 'manual';
  /** With a real clock, how many emulated ms pass per real ms (default 1). */
  timeScale?: number;
  /** Start time of a manual clock (default: now). */
  startTime?: Date;
  /** Emulated duration of a VM backup job (default 90 s of emulated time). */
  backupJobDurationMs?: number;
  /** Retry-After seconds sent on 202/201 answers (default 0, Azure sends 60). */
  retryAfterSeconds?: number;
  /** Emulated duration of a ConfigureBackup (enable protection) job (default 30 s). */
  configureJobDurationMs?: number;
  /**
   * How many polls of an asynchronous operation answer "in progress" before it completes
   * (default 1: the first poll says InProgress, the next Succeeded). Independent of the clock.
   */
  pollsBeforeDone?: number;
}

export interface SeedOptions {
  /** Extra VMs spread over the seeded subscriptions and regions (for scale tests). Default 0. */
  extraVms?: number;
  /** Start with no inventory at all. */
  empty?: boolean;
}

/** A fault injected through `injectFault` or POST /_admin/faults. */
export type FaultSpec =
  | {
      kind: 'throttle';
      /** Regex (case-insensitive) matched against the request path; default all ARM paths. */
      pathPattern?: string;
      method?: string;
      /** How many requests get a 429 before the fault clears (default 1). */
      count?: number;
      retryAfterSeconds?: number;
    }
  | { kind: 'server-error'; pathPattern?: string; method?: string; count?: number; status?: number }
  /** 403 AuthorizationFailed, as ARM answers an identity without the role for that action (RBAC tests). */
  | { kind: 'forbidden'; pathPattern?: string; method?: string; count?: number }
  /** The VM's guest agent reports not ready: enable protection and backups of it fail as Azure does. */
  | { kind: 'vm-agent-missing'; vmId: string }
  /** The VM's VSS writers are in a bad state: its backups end CompletedWithWarnings with a crash-consistent point. */
  | { kind: 'backup-warning'; vmId: string }
  /** A delete lock on the AzureBackupRG_<geo>_1 resource group of that subscription and region: backups fail with UserErrorRestorePointCollectionLocked-like errors. */
  | { kind: 'restore-point-rg-locked'; subscriptionId: string; location: string };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  time: string;
}

export interface RunningEmulator {
  /** e.g. https://127.0.0.1:41234 , the Resource Manager endpoint to hand the SDK. */
  endpoint: string;
  /** PEM of the self-signed certificate made at start; hand it to the SDK as tlsOptions.ca. */
  ca: string;
  /** Subscription ids of the seeded inventory. */
  subscriptionIds: string[];
  /** Emulated time now. */
  now(): Date;
  /** Moves the emulated clock and runs whatever falls due (job transitions, scheduled backups). */
  advance(ms: number): Promise<void>;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /**
   * Puts a management lock on a resource group, as ARM's PUT …/resourceGroups/{rg}/providers/
   * Microsoft.Authorization/locks/{name} does (that route is served too); the group is created
   * in `location` when it does not exist yet (an AzureBackupRG_<geo>_<n> group before any backup).
   */
  lockResourceGroup(lock: { subscriptionId: string; resourceGroup: string; name: string; level: 'CanNotDelete' | 'ReadOnly'; location?: string }): void;
  unlockResourceGroup(subscriptionId: string, resourceGroup: string, name: string): void;
  /** Requests received since start (or since `clearRequests`), for tests that count Azure calls. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

export type StartEmulator = (options?: EmulatorOptions) => Promise<RunningEmulator>;
