/**
 * Throttling and server errors during a vault-path enable of five VMs: the person gets an exact
 * account of what was and was not done (matching what Azure holds), the audit log one entry for
 * it, and the retry it offers protects the rest without doing anything twice.
 */
import type { Intent } from '../../../src/flows/intents';
import type { ProtectionResultView } from '../../../src/flows/views';
import { form, message, noticeOf, PROD, ROOT, SEED, startGuardedHarness, submit, type GuardedHarness } from './support/guarded-harness';

const FIVE = ['web-02', 'web-03', 'web-04', 'lb-01', 'redis-01'];
const VAULT = 'rsv-faults';

describe('vault-path enable under Azure faults', () => {
  let h: GuardedHarness;
  beforeAll(async () => {
    h = await startGuardedHarness();
    await h.text(ROOT, `backup admin bind ${PROD}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Successful PUTs of a VM's protected item, across the whole test. */
  const enablePuts = (vm: string) => h.backup.emulator.requests().filter((r) => r.method === 'PUT' && new RegExp(`protectedItems/[^/]*;${vm}$`, 'i').test(r.path) && r.status < 300).length;
  const vaultPuts = () => h.backup.emulator.requests().filter((r) => r.method === 'PUT' && new RegExp(`/vaults/${VAULT}$`, 'i').test(r.path) && r.status < 300).length;

  it('tells exactly what was and was not done, and a retry completes the rest once', async () => {
    const pick = form(await h.text(ROOT, 'backup vault'));
    const define = form(await h.flows.handle(submit(pick, { vault: 'new' }), ROOT));
    const settings = form(await h.flows.handle(submit(define, { subscriptionId: PROD, resourceGroup: SEED.vaultResourceGroup, location: 'westeurope', vaultName: VAULT }), ROOT));
    const vms = form(await h.flows.handle(submit(settings, { redundancy: 'LocallyRedundant', policy: 'default' }), ROOT));
    // The last step is the confirmation: it states what "Enable Backup" will create and that it costs.
    expect(vms.sections?.join(' ')).toMatch(new RegExp(`Enable Backup first creates vault ${VAULT} in westeurope \\(resource group rg-backup, Locally redundant.*\\), then protects the VMs you pick.*billed by Azure`));
    expect(vms.submit.label).toBe('Enable Backup');

    h.backup.emulator.clearRequests();
    // The vault's creation is throttled twice (the bot waits and retries); web-03 keeps failing
    // with 500s and web-04 keeps being throttled, past the bot's retries.
    h.backup.emulator.injectFault({ kind: 'throttle', pathPattern: `/vaults/${VAULT}$`, method: 'PUT', count: 2, retryAfterSeconds: 0 });
    h.backup.emulator.injectFault({ kind: 'server-error', pathPattern: 'protectedItems/[^/]*web-03$', method: 'PUT', count: 100, status: 500 });
    h.backup.emulator.injectFault({ kind: 'throttle', pathPattern: 'protectedItems/[^/]*web-04$', method: 'PUT', count: 100, retryAfterSeconds: 0 });
    const press = submit(vms, { vms: FIVE.map((n) => SEED.vmId(n)) });
    const result = message(await h.flows.handle(press, ROOT), 'protection-result');

    // What the person reads...
    expect(result.title).toBe('Backup enabled for 3 of 5 VMs');
    expect(result.tone).toBe('warning');
    expect(result.steps.map((s) => [s.step.split(' ').slice(0, 2).join(' '), s.status])).toEqual([
      ['Create vault', 'done'],
      ['Enable protection', 'done'],
    ]);
    expect(result.steps[1].detail).toBe('3 of 5 VMs protected; see below.');
    const told = Object.fromEntries(result.outcomes.map((o) => [o.vm.name, o.ok ? 'protected' : o.code]));
    expect(told).toEqual({ 'web-02': 'protected', 'web-03': 'AZURE_SERVER_ERROR', 'web-04': expect.stringMatching(/THROTTL/), 'lb-01': 'protected', 'redis-01': 'protected' });
    for (const o of result.outcomes.filter((x) => !x.ok)) expect(o.text).toMatch(new RegExp(o.vm.name));

    const statuses = (pattern: RegExp) => h.backup.emulator.requests().filter((r) => r.method === 'PUT' && pattern.test(r.path)).map((r) => r.status);
    expect(statuses(new RegExp(`/vaults/${VAULT}$`, 'i'))).toEqual([429, 429, 201]);
    expect(new Set(statuses(/protectedItems\/[^/]*web-03$/i))).toEqual(new Set([500]));
    expect(new Set(statuses(/protectedItems\/[^/]*web-04$/i))).toEqual(new Set([429]));

    // ...is what Azure holds.
    const vault = (await h.backup.service.listVaults({ subscriptionId: PROD })).find((v) => v.name === VAULT);
    expect(vault).toBeDefined();
    const held = (await h.backup.service.listProtectedItems(vault!.id)).map((i) => i.vmName).sort();
    expect(held).toEqual(Object.entries(told).filter(([, v]) => v === 'protected').map(([k]) => k).sort());
    expect((await h.backup.service.getStorageRedundancy(vault!.id)).redundancy).toBe('LocallyRedundant');

    const first = (await h.audit()).filter((e) => e.action === 'vault.chooseVms');
    expect(first).toEqual([expect.objectContaining({ outcome: 'partial', actor: expect.objectContaining({ userId: 'U0ROOT' }) })]);
    expect(first[0].detail).toMatch(/web-03: not protected \(AZURE_SERVER_ERROR/);
    expect(first[0].resourceIds).toEqual(expect.arrayContaining([vault!.id, ...FIVE.map((n) => SEED.vmId(n))]));

    // The retry the answer offers names only what failed, in the vault that now exists.
    h.backup.emulator.clearFaults();
    const retry = result.actions.find((a) => /^Retry the 2 VMs that failed$/.test(a.label));
    expect(retry).toBeDefined();
    const retryIntent = retry!.intent as Intent;
    expect(retryIntent).toEqual({ type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: vault!.id }, policy: { kind: 'default' }, values: { vms: [SEED.vmId('web-03'), SEED.vmId('web-04')] } });
    const second: ProtectionResultView = message(await h.flows.handle(retryIntent, ROOT), 'protection-result');
    expect(second.title).toBe('Backup enabled for 2 of 2 VMs');
    expect((await h.backup.service.listProtectedItems(vault!.id)).map((i) => i.vmName).sort()).toEqual([...FIVE].sort());

    // Nothing twice: one vault, one enable per VM, one audit entry per effect; a second click is told.
    expect(vaultPuts()).toBe(1);
    for (const vm of FIVE) expect({ vm, puts: enablePuts(vm) }).toEqual({ vm, puts: 1 });
    expect(noticeOf(await h.flows.handle(retryIntent, ROOT)).title).toBe('Already done');
    // Pressing the original Enable Backup again changes nothing either: the vault's name is taken now.
    const replay = await h.flows.handle(press, ROOT);
    expect(JSON.stringify(replay)).toMatch(/already exists|taken|not enabled/i);
    expect(vaultPuts()).toBe(1);
    for (const vm of FIVE) expect({ vm, puts: enablePuts(vm) }).toEqual({ vm, puts: 1 });
    const entries = (await h.audit()).filter((e) => e.action === 'vault.chooseVms').map((e) => e.outcome);
    expect(entries.sort()).toEqual(['failed', 'partial', 'succeeded']);
  });
});
