/**
 * A failure a person can act on. `code` is stable (tests and adapters branch on it);
 * `message` is safe to show verbatim in chat; `field` names the input at fault, when there is one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * An Azure call that failed. `azureCode` is Azure's own error code (e.g. `UserErrorGuestAgentStatusUnavailable`),
 * `status` the HTTP status, and `message` a sentence a person can act on.
 */
export class AzureError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly azureCode: string | undefined,
    readonly status: number | undefined,
    readonly requestId?: string,
  ) {
    super(code, message);
    this.name = 'AzureError';
  }
}

/** The outcome of a validation rule: either ok, or which field is wrong and what is allowed. */
export type RuleResult<T = void> =
  | { ok: true; value: T }
  | { ok: false; field: string; code: string; message: string };

export const ok = <T>(value: T): RuleResult<T> => ({ ok: true, value });
export const fail = (field: string, code: string, message: string): RuleResult<never> => ({
  ok: false,
  field,
  code,
  message,
});
