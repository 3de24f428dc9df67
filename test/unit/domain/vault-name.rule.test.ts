import { validateVaultName, VAULT_NAME_PATTERN } from '../../../src/domain/vault-name.rule';

describe('validateVaultName', () => {
  it.each(['ab', 'vault-prod-01', 'A1', 'a'.repeat(50), 'Backup-WestEurope'])('accepts %s', (name) => {
    const r = validateVaultName(name);
    expect(r).toEqual({ ok: true, value: name });
    expect(new RegExp(VAULT_NAME_PATTERN).test(name)).toBe(true);
  });

  it.each([
    ['', 'VAULT_NAME_REQUIRED'],
    ['a', 'VAULT_NAME_LENGTH'],
    ['a'.repeat(51), 'VAULT_NAME_LENGTH'],
    ['1vault', 'VAULT_NAME_START'],
    ['-vault', 'VAULT_NAME_START'],
    ['vault_01', 'VAULT_NAME_CHARACTERS'],
    ['my vault', 'VAULT_NAME_CHARACTERS'],
    ['vault.prod', 'VAULT_NAME_CHARACTERS'],
    ['vaulté', 'VAULT_NAME_CHARACTERS'],
  ])('refuses %j with %s, naming the field and the rule', (name, code) => {
    const r = validateVaultName(name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.field).toBe('vaultName');
    expect(r.message).toMatch(/2 to 50 characters, start with a letter/);
    if (name !== '' && !new RegExp(VAULT_NAME_PATTERN).test(name)) expect(code).not.toBe('');
  });

  it('names the offending character', () => {
    const r = validateVaultName('vault_01');
    expect(!r.ok && r.message).toContain('"_"');
  });

  it('trims surrounding spaces', () => {
    expect(validateVaultName('  vault1 ')).toEqual({ ok: true, value: 'vault1' });
  });

  it('agrees with the client-side regex on every case', () => {
    const samples = ['ab', 'a', 'a-', 'a--b', '9a', 'Zz9', 'x'.repeat(50), 'x'.repeat(51), 'a b', 'a_b'];
    for (const s of samples) {
      expect(validateVaultName(s).ok).toBe(new RegExp(VAULT_NAME_PATTERN).test(s));
    }
  });
});
