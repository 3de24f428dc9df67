import type { OperationOptions } from '@azure/core-client';
import type { OperationStatus, OperationStatusJobExtendedInfo } from '@azure/arm-recoveryservicesbackup';
import { AzureError } from '../../domain/errors';
import { type AcceptedResponse, captureResponse, type PollStep, type PollTiming, pollUntilDone } from './async-operation.poller';
import { describeAzureFailure, type ErrorContext, toAzureError } from './azure-error.mapper';

/** An SDK call that reads an operation's status (OperationStatus body). */
export type StatusCall = (operationId: string, options: OperationOptions) => Promise<OperationStatus>;
/** An SDK call that reads an operation's result endpoint: 202 while running, 200/204 when done. */
export type ResultCall = (operationId: string, options: OperationOptions) => Promise<unknown>;

export interface WaitSpec {
  /** What Azure accepted, for messages: "enabling protection of web-01". */
  what: string;
  context: ErrorContext;
  status?: StatusCall;
  result?: ResultCall;
  /** Stop as soon as the status carries a job id (backup now: the job is what the caller wants). */
  untilJobId?: boolean;
}

/** How a waited-for operation ended: its final status when it had one, and the job it started. */
export interface WaitOutcome {
  status?: OperationStatus;
  jobId?: string;
}

/**
 * Follows a "pattern B" 202 (vendor/azure-rest-examples/INDEX.md): the status endpoint when
 * Azure gave Azure-AsyncOperation, else the result endpoint from Location. A 200/201/204 first
 * answer needs no waiting. A Failed status becomes an AzureError through the error mapper.
 */
export async function waitForBackupOperation(accepted: AcceptedResponse, timing: PollTiming, spec: WaitSpec): Promise<WaitOutcome> {
  if (accepted.status !== 202) return {};
  if (accepted.asyncOperationId && spec.status) {
    const opId = accepted.asyncOperationId;
    const statusCall = spec.status;
    const status = await pollUntilDone<OperationStatus>(
      async () => {
        const seen = captureResponse();
        const s = await mapped(spec.context, () => statusCall(opId, { onResponse: seen.onResponse }));
        const state = (s.status ?? '').toLowerCase();
        if (state === 'succeeded' || state === 'failed' || state === 'canceled' || state === 'cancelled') return { done: true, value: s };
        if (spec.untilJobId && jobIdOf(s)) return { done: true, value: s };
        return { done: false, retryAfterMs: seen.get().retryAfterMs };
      },
      timing,
      spec.what,
      accepted.retryAfterMs,
    );
    const state = (status.status ?? '').toLowerCase();
    if (state === 'failed') {
      throw describeAzureFailure({ code: status.error?.code ?? 'OperationFailed', message: status.error?.message }, spec.context);
    }
    if (state === 'canceled' || state === 'cancelled') {
      throw new AzureError('AZURE_OPERATION_CANCELLED', `Azure cancelled ${spec.what} before it finished. Try again.`, status.error?.code, undefined);
    }
    return { status, jobId: jobIdOf(status) };
  }
  if (accepted.locationOperationId && spec.result) {
    const opId = accepted.locationOperationId;
    const resultCall = spec.result;
    await pollUntilDone<true>(
      async (): Promise<PollStep<true>> => {
        const seen = captureResponse();
        await mapped(spec.context, () => resultCall(opId, { onResponse: seen.onResponse }));
        const answer = seen.get();
        return answer.status === 202 ? { done: false, retryAfterMs: answer.retryAfterMs } : { done: true, value: true };
      },
      timing,
      spec.what,
      accepted.retryAfterMs,
    );
    return {};
  }
  throw new AzureError(
    'AZURE_OPERATION_UNTRACKABLE',
    `Azure accepted ${spec.what} but gave no address to follow it. It may still complete: look at the vault's backup jobs.`,
    undefined,
    202,
  );
}

export function jobIdOf(status: OperationStatus | undefined): string | undefined {
  const props = status?.properties;
  if (!props || props.objectType !== 'OperationStatusJobExtendedInfo') return undefined;
  return (props as OperationStatusJobExtendedInfo).jobId || undefined;
}

async function mapped<T>(context: ErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toAzureError(err, context);
  }
}
