import { randomUUID } from 'node:crypto';
import type { EmulatedClock } from '../clock/emulated-clock';
import type { OperationOutcome } from './model';

/** What an asynchronous operation is about; decides which endpoints may read it. */
export type OperationKind =
  | 'vault-create'
  | 'vault-update'
  | 'vault-delete'
  | 'configure-protection'
  | 'backup'
  | 'delete-item'
  | 'refresh-containers'
  | 'cancel-job'
  | 'policy-update';

export interface AsyncOperation {
  id: string;
  kind: OperationKind;
  /** Lower-case ARM id of the resource the operation belongs to (vault, item, job). */
  scope: string;
  startTime: number;
  endTime?: number;
  done: boolean;
  outcome: OperationOutcome;
  /** Polls still answered "in progress" before the operation completes. */
  pollsLeft: number;
  jobIds: string[];
  timer?: number;
  /** Applied once, when the operation completes (e.g. vault provisioningState -> Succeeded). */
  onComplete?: () => void;
}

export interface NewOperation {
  kind: OperationKind;
  scope: string;
  outcome?: OperationOutcome;
  jobIds?: string[];
  onComplete?: () => void;
  /** Complete after this much emulated time even if nobody polls (keeps state moving on a real clock). */
  completeAfterMs?: number;
}

/**
 * Azure's asynchronous operations (Azure-AsyncOperation / Location). Each completes after a
 * fixed number of polls, so SDK pollers finish on a manual clock too; a timer on the emulated
 * clock completes it as well for clients that never poll.
 */
/** Finished operations are forgotten after a day of emulated time (clients poll them within seconds). */
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY = 500;

export class AsyncOperations {
  private readonly ops = new Map<string, AsyncOperation>();
  /** Operations still running, by lower-case scope. */
  private readonly pendingByScope = new Map<string, Set<AsyncOperation>>();
  private createdSincePrune = 0;

  constructor(
    private readonly clock: EmulatedClock,
    private readonly pollsBeforeDone: number,
  ) {}

  create(spec: NewOperation): AsyncOperation {
    const op: AsyncOperation = {
      id: randomUUID(),
      kind: spec.kind,
      scope: spec.scope.toLowerCase(),
      startTime: this.clock.now(),
      done: false,
      outcome: spec.outcome ?? { status: 'Succeeded' },
      pollsLeft: this.pollsBeforeDone,
      jobIds: spec.jobIds ?? [],
      onComplete: spec.onComplete,
    };
    this.ops.set(op.id, op);
    const pending = this.pendingByScope.get(op.scope) ?? new Set<AsyncOperation>();
    pending.add(op);
    this.pendingByScope.set(op.scope, pending);
    if (++this.createdSincePrune >= PRUNE_EVERY) this.prune();
    if (spec.completeAfterMs !== undefined) {
      op.timer = this.clock.schedule(op.startTime + spec.completeAfterMs, () => this.complete(op));
    }
    return op;
  }

  /** The operation if it exists and belongs to `scope` (an operation id from another vault is unknown here). */
  find(id: string, scopePrefix: string): AsyncOperation | undefined {
    const op = this.ops.get(id) ?? this.ops.get(id.toLowerCase());
    if (!op) return undefined;
    return op.scope.startsWith(scopePrefix.toLowerCase()) ? op : undefined;
  }

  /** Counts one poll: answers "in progress" for the first polls, then completes. */
  poll(op: AsyncOperation): AsyncOperation {
    if (op.done) return op;
    if (op.pollsLeft > 0) {
      op.pollsLeft -= 1;
      return op;
    }
    this.complete(op);
    return op;
  }

  complete(op: AsyncOperation, outcome?: OperationOutcome): void {
    if (op.done) return;
    if (outcome) op.outcome = outcome;
    op.done = true;
    op.endTime = this.clock.now();
    if (op.timer !== undefined) this.clock.cancel(op.timer);
    const pending = this.pendingByScope.get(op.scope);
    pending?.delete(op);
    if (pending && pending.size === 0) this.pendingByScope.delete(op.scope);
    op.onComplete?.();
  }

  /** Operations still running on exactly this scope (e.g. a vault's create, moved along when the vault is read). */
  pendingFor(scope: string): AsyncOperation[] {
    return [...(this.pendingByScope.get(scope.toLowerCase()) ?? [])];
  }

  private prune(): void {
    this.createdSincePrune = 0;
    const cutoff = this.clock.now() - KEEP_FINISHED_MS;
    for (const [id, op] of this.ops) {
      if (op.done && op.endTime !== undefined && op.endTime < cutoff) this.ops.delete(id);
    }
  }

  get size(): number {
    return this.ops.size;
  }
}
