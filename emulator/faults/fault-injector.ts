import type { FaultSpec } from '../emulator.types';

type RequestFault = Extract<FaultSpec, { kind: 'throttle' } | { kind: 'server-error' } | { kind: 'forbidden' }>;

interface ActiveRequestFault {
  spec: RequestFault;
  pattern: RegExp;
  remaining: number;
}

/** A request fault that fired: what to answer instead of handling the request. */
export type FiredFault =
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'forbidden' };

/**
 * Faults injected by tests or POST /_admin/faults. Request faults (throttle, server-error, forbidden) are
 * consumed per matching request until their count runs out; state faults (VM agent missing,
 * backup warnings, locked restore point group) stay until cleared.
 */
export class FaultInjector {
  private requestFaults: ActiveRequestFault[] = [];
  private readonly agentMissing = new Set<string>();
  private readonly backupWarnings = new Set<string>();
  private readonly lockedGroups = new Set<string>();

  inject(fault: FaultSpec): void {
    switch (fault.kind) {
      case 'throttle':
      case 'server-error':
      case 'forbidden':
        this.requestFaults.push({
          spec: fault,
          pattern: new RegExp(fault.pathPattern ?? '.*', 'i'),
          remaining: Math.max(1, fault.count ?? 1),
        });
        break;
      case 'vm-agent-missing':
        this.agentMissing.add(fault.vmId.toLowerCase());
        break;
      case 'backup-warning':
        this.backupWarnings.add(fault.vmId.toLowerCase());
        break;
      case 'restore-point-rg-locked':
        this.lockedGroups.add(lockKey(fault.subscriptionId, fault.location));
        break;
    }
  }

  clear(): void {
    this.requestFaults = [];
    this.agentMissing.clear();
    this.backupWarnings.clear();
    this.lockedGroups.clear();
  }

  /** Consumes one matching request fault, if any. */
  takeRequestFault(method: string, path: string): FiredFault | undefined {
    const index = this.requestFaults.findIndex(
      (f) => f.remaining > 0 && f.pattern.test(path) && (!f.spec.method || f.spec.method.toUpperCase() === method),
    );
    if (index < 0) return undefined;
    const fault = this.requestFaults[index];
    fault.remaining -= 1;
    if (fault.remaining === 0) this.requestFaults.splice(index, 1);
    if (fault.spec.kind === 'throttle') return { kind: 'throttle', retryAfterSeconds: fault.spec.retryAfterSeconds ?? 1 };
    if (fault.spec.kind === 'forbidden') return { kind: 'forbidden' };
    return { kind: 'server-error', status: fault.spec.status ?? 500 };
  }

  isAgentMissing(vmId: string): boolean {
    return this.agentMissing.has(vmId.toLowerCase());
  }

  hasBackupWarning(vmId: string): boolean {
    return this.backupWarnings.has(vmId.toLowerCase());
  }

  isRestorePointGroupLocked(subscriptionId: string, location: string): boolean {
    return this.lockedGroups.has(lockKey(subscriptionId, location));
  }

  summary(): { requestFaults: { kind: string; pathPattern?: string; method?: string; remaining: number }[]; vmAgentMissing: string[]; backupWarnings: string[]; lockedRestorePointGroups: string[] } {
    return {
      requestFaults: this.requestFaults.map((f) => ({ kind: f.spec.kind, pathPattern: f.spec.pathPattern, method: f.spec.method, remaining: f.remaining })),
      vmAgentMissing: [...this.agentMissing],
      backupWarnings: [...this.backupWarnings],
      lockedRestorePointGroups: [...this.lockedGroups],
    };
  }
}

function lockKey(subscriptionId: string, location: string): string {
  return `${subscriptionId}/${location.replace(/\s+/g, '')}`.toLowerCase();
}
