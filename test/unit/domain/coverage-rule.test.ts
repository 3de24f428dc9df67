import type { CoverageVm, Vault } from '../../../src/domain/backup.types';
import { coverageReport } from '../../../src/domain/coverage.rule';
import { DEFAULT_EXCLUDE_TAG, excludeTagWords, isExcluded, parseExcludeTag } from '../../../src/domain/exclude-tag.rule';
import { suggestVaultName } from '../../../src/domain/vault-name.rule';

const SUB = '00000000-0000-0000-0000-000000000001';
const SUB2 = '00000000-0000-0000-0000-000000000002';
const vmId = (rg: string, name: string, sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const vault = (name: string, location: string, sub = SUB): Vault => ({ id: `/subscriptions/${sub}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/${name}`, subscriptionId: sub, resourceGroup: 'rg-backup', name, location });
const vm = (name: string, location: string, rg = 'rg-app', extra: Partial<CoverageVm> = {}): CoverageVm => ({ id: vmId(rg, name, extra.subscriptionId), subscriptionId: SUB, resourceGroup: rg, name, location, tags: {}, ...extra });

describe('exclude tag (COVERAGE_EXCLUDE_TAG)', () => {
  it('reads name=value or a name alone, trimmed; refuses an empty name or value and characters Azure refuses in names', () => {
    expect(parseExcludeTag('backup=exclude')).toEqual({ ok: true, value: { name: 'backup', value: 'exclude' } });
    expect(parseExcludeTag(' nobackup ')).toEqual({ ok: true, value: { name: 'nobackup' } });
    expect(parseExcludeTag('a=b=c')).toEqual({ ok: true, value: { name: 'a', value: 'b=c' } });
    for (const bad of ['', '=x', 'backup=', 'a<b=x', `${'n'.repeat(513)}=x`, `n=${'v'.repeat(257)}`]) expect(parseExcludeTag(bad).ok).toBe(false);
  });

  it('matches names and values ignoring case; a name alone matches any value', () => {
    expect(isExcluded({ Backup: 'Exclude' }, DEFAULT_EXCLUDE_TAG)).toBe(true);
    expect(isExcluded({ backup: 'include' }, DEFAULT_EXCLUDE_TAG)).toBe(false);
    expect(isExcluded({ other: 'exclude' }, DEFAULT_EXCLUDE_TAG)).toBe(false);
    expect(isExcluded({ NoBackup: '' }, { name: 'nobackup' })).toBe(true);
    expect(excludeTagWords(DEFAULT_EXCLUDE_TAG)).toBe('backup=exclude');
    expect(excludeTagWords({ name: 'nobackup' })).toBe('nobackup');
  });
});

describe('coverage: grouping and the vault each group is offered', () => {
  it('groups unprotected VMs by subscription and region, largest first; counts protected, stopped and excluded apart', () => {
    const weu = vault('rsv-weu', 'westeurope');
    const vms = [
      vm('web-1', 'westeurope', 'rg-web'),
      vm('web-2', 'westeurope', 'rg-web'),
      vm('api-1', 'westeurope', 'rg-api'),
      vm('east-1', 'eastus'),
      vm('dev-1', 'westeurope', 'rg-dev', { subscriptionId: SUB2 }),
      vm('db-1', 'westeurope', 'rg-db', { protection: { vaultId: weu.id, state: 'Protected' } }),
      vm('old-1', 'westeurope', 'rg-db', { protection: { vaultId: weu.id, state: 'ProtectionStopped' } }),
      vm('jump-1', 'westeurope', 'rg-infra', { tags: { BACKUP: 'exclude' } }),
      // Protected and tagged: protected wins (the tag leaves out only what is not protected).
      vm('tagged-1', 'westeurope', 'rg-db', { tags: { backup: 'exclude' }, protection: { vaultId: weu.id, state: 'Protected' } }),
    ];
    const report = coverageReport(vms, [weu], DEFAULT_EXCLUDE_TAG);
    expect(report).toMatchObject({ total: 9, protected: 3, stopped: 1, excluded: 1 });
    expect(report.gaps.map((g) => [g.subscriptionId, g.location, g.vms.map((v) => v.name)])).toEqual([
      [SUB, 'westeurope', ['api-1', 'web-1', 'web-2']],
      [SUB, 'eastus', ['east-1']],
      [SUB2, 'westeurope', ['dev-1']],
    ]);
    // westeurope of SUB: the existing vault there, with what it protects; the other subscription's group gets a new vault.
    expect(report.gaps[0].vault).toEqual({ kind: 'existing', vault: weu, protects: 3 });
    expect(report.gaps[1].vault).toEqual({ kind: 'new', name: 'vault-eastus', resourceGroup: 'rg-app' });
    expect(report.gaps[2].vault).toEqual({ kind: 'new', name: 'vault-westeurope', resourceGroup: 'rg-dev' });
  });

  it('offers the vault of the region that protects the most VMs, then by name; a new vault goes to the busiest group and takes a free name', () => {
    const a = vault('rsv-a', 'westeurope');
    const b = vault('rsv-b', 'westeurope');
    const taken = vault('vault-northeurope', 'westeurope');
    const vms = [
      vm('p1', 'westeurope', 'rg-x', { protection: { vaultId: b.id, state: 'Protected' } }),
      // Protected by a vault the asker may not see: counts as protected, names no vault.
      vm('p2', 'westeurope', 'rg-x', { protection: { state: 'Protected' } }),
      vm('gap', 'westeurope'),
      vm('n1', 'northeurope', 'rg-small'),
      vm('n2', 'northeurope', 'rg-big'),
      vm('n3', 'northeurope', 'rg-big'),
    ];
    const report = coverageReport(vms, [a, b, taken], DEFAULT_EXCLUDE_TAG);
    const byRegion = Object.fromEntries(report.gaps.map((g) => [g.location, g.vault]));
    expect(byRegion.westeurope).toEqual({ kind: 'existing', vault: b, protects: 1 });
    expect(byRegion.northeurope).toEqual({ kind: 'new', name: 'vault-northeurope-2', resourceGroup: 'rg-big' });
    expect(coverageReport([vm('gap', 'westeurope')], [b, a], DEFAULT_EXCLUDE_TAG).gaps[0].vault).toMatchObject({ vault: a, protects: 0 });
  });

  it('names a new vault as the enable flow does', () => {
    expect(suggestVaultName('westeurope', [])).toBe('vault-westeurope');
    expect(suggestVaultName('westeurope', ['VAULT-WESTEUROPE', 'vault-westeurope-2'])).toBe('vault-westeurope-3');
  });
});
