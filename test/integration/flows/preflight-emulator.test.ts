/**
 * `backup check` on the real Azure BackupService against the emulator: every check reads what
 * Azure serves (the VM with instanceView, vaults, protected items, policies, management locks),
 * each seeded VM shape meets its support matrix rule, and an Azure call that fails leaves only its
 * own check "could not be checked".
 */
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor } from '../../../src/flows/intents';
import type { CheckLineView, FlowResult, PreflightView } from '../../../src/flows/views';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };
const P = SEED.subscriptions.production;

function preflight(r: FlowResult): PreflightView {
  if (r.kind !== 'message' || r.view.kind !== 'preflight') throw new Error(`expected a preflight view, got ${JSON.stringify(r).slice(0, 600)}`);
  return r.view;
}
const byId = (view: PreflightView, id: string): CheckLineView | undefined => view.checks.find((c) => c.id === id);
const outcomes = (view: PreflightView): Record<string, string> => Object.fromEntries(view.checks.map((c) => [c.id, c.outcome]));

describe('backup check against the emulator', () => {
  let harness: BackupHarness;
  let flows: Flows;
  const check = async (vm: string) => preflight(await flows.handle({ type: 'check', vm }, ACTOR));

  beforeAll(async () => {
    harness = await startBackupHarness({ startTime: new Date('2024-05-14T10:00:00Z') });
    flows = createFlows({ backup: harness.service, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com', now: () => harness.emulator.now() });
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(() => {
    harness.emulator.clearFaults();
    harness.emulator.unlockResourceGroup(P, 'rg-web-prod', 'change-freeze');
    harness.emulator.unlockResourceGroup(P, 'AzureBackupRG_westeurope_1', 'keep');
  });

  it('web-02 passes every check, naming the vault, the DefaultPolicy and its first run', async () => {
    const view = await check('web-02');
    expect(view.tone).toBe('success');
    expect(outcomes(view)).toEqual({ power: 'pass', agent: 'pass', vault: 'pass', protection: 'pass', policy: 'pass', locks: 'pass', 'restore-point-locks': 'pass', 'support-matrix': 'pass' });
    expect(byId(view, 'agent')?.text).toBe('Ready, version 2.9.1.1.');
    expect(byId(view, 'vault')?.text).toContain(SEED.vaultNames.westeurope);
    expect(byId(view, 'policy')?.text).toMatch(/^DefaultPolicy in rsv-prod-weu: .+ First backup .+ \(.+\)\.$/);
    expect(view.actions.map((a) => a.label)).toEqual(['Enable backup', 'Check again']);
  });

  it('web-01: already protected (where, which policy), a lock on its group warns, a lock on AzureBackupRG_westeurope_1 fails', async () => {
    harness.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'rg-web-prod', name: 'change-freeze', level: 'CanNotDelete' });
    harness.emulator.lockResourceGroup({ subscriptionId: P, resourceGroup: 'AzureBackupRG_westeurope_1', name: 'keep', level: 'ReadOnly' });
    const view = await check('web-01');
    expect(byId(view, 'protection')).toMatchObject({ outcome: 'pass', text: expect.stringContaining('Already protected by vault rsv-prod-weu with policy DefaultPolicy') });
    expect(byId(view, 'policy')?.text).toMatch(/Next backup/);
    expect(byId(view, 'vm-group-lock')).toMatchObject({ outcome: 'warn', text: expect.stringContaining('change-freeze (CanNotDelete on rg-web-prod)') });
    expect(byId(view, 'restore-point-group-lock')).toMatchObject({ outcome: 'fail', text: expect.stringContaining('keep (ReadOnly on AzureBackupRG_westeurope_1)') });
    expect(byId(view, 'restore-point-group-lock')?.source?.url).toContain('backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout');
    expect(view.tone).toBe('error');
  });

  it('meets each seeded shape with its support matrix rule', async () => {
    expect(byId(await check('spark-01'), 'ultra-disk-policy')?.outcome).toBe('fail');
    const spark = await check('spark-01');
    expect(byId(spark, 'power')?.outcome).toBe('warn');
    expect(byId(await check('sql-02'), 'trusted-launch-policy')?.outcome).toBe('fail');
    expect(byId(await check('report-01'), 'write-accelerator')?.outcome).toBe('warn');
    expect(byId(await check('build-02'), 'unmanaged-disks')?.outcome).toBe('warn');
    expect(byId(await check('ci-runner-01'), 'support-matrix')?.outcome).toBe('pass');
    const legacy = await check('legacy-01');
    expect(byId(legacy, 'agent')?.outcome).toBe('fail');
    expect(legacy.actions.map((a) => a.label)).toEqual(['Check again']);
  });

  it('a failed Azure call makes only its own check "could not be checked"', async () => {
    harness.emulator.injectFault({ kind: 'forbidden', pathPattern: 'Microsoft\\.Authorization/locks', count: 10 });
    const view = await check('web-02');
    expect(byId(view, 'locks')).toMatchObject({ outcome: 'unknown', text: expect.stringMatching(/^could not be checked: /) });
    expect(byId(view, 'restore-point-locks')?.outcome).toBe('unknown');
    expect(byId(view, 'power')?.outcome).toBe('pass');
    expect(byId(view, 'support-matrix')?.outcome).toBe('pass');
    expect(view.summary).toBe('6 passed, 2 not checked');
  });

  it('costs a handful of ARM reads, none of them a change', async () => {
    await flows.inventory.ready();
    harness.emulator.clearRequests();
    await check('web-02');
    const calls = harness.emulator.requests().map((r) => `${r.method} ${r.path.replace(/^\/subscriptions\/[^/]+/i, '').replace(/\?.*$/, '')}`);
    // Reads only: GET, and Backup Status (a POST that reads, "Backup Status - Get").
    expect(calls.filter((c) => !c.startsWith('GET ') && !/backupStatus$/.test(c))).toEqual([]);
    // The VM with instanceView (and once more for the protection lookup), the region's vaults,
    // Backup Status, the policy, and the two lock lists.
    expect(calls).toHaveLength(7);
    expect(calls.filter((c) => /Microsoft\.Authorization\/locks$/i.test(c))).toHaveLength(2);
  });

  it('offers the picker when several VMs or none match', async () => {
    const many = await flows.handle({ type: 'check', vm: 'web-0' }, ACTOR);
    expect(many.kind).toBe('form');
    if (many.kind === 'form') expect(many.view.errors?.[0]).toMatchObject({ field: 'vm', code: 'VM_AMBIGUOUS' });
    const none = await flows.handle({ type: 'check', vm: 'nope-99' }, ACTOR);
    if (none.kind !== 'form') throw new Error('expected the picker');
    expect(none.view.form).toBe('check.vm');
    expect(none.view.errors?.[0].code).toBe('VM_NOT_FOUND');
  });
});
