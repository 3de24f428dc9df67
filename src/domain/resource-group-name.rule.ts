import { fail, ok, type RuleResult } from './errors';

export const RESOURCE_GROUP_NAME_MAX = 90;
export const RESOURCE_GROUP_NAME_RULE_TEXT =
  'Resource group names are 1 to 90 characters: letters, digits, hyphens, underscores, periods and parentheses, not ending in a period.';
/** ASCII form of the rule for inputs that validate on the client (Adaptive Card Input.Text regex). */
export const RESOURCE_GROUP_NAME_PATTERN = '^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$';

/** Azure's pattern `^[-\w\._\(\)]+$`, where \w takes any Unicode letter or digit. */
const ALLOWED = /^[\p{L}\p{N}_.()-]$/u;

/**
 * Azure's resource group name rule (Microsoft.Resources: 1 to 90 characters, letters, digits,
 * `-_.()`, no period at the end). Whether the name is free in the subscription is Azure's to
 * answer (the list of groups), not this rule's. `field` is the form's new-group input.
 */
export function validateResourceGroupName(raw: string): RuleResult<string> {
  const name = (raw ?? '').trim();
  const field = 'newResourceGroup';
  if (!name) return fail(field, 'RESOURCE_GROUP_NAME_REQUIRED', `Enter a name for the new resource group. ${RESOURCE_GROUP_NAME_RULE_TEXT}`);
  const length = [...name].length;
  if (length > RESOURCE_GROUP_NAME_MAX) {
    return fail(field, 'RESOURCE_GROUP_NAME_LENGTH', `That name is ${length} characters long. ${RESOURCE_GROUP_NAME_RULE_TEXT}`);
  }
  const bad = [...name].find((c) => !ALLOWED.test(c));
  if (bad !== undefined) {
    const shown = bad === ' ' ? 'a space' : `"${bad}"`;
    return fail(field, 'RESOURCE_GROUP_NAME_CHARACTERS', `"${clip(name)}" contains ${shown}. ${RESOURCE_GROUP_NAME_RULE_TEXT}`);
  }
  if (name.endsWith('.')) return fail(field, 'RESOURCE_GROUP_NAME_END', `"${clip(name)}" ends in a period. ${RESOURCE_GROUP_NAME_RULE_TEXT}`);
  return ok(name);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
