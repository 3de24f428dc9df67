import { isRestError } from '@azure/core-rest-pipeline';
import { AzureError, DomainError } from '../../domain/errors';

/** What the bot was doing when Azure failed, for a sentence a person can act on. */
export interface ErrorContext {
  /** A verb phrase: "create vault 'rsv-prod'", "list the VMs of subscription 1234…". */
  action: string;
}

/** An Azure failure reduced to what the mapper needs: from a RestError, an operation status or a job. */
export interface AzureFailure {
  /** Azure's error code, e.g. "AuthorizationFailed". */
  code?: string;
  /** Azure's own message. */
  message?: string;
  /** HTTP status, when the failure was an HTTP answer. */
  status?: number;
  requestId?: string;
}

interface Rule {
  /** Our stable code (AzureError.code). */
  code: string;
  matches(f: AzureFailure): boolean;
  sentence(f: AzureFailure, ctx: ErrorContext): string;
}

const codeIn = (...codes: string[]) => {
  const set = new Set(codes.map((c) => c.toLowerCase()));
  return (f: AzureFailure) => f.code !== undefined && set.has(f.code.toLowerCase());
};

const LOCK_TEXT = /\block(ed)?\b/i;
const AZURE_BACKUP_RG = /AzureBackupRG_[A-Za-z0-9]+_\d+/i;

/** Order matters: the first rule that matches wins. */
const RULES: Rule[] = [
  {
    code: 'AZURE_THROTTLED',
    matches: (f) =>
      f.status === 429 ||
      codeIn('TooManyRequests', 'SubscriptionRequestsThrottled', 'ResourceRequestsThrottled', 'TenantRequestsThrottled')(f),
    sentence: (_f, ctx) =>
      `Azure is throttling the bot (too many requests in a short time), so it could not ${ctx.action}, even after waiting and retrying. Wait a minute or two and try again.`,
  },
  {
    code: 'AZURE_AUTHENTICATION_FAILED',
    matches: (f) =>
      f.status === 401 ||
      codeIn('InvalidAuthenticationToken', 'InvalidAuthenticationTokenTenant', 'ExpiredAuthenticationToken', 'AuthenticationFailed')(f),
    sentence: (_f, ctx) =>
      `Azure did not accept the bot's sign-in, so it could not ${ctx.action}. Check the bot's Azure credential (client secret or managed identity, and the tenant) and that the subscription belongs to that tenant.`,
  },
  {
    code: 'AZURE_AUTHORIZATION_FAILED',
    matches: (f) => codeIn('AuthorizationFailed', 'LinkedAuthorizationFailed', 'Forbidden')(f) || (f.status === 403 && !f.code?.match(/policy/i)),
    sentence: (_f, ctx) =>
      `The bot's Azure identity is not allowed to ${ctx.action}. Ask a subscription owner to give it the Backup Contributor role on the vault's resource group and Virtual Machine Contributor on the VMs, then try again.`,
  },
  {
    code: 'AZURE_POLICY_DISALLOWED',
    matches: codeIn('RequestDisallowedByPolicy', 'UserErrorRequestDisallowedByPolicy'),
    sentence: (f, ctx) =>
      `An Azure Policy assignment blocks the bot from ${gerund(ctx.action)}. Ask the subscription's administrators to exempt it or change the policy.${azureSaid(f)}`,
  },
  {
    code: 'VAULT_NAME_TAKEN',
    matches: codeIn('VaultAlreadyExists', 'VaultAlreadyExist', 'ResourceNameAlreadyExists', 'ResourceAlreadyExists', 'AlreadyExists', 'VaultNameNotAvailable', 'NameNotAvailable'),
    sentence: (_f, ctx) =>
      `Could not ${ctx.action}: a vault with that name already exists in the subscription. Vault names are unique per subscription; choose another name.`,
  },
  {
    code: 'VM_AGENT_NOT_READY',
    matches: (f) =>
      codeIn(
        'UserErrorGuestAgentStatusUnavailable',
        'GuestAgentSnapshotTaskStatusError',
        'UserErrorVmAgentNotInstalled',
        'VMAgentStatusCommunicationError',
        'UserErrorVmNotInDesirableState',
      )(f) ||
      // Job errorDetails carry a numeric code; Azure's documented message identifies the failure.
      /VM Agent (is )?unable to communicate with (the )?Azure Backup/i.test(f.message ?? ''),
    sentence: (_f, ctx) =>
      `Could not ${ctx.action}: the VM agent (guest agent) is not reporting to Azure. Install the Azure VM agent, or start it if it is installed (Windows: the WindowsAzureGuestAgent service; Linux: walinuxagent), make sure the VM is running and can reach Azure, then try again.`,
  },
  {
    code: 'RESTORE_POINT_RG_LOCKED',
    matches: (f) =>
      // Azure reports a locked AzureBackupRG_* group as UserErrorRpCollectionLimitReached: the lock
      // stops restore point clean-up (Azure Backup troubleshooting docs).
      codeIn('UserErrorRpCollectionLimitReached', 'UserErrorRestorePointCollectionLocked', 'UserErrorRpCollectionLocked', 'RestorePointCollectionLocked')(f) ||
      (AZURE_BACKUP_RG.test(f.message ?? '') && (LOCK_TEXT.test(f.message ?? '') || /lock/i.test(f.code ?? ''))) ||
      (codeIn('ScopeLocked')(f) && AZURE_BACKUP_RG.test(f.message ?? '')) ||
      /Restore Point collection max limit/i.test(f.message ?? ''),
    sentence: (f) => {
      const rg = AZURE_BACKUP_RG.exec(f.message ?? '')?.[0] ?? 'AzureBackupRG_<region>_1';
      return `Azure Backup could not create or clean up restore points because resource group ${rg} has a lock. Azure Backup needs to write there: remove the lock (Resource group > Locks), then run the backup again.`;
    },
  },
  {
    code: 'STORAGE_REDUNDANCY_LOCKED',
    matches: (f) =>
      codeIn('StorageModelModifyError', 'BMSUserErrorStorageTypeChangeNotAllowed', 'UserErrorStorageTypeChangeNotAllowed', 'StorageTypeLocked')(f),
    sentence: () =>
      `The vault's storage redundancy is locked: it can be changed only while the vault protects nothing. Stop protection and delete the backup data of every item first, or create a new vault with the redundancy you want.`,
  },
  {
    code: 'VM_ALREADY_PROTECTED',
    matches: codeIn('BMSUserErrorVmAlreadyProtected', 'UserErrorVmAlreadyProtected', 'BMSUserErrorAlreadyProtected'),
    sentence: (_f, ctx) => `Could not ${ctx.action}: the VM is already protected by another Recovery Services vault. Stop its protection there first, or leave it where it is.`,
  },
  {
    code: 'VAULT_NOT_EMPTY',
    matches: codeIn('ServiceResourceNotEmpty'),
    sentence: (_f, ctx) => `Could not ${ctx.action}: the vault still holds backup items. Stop protection and delete the backup data of every item first.`,
  },
  {
    code: 'AZURE_OPERATION_IN_PROGRESS',
    matches: codeIn('BMSUserErrorObjectLocked', 'AnotherOperationInProgress', 'BMSUserErrorAnotherOperationInProgress', 'UserErrorAnotherOperationInProgress', 'OperationInProgress'),
    sentence: (_f, ctx) => `Could not ${ctx.action}: another operation on the same item is still running in Azure. Wait for it to finish, then try again.`,
  },
  {
    code: 'RESOURCE_GROUP_NOT_FOUND',
    matches: codeIn('ResourceGroupNotFound'),
    sentence: (_f, ctx) => `Could not ${ctx.action}: the resource group does not exist. Create it first or pick an existing one.`,
  },
  {
    code: 'SUBSCRIPTION_NOT_FOUND',
    matches: codeIn('SubscriptionNotFound', 'InvalidSubscriptionId'),
    sentence: (_f, ctx) => `Could not ${ctx.action}: Azure does not know the subscription, or the bot cannot see it. Check the configured subscription ids.`,
  },
  {
    code: 'AZURE_NOT_FOUND',
    matches: (f) => f.status === 404 || codeIn('ResourceNotFound', 'NotFound', 'BMSUserErrorObjectNotFound', 'UserErrorObjectNotFound')(f),
    sentence: (_f, ctx) =>
      `Could not ${ctx.action}: Azure did not find it. It may have been deleted or renamed, or it is in a subscription the bot is not configured for.`,
  },
  {
    code: 'AZURE_CONFLICT',
    matches: (f) => f.status === 409,
    sentence: (f, ctx) => `Azure refused to ${ctx.action} because it conflicts with the resource's current state.${azureSaid(f)}`,
  },
  {
    code: 'AZURE_SERVER_ERROR',
    matches: (f) => f.status !== undefined && f.status >= 500,
    sentence: (f, ctx) =>
      `Azure had an internal error (HTTP ${f.status}) and could not ${ctx.action}; it kept failing after the bot retried. Try again in a few minutes; if it persists, check the Azure status page.${requestIdNote(f)}`,
  },
  {
    code: 'AZURE_REQUEST_REJECTED',
    matches: (f) => f.status !== undefined && f.status >= 400,
    sentence: (f, ctx) => `Azure rejected the request to ${ctx.action}.${azureSaid(f)}`,
  },
  {
    code: 'AZURE_OPERATION_FAILED',
    matches: (f) => f.status === undefined && f.code !== undefined,
    sentence: (f, ctx) => `Azure could not ${ctx.action}.${azureSaid(f)}`,
  },
];

/** The one place where Azure failures become errors a person can act on. */
export function describeAzureFailure(failure: AzureFailure, context: ErrorContext): AzureError {
  const rule = RULES.find((r) => r.matches(failure));
  if (!rule) {
    return new AzureError('AZURE_UNREACHABLE', `Could not reach Azure Resource Manager to ${context.action}. Check the network and the configured Azure endpoint, then try again.`, failure.code, failure.status, failure.requestId);
  }
  return new AzureError(rule.code, rule.sentence(failure, context), failure.code, failure.status, failure.requestId);
}

/** Node's codes for a server certificate that does not chain to a trusted authority. */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/**
 * Turns whatever an SDK call threw into a DomainError: RestErrors through the rules above,
 * DomainErrors unchanged, anything else as AZURE_UNEXPECTED (its text stays in `cause`, not in chat).
 */
export function toAzureError(err: unknown, context: ErrorContext): DomainError {
  if (err instanceof DomainError) return err;
  if (isRestError(err)) {
    const status = err.statusCode ?? (err.response?.status && err.response.status > 0 ? err.response.status : undefined);
    const code = err.code ?? bodyErrorCode(err.response?.bodyAsText ?? undefined);
    const message = err.message || bodyErrorMessage(err.response?.bodyAsText ?? undefined);
    const requestId = err.response?.headers.get('x-ms-request-id') ?? err.response?.headers.get('x-ms-correlation-request-id');
    // Network failures carry node's code (ECONNREFUSED, ...) and no status: not an Azure code.
    if (status === undefined) {
      if (code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code)) {
        const untrusted = new AzureError('AZURE_UNREACHABLE', `Could not reach Azure Resource Manager to ${context.action}: its TLS certificate is not trusted (${code}). If the endpoint is an emulator or sits behind a TLS-inspecting proxy, set AZURE_CA_FILE to the certificate of the authority that signed it.`, undefined, undefined, requestId);
        return withCause(untrusted, err);
      }
      const mapped = new AzureError('AZURE_UNREACHABLE', `Could not reach Azure Resource Manager to ${context.action} (${code ?? 'network error'}). Check the network and the configured Azure endpoint, then try again.`, undefined, undefined, requestId);
      return withCause(mapped, err);
    }
    return withCause(describeAzureFailure({ code, message, status, requestId }, context), err);
  }
  const unexpected = new AzureError('AZURE_UNEXPECTED', `Something unexpected went wrong while trying to ${context.action}. The details are in the bot's log.`, undefined, undefined);
  return withCause(unexpected, err);
}

/** Runs an SDK call and maps what it throws. */
export async function callAzure<T>(context: ErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toAzureError(err, context);
  }
}

function withCause<E extends Error>(mapped: E, cause: unknown): E {
  Object.defineProperty(mapped, 'cause', { value: cause, enumerable: false });
  return mapped;
}

function azureSaid(f: AzureFailure): string {
  const text = (f.message ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return f.code ? ` (Azure code ${f.code}.)` : '';
  const clipped = text.length > 300 ? `${text.slice(0, 297)}...` : text;
  return ` Azure said: ${clipped}${f.code ? ` (${f.code})` : ''}`;
}

function requestIdNote(f: AzureFailure): string {
  return f.requestId ? ` (Azure request id ${f.requestId}.)` : '';
}

function gerund(action: string): string {
  const [verb, ...rest] = action.split(' ');
  const ing = verb.endsWith('e') && !verb.endsWith('ee') ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
  return [ing, ...rest].join(' ');
}

function parseBody(text: string | undefined): { code?: unknown; message?: unknown } | undefined {
  if (!text) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return undefined;
    const inner = (body as { error?: unknown }).error;
    return (typeof inner === 'object' && inner !== null ? inner : body) as { code?: unknown; message?: unknown };
  } catch {
    return undefined;
  }
}

function bodyErrorCode(text: string | undefined): string | undefined {
  const code = parseBody(text)?.code;
  return typeof code === 'string' ? code : undefined;
}

function bodyErrorMessage(text: string | undefined): string | undefined {
  const message = parseBody(text)?.message;
  return typeof message === 'string' ? message : undefined;
}
