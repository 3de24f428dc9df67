/**
 * The VM agent's state as people read it, from the inventory's one statusOnly listing per
 * subscription on the emulator: pickers and status say "agent ready / not ready / not reporting",
 * and enabling a VM whose agent is not ready warns before anything is changed.
 */
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult, FormView, MessageView } from '../../../src/flows/views';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };
const form = (r: FlowResult): FormView => {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(r).slice(0, 600)}`);
  return r.view;
};
function message<K extends MessageView['kind']>(r: FlowResult, kind: K): Extract<MessageView, { kind: K }> {
  if (r.kind !== 'message' || r.view.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r).slice(0, 600)}`);
  return r.view as Extract<MessageView, { kind: K }>;
}
const submit = (f: FormView, values: Record<string, string | string[]>): Intent => ({ ...f.submit.intent, values }) as Intent;

describe('the VM agent state, read in one listing', () => {
  let harness: BackupHarness;
  let flows: Flows;
  const handle = (intent: Intent) => flows.handle(intent, ACTOR);
  const describeVm = async (name: string): Promise<string | undefined> =>
    (await flows.suggest({ kind: 'vms' }, name)).find((o) => o.label === name)?.description;

  beforeAll(async () => {
    harness = await startBackupHarness({ startTime: new Date('2024-05-14T10:00:00Z') });
    harness.emulator.injectFault({ kind: 'vm-agent-missing', vmId: SEED.unprotectedWindowsVmId });
    flows = createFlows({ backup: harness.service, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com', now: () => harness.emulator.now() });
    await flows.inventory.ready();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('the picker says ready, not ready, not reporting or no agent for each VM', async () => {
    expect(await describeVm('web-02')).toMatch(/^Running · agent ready · Not protected · westeurope/);
    expect(await describeVm('sql-01')).toMatch(/^Running · agent not ready · /);
    expect(await describeVm('api-02')).toMatch(/^Stopped \(deallocated\) · agent not reporting · /);
    expect(await describeVm('legacy-01')).toMatch(/^Running · no VM agent · /);
    const all = await flows.suggest({ kind: 'vms' }, '');
    expect(all.some((o) => /unknown/i.test(o.description ?? ''))).toBe(false);
  });

  it('status says the agent is ready', async () => {
    const status = message(await handle({ type: 'status', target: 'web-02' }), 'vm-status');
    expect(status.vm.agentText).toBe('agent ready');
  });

  it('flags a VM whose agent is not ready before Enable Backup, and changes nothing until confirmed', async () => {
    const vaultStep = form(await handle({ type: 'enable.start', vm: 'sql-01' }));
    expect(vaultStep.sections?.[0]).toContain('agent not ready');
    const policyStep = form(await handle(submit(vaultStep, { vault: SEED.vaultIds.westeurope })));
    const confirm = form(await handle(submit(policyStep, { policy: 'default' })));
    expect(confirm.facts).toEqual(expect.arrayContaining([{ label: 'VM agent', value: 'agent not ready' }]));
    // The pre-flight check's agent line (src/flows/preflight-checks.ts), with the version Azure reports.
    expect(confirm.sections).toEqual(expect.arrayContaining([expect.stringMatching(/^Warning: VM agent: Not ready, version [\d.]+: .*backups fail until the agent reports Ready/)]));

    const ready = form(await handle(submit(form(await handle(submit(form(await handle({ type: 'enable.start', vm: 'web-02' })), { vault: SEED.vaultIds.westeurope }))), { policy: 'default' })));
    expect(ready.sections?.some((s) => s.startsWith('Warning'))).toBe(false);
  });

  it('the vault path flags, before enabling, how many of its VMs have an agent that is not ready', async () => {
    const pick = form(await handle({ type: 'vault.start' }));
    const settings = form(await handle(submit(pick, { vault: SEED.vaultIds.westeurope })));
    const vms = form(await handle(submit(settings, { redundancy: 'GeoRedundant', policy: 'default' })));
    expect(vms.form).toBe('vault.vms');
    expect(vms.sections).toEqual(expect.arrayContaining([expect.stringMatching(/^Warning: \d+ of these VMs ha(s|ve) a VM agent that is not ready or not reporting \(said beside each\)/)]));
    const field = vms.fields[0];
    const sql = field.kind === 'search' ? field.initialOptions?.find((o) => o.label === 'sql-01') : undefined;
    expect(sql?.description).toContain('agent not ready');
  });
});
