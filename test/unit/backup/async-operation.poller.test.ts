import { nextPollDelay, operationIdFromUrl, pollUntilDone } from '../../../src/backup/azure/async-operation.poller';
import { AzureError } from '../../../src/domain/errors';
import { readExample } from './vendor-examples';

describe('async operation polling', () => {
  it('takes the operation id from the example headers', () => {
    const example = readExample('recoveryservicesbackup/2023-06-01/AzureIaasVm/ConfigureProtection.json');
    const headers = example.responses['202'].headers as Record<string, string>;
    expect(operationIdFromUrl(headers['Azure-AsyncOperation'])).toBe('00000000-0000-0000-0000-000000000000');
    expect(operationIdFromUrl(headers.Location)).toBe('00000000-0000-0000-0000-000000000000');
    expect(operationIdFromUrl(undefined)).toBeUndefined();
  });

  it('honours Retry-After, capped, and never polls faster than the interval', () => {
    const timing = { pollIntervalMs: 50, maxRetryAfterMs: 30_000 };
    expect(nextPollDelay(undefined, timing)).toBe(50);
    expect(nextPollDelay(0, timing)).toBe(50);
    expect(nextPollDelay(5_000, timing)).toBe(5_000);
    expect(nextPollDelay(600_000, timing)).toBe(30_000);
  });

  it('polls until done and gives up with a clear AzureError', async () => {
    let calls = 0;
    const value = await pollUntilDone(async () => (++calls < 3 ? { done: false } : { done: true, value: 'ok' }), { pollIntervalMs: 1, maxRetryAfterMs: 1, maxPollAttempts: 5 }, 'x');
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    const never = pollUntilDone(async () => ({ done: false }), { pollIntervalMs: 1, maxRetryAfterMs: 1, maxPollAttempts: 2 }, 'enabling protection of web-01');
    await expect(never).rejects.toBeInstanceOf(AzureError);
    await expect(never).rejects.toThrow(/accepted enabling protection of web-01 but had not finished after 2 checks/);
  });
});
