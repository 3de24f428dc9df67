import { checkSameRegion, normalizeLocation } from '../../../src/domain/region.rule';
import { iaasContainerName, iaasItemName, parseResourceId, sameResourceId, vaultId, vmId } from '../../../src/domain/azure-ids';

describe('region rule', () => {
  it('normalises display names', () => {
    expect(normalizeLocation('West Europe')).toBe('westeurope');
  });
  it('accepts the same region however spelled', () => {
    expect(checkSameRegion('West Europe', 'westeurope').ok).toBe(true);
  });
  it('refuses another region and says which', () => {
    const r = checkSameRegion('eastus', 'westeurope', 'web-01');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('VM_REGION_MISMATCH');
      expect(r.message).toContain('web-01 is in eastus but the vault is in westeurope');
    }
  });
});

describe('ARM ids', () => {
  it('round-trips a VM id', () => {
    const id = vmId('sub-1', 'rg-web', 'web-01');
    expect(parseResourceId(id)).toEqual({
      subscriptionId: 'sub-1', resourceGroup: 'rg-web', provider: 'Microsoft.Compute', type: 'virtualMachines', name: 'web-01',
    });
  });
  it('parses mixed-case ids', () => {
    expect(parseResourceId('/Subscriptions/S/resourcegroups/R/providers/Microsoft.RecoveryServices/vaults/V').name).toBe('V');
  });
  it('refuses what is not an id', () => {
    expect(() => parseResourceId('web-01')).toThrow(/Not an Azure resource id/);
  });
  it('builds backup names', () => {
    expect(iaasContainerName('rg', 'vm')).toBe('IaasVMContainer;iaasvmcontainerv2;rg;vm');
    expect(iaasItemName('rg', 'vm')).toBe('VM;iaasvmcontainerv2;rg;vm');
    expect(sameResourceId(vaultId('s', 'r', 'v'), vaultId('s', 'R', 'V'))).toBe(true);
  });
});
