import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describeAzureFailure, toAzureError } from '../../../src/backup/azure/azure-error.mapper';
import { AzureError, DomainError } from '../../../src/domain/errors';

function restError(status: number | undefined, code: string | undefined, message: string, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  return new RestError(message, {
    code,
    statusCode: status,
    request,
    response: status === undefined ? undefined : { status, headers: createHttpHeaders(headers), request },
  });
}

const ctx = { action: 'enable protection of web-01' };

describe('azure error mapper', () => {
  it.each([
    [429, 'SubscriptionRequestsThrottled', 'AZURE_THROTTLED', /throttling.*try again/i],
    [403, 'AuthorizationFailed', 'AZURE_AUTHORIZATION_FAILED', /not allowed to enable protection of web-01.*Backup Contributor/],
    [401, 'InvalidAuthenticationToken', 'AZURE_AUTHENTICATION_FAILED', /credential/],
    [404, 'ResourceNotFound', 'AZURE_NOT_FOUND', /did not find it/],
    [404, 'ResourceGroupNotFound', 'RESOURCE_GROUP_NOT_FOUND', /resource group does not exist/],
    [409, 'VaultAlreadyExists', 'VAULT_NAME_TAKEN', /already exists.*choose another name/],
    [400, 'UserErrorGuestAgentStatusUnavailable', 'VM_AGENT_NOT_READY', /Install the Azure VM agent, or start it/],
    [400, 'StorageModelModifyError', 'STORAGE_REDUNDANCY_LOCKED', /redundancy is locked/],
    [400, 'BMSUserErrorObjectLocked', 'AZURE_OPERATION_IN_PROGRESS', /another operation/],
    [400, 'BMSUserErrorVmAlreadyProtected', 'VM_ALREADY_PROTECTED', /already protected/],
    [500, 'CloudInternalError', 'AZURE_SERVER_ERROR', /internal error \(HTTP 500\).*kept failing after the bot retried/],
    [400, 'BMSUserErrorInvalidInput', 'AZURE_REQUEST_REJECTED', /Azure said: Input provided .* \(BMSUserErrorInvalidInput\)/],
  ])('HTTP %s %s -> %s', (status, azureCode, code, sentence) => {
    const mapped = toAzureError(restError(status, azureCode, azureCode === 'BMSUserErrorInvalidInput' ? 'Input provided for the call is invalid.' : 'x'), ctx);
    expect(mapped).toBeInstanceOf(AzureError);
    expect(mapped.code).toBe(code);
    expect((mapped as AzureError).azureCode).toBe(azureCode);
    expect((mapped as AzureError).status).toBe(status);
    expect(mapped.message).toMatch(sentence);
  });

  it('explains a lock on the AzureBackupRG group and names it', () => {
    const mapped = describeAzureFailure(
      { code: 'ScopeLocked', status: 409, message: "The scope '/subscriptions/s/resourceGroups/AzureBackupRG_westeurope_1' cannot perform delete operation because following scope(s) are locked" },
      { action: 'back up web-01' },
    );
    expect(mapped.code).toBe('RESTORE_POINT_RG_LOCKED');
    expect(mapped.message).toMatch(/AzureBackupRG_westeurope_1 has a lock.*remove the lock/);
  });

  it('reads the request id of a 5xx for support', () => {
    const mapped = toAzureError(restError(503, 'ServiceUnavailable', 'down', { 'x-ms-request-id': 'req-123' }), ctx) as AzureError;
    expect(mapped.code).toBe('AZURE_SERVER_ERROR');
    expect(mapped.requestId).toBe('req-123');
    expect(mapped.message).toMatch(/req-123/);
  });

  it('takes the code from the body when the SDK left it out', () => {
    const request = createPipelineRequest({ url: 'https://x' });
    const err = new RestError('Unexpected status code: 403', {
      statusCode: 403,
      request,
      response: { status: 403, headers: createHttpHeaders(), request, bodyAsText: JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no' } }) },
    });
    expect((toAzureError(err, ctx) as AzureError).azureCode).toBe('AuthorizationFailed');
  });

  it('reports a network failure as unreachable, not as an Azure code', () => {
    const mapped = toAzureError(restError(undefined, 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), ctx) as AzureError;
    expect(mapped.code).toBe('AZURE_UNREACHABLE');
    expect(mapped.azureCode).toBeUndefined();
    expect(mapped.message).toMatch(/Could not reach Azure Resource Manager/);
  });

  it('passes DomainErrors through and hides the text of unexpected errors', () => {
    const domain = new DomainError('X', 'y');
    expect(toAzureError(domain, ctx)).toBe(domain);
    const mapped = toAzureError(new TypeError('secret internals'), ctx);
    expect(mapped.code).toBe('AZURE_UNEXPECTED');
    expect(mapped.message).not.toMatch(/secret/);
    expect((mapped as Error & { cause?: unknown }).cause).toBeInstanceOf(TypeError);
  });

  it('maps a failed operation status (no HTTP status) through the same rules', () => {
    expect(describeAzureFailure({ code: 'UserErrorGuestAgentStatusUnavailable', message: 'm' }, ctx).code).toBe('VM_AGENT_NOT_READY');
    const generic = describeAzureFailure({ code: 'SomethingElse', message: 'It broke.' }, ctx);
    expect(generic.code).toBe('AZURE_OPERATION_FAILED');
    expect(generic.message).toBe('Azure could not enable protection of web-01. Azure said: It broke. (SomethingElse)');
  });
});
