import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export const retryAfterCapPolicyName = 'retryAfterCapPolicy';

/**
 * The SDK's retry policy honours Retry-After on 429/503 without an upper bound; a chat bot must
 * not go silent for an hour because of one header. This policy sits below the retry policy
 * (perRetry) and lowers Retry-After values above `maxMs`, so throttling is still honoured.
 */
export function retryAfterCapPolicy(maxMs: number): PipelinePolicy {
  return {
    name: retryAfterCapPolicyName,
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status !== 429 && response.status !== 503) return response;
      for (const header of ['retry-after-ms', 'x-ms-retry-after-ms']) {
        const ms = Number(response.headers.get(header));
        if (Number.isFinite(ms) && ms > maxMs) response.headers.set(header, String(maxMs));
      }
      const raw = response.headers.get('retry-after');
      if (raw !== undefined) {
        const seconds = Number(raw);
        const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - Date.now();
        if (Number.isFinite(ms) && ms > maxMs) response.headers.set('retry-after', String(Math.floor(maxMs / 1000)));
      }
      return response;
    },
  };
}
