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

/**
 * The name offered for a new vault in a region: `vault-<region>`, or `vault-<region>-2`, `-3`…
 * when taken (names compared as Azure does, ignoring case). The enable flow and coverage offer
 * the same name.
 */
export function suggestVaultName(location: string, taken: Iterable<string>): string {
  const names = new Set([...taken].map((t) => t.toLowerCase()));
  let suggested = `vault-${location}`.slice(0, VAULT_NAME_MAX);
  for (let i = 2; names.has(suggested.toLowerCase()); i++) suggested = `vault-${location}-${i}`.slice(0, VAULT_NAME_MAX);
  return suggested;
}
