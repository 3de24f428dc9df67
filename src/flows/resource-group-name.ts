import { fail, ok, type RuleResult } from '../domain/errors';

const RULE = 'Resource group names are 1 to 90 characters: letters, digits, hyphens, underscores, periods and parentheses, not ending in a period.';

/** Azure's resource group name rule (ASCII subset), for the new-vault form of the vault path. */
export function validateResourceGroupName(raw: string): RuleResult<string> {
  const name = (raw ?? '').trim();
  const field = 'newResourceGroup';
  if (!name) return fail(field, 'RESOURCE_GROUP_NAME_REQUIRED', `Enter a name for the new resource group. ${RULE}`);
  if (name.length > 90) return fail(field, 'RESOURCE_GROUP_NAME_LENGTH', `That name is ${name.length} characters long. ${RULE}`);
  if (!/^[A-Za-z0-9_().-]+$/.test(name) || name.endsWith('.')) return fail(field, 'RESOURCE_GROUP_NAME_CHARACTERS', `"${name.slice(0, 60)}" is not allowed. ${RULE}`);
  return ok(name);
}
