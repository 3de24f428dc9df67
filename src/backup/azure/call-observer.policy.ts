import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** One HTTP attempt to Resource Manager, as metrics and logs see it. */
export interface AzureAttempt {
  /** Method and resource-type path, ids left out: `GET Microsoft.RecoveryServices/vaults/backupJobs`. */
  operation: string;
  /** HTTP status, or 'error' when no answer came (network, TLS, timeout). */
  status: string;
  /** True for the second and later attempts of one request (the SDK's retries of 429/5xx). */
  retry: boolean;
  durationMs: number;
  /** The x-ms-client-request-id sent, which Azure support can trace. */
  clientRequestId: string;
}

export type AzureCallObserver = (attempt: AzureAttempt) => void;

export const callObserverPolicyName = 'callObserverPolicy';

/**
 * Below the SDK's retry policy (perRetry), so every attempt is seen; the retry policy sends the
 * same request object again, which is how a retry is told from a first attempt.
 */
export function callObserverPolicy(observe: AzureCallObserver): PipelinePolicy {
  const seen = new WeakSet<object>();
  return {
    name: callObserverPolicyName,
    async sendRequest(request, next) {
      const retry = seen.has(request);
      seen.add(request);
      const operation = `${request.method} ${resourceTypePath(request.url)}`;
      const started = performance.now();
      const report = (status: string): void => {
        try {
          observe({ operation, status, retry, durationMs: performance.now() - started, clientRequestId: request.requestId });
        } catch {
          // Observing must never fail a call.
        }
      };
      try {
        const response = await next(request);
        report(String(response.status));
        return response;
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        report(typeof status === 'number' ? String(status) : 'error');
        throw error;
      }
    },
  };
}

/**
 * The resource types of an ARM URL without the names between them (few distinct values, fit for a
 * metric label): /subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm
 * → Microsoft.Compute/virtualMachines; /subscriptions/s/resourcegroups → resourcegroups.
 */
export function resourceTypePath(url: string): string {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/').filter((s) => s !== '');
  } catch {
    return 'unknown';
  }
  const providers = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  if (providers >= 0 && providers + 1 < segments.length) {
    const rest = segments.slice(providers + 1);
    // Namespace, then type/name pairs: keep the types.
    return [rest[0], ...rest.slice(1).filter((_, i) => i % 2 === 0)].join('/');
  }
  // Outside a provider (subscriptions, resource groups): keep the collection names.
  return segments.filter((_, i) => i % 2 === 0).slice(1).join('/') || segments[0] || '/';
}
