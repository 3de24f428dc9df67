import { createEmptyPipeline, createHttpHeaders, createPipelineRequest, defaultRetryPolicy, type HttpClient, type PipelineResponse } from '@azure/core-rest-pipeline';
import { callObserverPolicy, resourceTypePath, type AzureAttempt } from '../../../src/backup/azure/call-observer.policy';

// The observer sits below the SDK's own retry policy (core-rest-pipeline's defaultRetryPolicy, which
// the ARM clients' pipelines use: throttling, then exponential back-off), so it sees each attempt.

const VM_URL =
  'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01?api-version=2023-09-01';

function answering(statuses: number[]): HttpClient {
  let next = 0;
  return {
    async sendRequest(request): Promise<PipelineResponse> {
      const status = statuses[Math.min(next, statuses.length - 1)];
      next += 1;
      // Retry-After 0: Azure's throttling answer, without making the test wait.
      return { request, status, headers: createHttpHeaders(status === 429 ? { 'retry-after': '0' } : {}) };
    },
  };
}

async function send(statuses: number[]): Promise<AzureAttempt[]> {
  const attempts: AzureAttempt[] = [];
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(defaultRetryPolicy({ maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 1 }), { phase: 'Retry' });
  pipeline.addPolicy(callObserverPolicy((a) => attempts.push(a)), { afterPhase: 'Retry' });
  await pipeline.sendRequest(answering(statuses), createPipelineRequest({ url: VM_URL, method: 'GET' }));
  return attempts;
}

describe('callObserverPolicy', () => {
  it('reports a throttled attempt and its retry as two attempts of one operation', async () => {
    const attempts = await send([429, 200]);
    expect(attempts.map(({ operation, status, retry }) => ({ operation, status, retry }))).toEqual([
      { operation: 'GET Microsoft.Compute/virtualMachines', status: '429', retry: false },
      { operation: 'GET Microsoft.Compute/virtualMachines', status: '200', retry: true },
    ]);
    expect(attempts[0].clientRequestId).toBe(attempts[1].clientRequestId);
  });

  it('reports a single answered attempt as no retry', async () => {
    expect((await send([200])).map((a) => a.retry)).toEqual([false]);
  });
});

describe('resourceTypePath', () => {
  it.each([
    [VM_URL, 'Microsoft.Compute/virtualMachines'],
    [
      'https://management.azure.com/Subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1/backupFabrics/Azure/protectionContainers/c/protectedItems/vm;x?api-version=2023-06-01',
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
    ],
    ['https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/virtualMachines?api-version=2023-09-01', 'Microsoft.Compute/virtualMachines'],
    ['https://management.azure.com/subscriptions/s/resourcegroups?api-version=2025-04-01', 'resourcegroups'],
    ['https://management.azure.com/subscriptions/s/resourcegroups/rg-new?api-version=2025-04-01', 'resourcegroups'],
  ])('%s → %s', (url, expected) => {
    expect(resourceTypePath(url)).toBe(expected);
  });
});
