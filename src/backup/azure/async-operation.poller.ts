import type { FullOperationResponse } from '@azure/core-client';
import { AzureError } from '../../domain/errors';
import { retryAfterMs } from '../../util/retry-after';
import type { ResolvedOptions } from './azure-backup-service.options';

/**
 * What a "pattern B" 202 told us: SDK 12.0.0 returns from these calls at once and drops the
 * headers, so they are captured from the raw response (see vendor/azure-rest-examples/INDEX.md).
 */
export interface AcceptedResponse {
  status: number;
  /** Operation id from Azure-AsyncOperation (status endpoint), when present. */
  asyncOperationId?: string;
  /** Operation id from Location (result endpoint), when present. */
  locationOperationId?: string;
  retryAfterMs?: number;
}

/** An `onResponse` hook for an SDK call plus the headers it saw. */
export function captureResponse(): { onResponse: (raw: FullOperationResponse) => void; get(): AcceptedResponse } {
  let seen: AcceptedResponse | undefined;
  return {
    onResponse(raw) {
      seen = {
        status: raw.status,
        asyncOperationId: operationIdFromUrl(raw.headers.get('azure-asyncoperation')),
        locationOperationId: operationIdFromUrl(raw.headers.get('location')),
        retryAfterMs: retryAfterMs(raw.headers.get('retry-after'), new Date()),
      };
    },
    get() {
      if (!seen) throw new Error('The SDK call returned without a response to inspect.');
      return seen;
    },
  };
}

/** The last path segment of an operation URL: `.../operationsStatus/{opId}?api-version=...` -> opId. */
export function operationIdFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split('?')[0].replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last ? decodeURIComponent(last) : undefined;
}

/** One look at an operation: finished (with its value) or not yet (with Azure's hint when to look again). */
export type PollStep<T> = { done: true; value: T } | { done: false; retryAfterMs?: number };

export type PollTiming = Pick<ResolvedOptions, 'pollIntervalMs' | 'maxRetryAfterMs' | 'maxPollAttempts'>;

/** The wait before the next poll: Azure's Retry-After, capped, never below our own interval. */
export function nextPollDelay(retryAfter: number | undefined, timing: Pick<PollTiming, 'pollIntervalMs' | 'maxRetryAfterMs'>): number {
  const wanted = retryAfter ?? timing.pollIntervalMs;
  return Math.min(Math.max(wanted, timing.pollIntervalMs), Math.max(timing.maxRetryAfterMs, timing.pollIntervalMs));
}

/**
 * Polls until `check` says done. Gives up after `maxPollAttempts` with an AzureError that says the
 * operation may still finish in Azure, naming `what` (e.g. "enabling protection of web-01").
 */
export async function pollUntilDone<T>(
  check: () => Promise<PollStep<T>>,
  timing: PollTiming,
  what: string,
  firstRetryAfterMs?: number,
): Promise<T> {
  let delay = nextPollDelay(firstRetryAfterMs, timing);
  for (let attempt = 1; attempt <= timing.maxPollAttempts; attempt++) {
    await sleep(delay);
    const step = await check();
    if (step.done) return step.value;
    delay = nextPollDelay(step.retryAfterMs, timing);
  }
  throw new AzureError(
    'AZURE_OPERATION_TIMEOUT',
    `Azure accepted ${what} but had not finished after ${timing.maxPollAttempts} checks. It may still complete: look at the vault's backup jobs before trying again.`,
    undefined,
    undefined,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
