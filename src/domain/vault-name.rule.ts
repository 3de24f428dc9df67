import { fail, ok, type RuleResult } from './errors';

export const VAULT_NAME_MIN = 2;
export const VAULT_NAME_MAX = 50;
/** The same pattern, for inputs that validate on the client (Adaptive Card Input.Text regex). */
export const VAULT_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9-]{1,49}$';
export const VAULT_NAME_RULE_TEXT =
  'Vault names are 2 to 50 characters, start with a letter, and use only letters, digits and hyphens.';

/**
 * Recovery Services vault name rule as Azure enforces it. Uniqueness in the subscription is
 * Azure's to answer (checkVaultName), not this rule's.
 */
export function validateVaultName(raw: string): RuleResult<string> {
  const name = (raw ?? '').trim();
  const field = 'vaultName';
  if (name.length === 0) return fail(field, 'VAULT_NAME_REQUIRED', `Enter a vault name. ${VAULT_NAME_RULE_TEXT}`);
  if (name.length < VAULT_NAME_MIN || name.length > VAULT_NAME_MAX) {
    return fail(field, 'VAULT_NAME_LENGTH', `"${clip(name)}" is ${name.length} characters long. ${VAULT_NAME_RULE_TEXT}`);
  }
  if (!/^[A-Za-z]/.test(name)) {
    return fail(field, 'VAULT_NAME_START', `"${clip(name)}" must start with a letter. ${VAULT_NAME_RULE_TEXT}`);
  }
  const bad = name.match(/[^A-Za-z0-9-]/);
  if (bad) {
    const shown = bad[0] === ' ' ? 'a space' : `"${bad[0]}"`;
    return fail(field, 'VAULT_NAME_CHARACTERS', `"${clip(name)}" contains ${shown}. ${VAULT_NAME_RULE_TEXT}`);
  }
  return ok(name);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
