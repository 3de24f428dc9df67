import { azCliEnableCalls } from '../../../bench/lib/az-cli-enable';
import type { VirtualMachine } from '../../../src/domain/backup.types';
import { type BackupHarness, SEED, startBackupHarness } from '../../support/backup-harness';

/** Every asynchronous operation answers "in progress" once, then done: two polls each, for the bot and for the CLI. */
const POLLS_BEFORE_DONE = 1;
const POLLS_PER_OPERATION = POLLS_BEFORE_DONE + 1;

/**
 * Enabling backup as Azure sees it: the requests the bot sends to enable one VM, and ten VMs of
 * one vault, against the count `az backup protection enable-for-vm` needs for the same work
 * (bench/docs/enable-protection-calls.md). Counts only, never time.
 */
describe('enable protection: Azure calls', () => {
  let h: BackupHarness;
  let vms: VirtualMachine[];
  let vaultSeq = 0;

  beforeEach(async () => {
    h = await startBackupHarness({ pollsBeforeDone: POLLS_BEFORE_DONE, seed: { extraVms: 150 } });
    // Generated VMs of the production subscription in West Europe, all with a ready agent and protected nowhere.
    vms = (await h.service.listVirtualMachines())
      .filter((vm) => vm.subscriptionId === SEED.subscriptions.production && vm.location === 'westeurope' && vm.name.startsWith('vm-scale-') && vm.agent === 'Ready')
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(vms.length).toBeGreaterThanOrEqual(12);
  });
  afterEach(async () => {
    await h?.close();
  });

  /** A vault made for the test: no discovery has run in it yet, as for a vault created today. */
  async function freshVault(): Promise<string> {
    vaultSeq += 1;
    const vault = await h.service.createVault({ subscriptionId: SEED.subscriptions.production, resourceGroup: SEED.vaultResourceGroup, name: `rsv-calls-${vaultSeq}`, location: 'westeurope' });
    h.emulator.clearRequests();
    return vault.id;
  }

  function calls(pattern: RegExp, method?: string): number {
    return h.emulator.requests().filter((r) => pattern.test(r.path) && (method === undefined || r.method === method)).length;
  }

  it('enables one VM of a new vault with no more calls than the CLI', async () => {
    const vaultId = await freshVault();
    const [outcome] = await h.service.enableProtection(vaultId, 'DefaultPolicy', [vms[0].id]);
    expect(outcome).toMatchObject({ vmId: vms[0].id, ok: true });
    const cli = azCliEnableCalls({ vms: 1, discovered: false, pollsPerOperation: POLLS_PER_OPERATION });
    expect(cli).toBe(12);
    expect(h.emulator.requests().length).toBeLessThanOrEqual(cli);
    expect(calls(/\/refreshContainers$/i, 'POST')).toBe(1);
  });

  it('enables a VM the vault lists already without a discovery, with no more calls than the CLI', async () => {
    const vaultId = await freshVault();
    await h.service.enableProtection(vaultId, 'DefaultPolicy', [vms[0].id]);
    h.emulator.clearRequests();
    const [outcome] = await h.service.enableProtection(vaultId, 'DefaultPolicy', [vms[1].id]);
    expect(outcome).toMatchObject({ vmId: vms[1].id, ok: true });
    expect(calls(/\/refreshContainers$/i)).toBe(0);
    expect(h.emulator.requests().length).toBeLessThanOrEqual(azCliEnableCalls({ vms: 1, discovered: true, pollsPerOperation: POLLS_PER_OPERATION }));
  });

  it('enables ten VMs of one vault with one discovery, one look-up of the vault and policy, and fewer calls per VM than the CLI', async () => {
    const vaultId = await freshVault();
    const ten = vms.slice(0, 10).map((vm) => vm.id);
    const outcomes = await h.service.enableProtection(vaultId, 'DefaultPolicy', ten);
    expect(outcomes.map((o) => [o.vmId, o.ok])).toEqual(ten.map((id) => [id, true]));
    expect(calls(/\/refreshContainers$/i, 'POST')).toBe(1);
    expect(calls(/\/backupProtectableItems$/i, 'GET')).toBe(2);
    expect(calls(/\/vaults\/rsv-calls-\d+$/i, 'GET')).toBe(1);
    expect(calls(/\/backupPolicies\/DefaultPolicy$/i, 'GET')).toBe(1);
    expect(calls(/\/protectedItems\/[^/]+$/i, 'PUT')).toBe(10);
    // Asked only of VMs that cannot be protected: none here.
    expect(calls(/\/backupStatus$/i)).toBe(0);
    const cli = azCliEnableCalls({ vms: 10, discovered: false, pollsPerOperation: POLLS_PER_OPERATION });
    expect(h.emulator.requests().length).toBeLessThanOrEqual(cli);
    // Batch work (vault, policy, discovery) is paid once: 7 + 5 per VM here, against the CLI's 12 + 9 per further VM.
    expect(h.emulator.requests().length).toBe(7 + 10 * 5);
  });

  it('honours 429s on the enable requests of a batch: every VM enabled, each PUT retried after its Retry-After', async () => {
    const vaultId = await freshVault();
    const ten = vms.slice(0, 10).map((vm) => vm.id);
    h.emulator.injectFault({ kind: 'throttle', pathPattern: '/protectedItems/[^/]+$', method: 'PUT', count: 3, retryAfterSeconds: 0 });
    const outcomes = await h.service.enableProtection(vaultId, 'DefaultPolicy', ten);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const puts = h.emulator.requests().filter((r) => r.method === 'PUT' && /\/protectedItems\/[^/]+$/i.test(r.path));
    expect(puts.filter((r) => r.status === 429)).toHaveLength(3);
    expect(puts.filter((r) => r.status === 202)).toHaveLength(10);
  });

  it('still says why a VM cannot be protected, asking Azure only about that VM', async () => {
    const vaultId = await freshVault();
    const [first] = await h.service.enableProtection(vaultId, 'DefaultPolicy', [vms[0].id]);
    expect(first.ok).toBe(true);
    h.emulator.clearRequests();
    const outcomes = await h.service.enableProtection(vaultId, 'DefaultPolicy', [vms[0].id, vms[2].id, SEED.protectedVmId]);
    expect(outcomes[0]).toEqual({ vmId: vms[0].id, ok: false, code: 'VM_ALREADY_PROTECTED', reason: `${vms[0].name} is already protected by this vault with policy DefaultPolicy.` });
    expect(outcomes[1]).toMatchObject({ vmId: vms[2].id, ok: true });
    expect(outcomes[2]).toEqual({ vmId: SEED.protectedVmId, ok: false, code: 'VM_ALREADY_PROTECTED', reason: expect.stringMatching(/^web-01 is already protected by vault rsv-prod-weu\. /) });
    expect(calls(/\/backupStatus$/i)).toBe(2);
  });
});
