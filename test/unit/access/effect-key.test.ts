import { effectKey } from '../../../src/access/effect-key';
import type { Intent } from '../../../src/flows/intents';

const VAULT = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v';
const vm = (n: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${n}`;

describe('effect keys', () => {
  const base: Intent = { type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: VAULT }, policy: { kind: 'default' }, values: { vms: [vm('a'), vm('b')] } };

  it('are the same for the same request, whatever the order of keys, of chosen VMs, or the case of ids', () => {
    const reordered = { values: { vms: [vm('B').toUpperCase(), vm('a')] }, policy: { kind: 'default' }, vault: { vaultId: VAULT, kind: 'existing' }, type: 'vault.chooseVms' } as unknown as Intent;
    expect(effectKey(reordered)).toBe(effectKey(base));
    expect(effectKey({ ...base, values: { vms: [` ${vm('a')}`, vm('b')] } } as Intent)).toBe(effectKey(base));
  });

  it('differ when anything asked differs', () => {
    const keys = new Set([
      effectKey(base),
      effectKey({ ...base, values: { vms: [vm('a')] } } as Intent),
      effectKey({ ...base, policy: { kind: 'existing', name: 'nightly' } } as Intent),
      effectKey({ ...base, redundancy: 'LocallyRedundant' } as Intent),
      effectKey({ type: 'now.submit', vmId: vm('a'), values: { retainUntil: '2026-12-01' } }),
      effectKey({ type: 'now.submit', vmId: vm('a'), values: { retainUntil: '2026-12-02' } }),
    ]);
    expect(keys.size).toBe(6);
    expect(effectKey(base)).toMatch(/^effect:vault\.chooseVms:[0-9a-f]{40}$/);
  });
});
