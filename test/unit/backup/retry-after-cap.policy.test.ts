import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { retryAfterCapPolicy } from '../../../src/backup/azure/retry-after-cap.policy';

function answer(status: number, headers: Record<string, string>) {
  const request = createPipelineRequest({ url: 'https://x' });
  const response: PipelineResponse = { status, headers: createHttpHeaders(headers), request };
  return { request, next: async () => response };
}

describe('Retry-After cap', () => {
  const policy = retryAfterCapPolicy(30_000);

  it('lowers a long Retry-After of a 429 or 503 to the cap', async () => {
    for (const status of [429, 503]) {
      const { request, next } = answer(status, { 'retry-after': '3600', 'retry-after-ms': '3600000' });
      const res = await policy.sendRequest(request, next);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(res.headers.get('retry-after-ms')).toBe('30000');
    }
  });

  it('keeps short waits, dates in the near future and other statuses as Azure sent them', async () => {
    const short = answer(429, { 'retry-after': '5' });
    expect((await policy.sendRequest(short.request, short.next)).headers.get('retry-after')).toBe('5');
    const far = new Date(Date.now() + 3_600_000).toUTCString();
    const dated = answer(429, { 'retry-after': far });
    expect((await policy.sendRequest(dated.request, dated.next)).headers.get('retry-after')).toBe('30');
    const accepted = answer(202, { 'retry-after': '60' });
    expect((await policy.sendRequest(accepted.request, accepted.next)).headers.get('retry-after')).toBe('60');
  });
});
