import { RESOURCE_GROUP_NAME_PATTERN, validateResourceGroupName } from '../../../src/domain/resource-group-name.rule';

describe('validateResourceGroupName', () => {
  it.each(['r', 'rg-backup', 'RG_Prod.01', 'rg-(legacy)', 'a'.repeat(90), 'rg-café', 'AzureBackupRG_westeurope_1'])('accepts %j', (name) => {
    expect(validateResourceGroupName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['', 'RESOURCE_GROUP_NAME_REQUIRED'],
    ['   ', 'RESOURCE_GROUP_NAME_REQUIRED'],
    ['a'.repeat(91), 'RESOURCE_GROUP_NAME_LENGTH'],
    ['rg backup', 'RESOURCE_GROUP_NAME_CHARACTERS'],
    ['rg/backup', 'RESOURCE_GROUP_NAME_CHARACTERS'],
    ['rg#1', 'RESOURCE_GROUP_NAME_CHARACTERS'],
    ['rg.', 'RESOURCE_GROUP_NAME_END'],
    ['.', 'RESOURCE_GROUP_NAME_END'],
  ])('refuses %j with %s, naming the field and the rule', (name, code) => {
    const r = validateResourceGroupName(name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.field).toBe('newResourceGroup');
    expect(r.message).toMatch(/1 to 90 characters: letters, digits, hyphens, underscores, periods and parentheses, not ending in a period/);
  });

  it('names the offending character', () => {
    const r = validateResourceGroupName('rg/backup');
    expect(!r.ok && r.message).toContain('"/"');
    const space = validateResourceGroupName('rg backup');
    expect(!space.ok && space.message).toContain('a space');
  });

  it('trims surrounding spaces', () => {
    expect(validateResourceGroupName('  rg-ops ')).toEqual({ ok: true, value: 'rg-ops' });
  });

  it('agrees with the client-side (ASCII) regex on ASCII names', () => {
    const samples = ['r', 'rg-1', 'rg.', 'rg..x', '(x)', 'a b', 'a/b', 'x'.repeat(90), 'x'.repeat(91), '_', '-.', 'rg.(1)'];
    for (const name of samples) {
      expect({ name, ok: validateResourceGroupName(name).ok }).toEqual({ name, ok: new RegExp(RESOURCE_GROUP_NAME_PATTERN).test(name) });
    }
  });
});
