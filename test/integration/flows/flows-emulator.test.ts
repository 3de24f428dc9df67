/**
 * The flows on the real Azure BackupService against the ARM emulator: the VM path and the vault
 * path walked to a completed Backup now, and a failed backup explained. Time moves only through
 * `harness.emulator.advance`.
 */
import { ResourceManagementClient } from '@azure/arm-resources';
import { staticTokenCredential } from '../../../src/backup/azure';
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { JobUpdate } from '../../../src/flows/job-tracker.port';
import type { FlowResult, FormView, MessageView, SelectField } from '../../../src/flows/views';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };

function form(r: FlowResult): FormView {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${r.kind}: ${JSON.stringify(r).slice(0, 800)}`);
  return r.view;
}
function message<K extends MessageView['kind']>(r: FlowResult, kind: K): Extract<MessageView, { kind: K }> {
  if (r.kind !== 'message' || r.view.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r).slice(0, 800)}`);
  return r.view as Extract<MessageView, { kind: K }>;
}
const submit = (f: FormView, values: Record<string, string | string[]>): Intent => ({ ...f.submit.intent, values }) as Intent;

describe('flows against the emulator', () => {
  let harness: BackupHarness;
  let flows: Flows;
  let store: MemoryTrackedJobs;
  const handle = (intent: Intent) => flows.handle(intent, ACTOR);

  beforeAll(async () => {
    harness = await startBackupHarness({ startTime: new Date('2024-05-14T10:00:00Z') });
    store = new MemoryTrackedJobs();
    flows = createFlows({ backup: harness.service, trackedJobs: store, portalBaseUrl: 'https://portal.azure.com', now: () => harness.emulator.now() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Backup now on a VM, then moves the emulator's clock until the tracked message shows the job ended. */
  async function backupNowToEnd(vmName: string): Promise<JobUpdate[]> {
    const retain = form(await handle({ type: 'now.start', vm: vmName }));
    expect(retain.form).toBe('now.retain');
    const started = await handle(submit(retain, { retainUntil: '2024-07-01' }));
    const job = message(started, 'job');
    expect(job.phase).toBe('queued');
    if (started.kind !== 'message' || !started.track) throw new Error('not tracked');
    await flows.jobs.track(started.track, { platform: 'test', messageRef: `msg-${vmName}` });
    const updates: JobUpdate[] = [];
    for (let i = 0; i < 10 && !updates.at(-1)?.view.final; i++) {
      await harness.emulator.advance(30_000);
      await flows.jobs.refreshTrackedJobs(async (u) => void updates.push(u));
    }
    return updates;
  }

  it('VM path: web-02 -> the westeurope vault -> default policy -> Enable Backup -> Backup now completes', async () => {
    const vaultStep = form(await handle({ type: 'enable.start', vm: 'web-02' }));
    const vaults = (vaultStep.fields.find((f) => f.id === 'vault') as SelectField).options.map((o) => o.value);
    expect(vaults).toContain(SEED.vaultIds.westeurope);
    expect(vaults).not.toContain(SEED.vaultIds.northeurope);
    const policyStep = form(await handle(submit(vaultStep, { vault: SEED.vaultIds.westeurope })));
    const confirm = form(await handle(submit(policyStep, { policy: 'default' })));
    expect(confirm.facts?.find((f) => f.label === 'Policy')?.value).toMatch(/^DefaultPolicy: Daily at \d\d:\d\d UTC, kept 30 days$/);

    const result = message(await handle(submit(confirm, {})), 'protection-result');
    expect(result.outcomes).toEqual([expect.objectContaining({ ok: true, text: 'Warning (Initial backup pending)' })]);
    expect(result.firstScheduledBackup?.at).toBeDefined();

    const status = message(await handle({ type: 'status', target: 'web-02' }), 'vm-status');
    expect(status.protection.text).toBe('Warning (Initial backup pending)');
    expect(status.lastBackup.text).toBe('never');

    const updates = await backupNowToEnd('web-02');
    const last = updates.at(-1)!.view;
    expect(last.phase).toBe('completed');
    expect(last.recoveryPoint?.expires?.text).toBe('1 Jul 2024 (48 days)');
    expect(updates.some((u) => u.view.phase === 'in-progress')).toBe(true);
    expect(await store.listOpen()).toEqual([]);
  });

  it('vault path: new vault in northeurope, LRS, new policy, two VMs (one without agent) -> Backup now completes', async () => {
    const pick = form(await handle({ type: 'vault.start' }));
    const define = form(await handle(submit(pick, { vault: 'new' })));
    const settings = form(
      await handle(submit(define, { subscriptionId: SEED.subscriptions.production, resourceGroup: 'rg-backup', location: 'northeurope', vaultName: 'rsv-chatops-neu' })),
    );
    const policyForm = form(await handle(submit(settings, { redundancy: 'LocallyRedundant', policy: 'new' })));
    const vmsStep = form(await handle(submit(policyForm, { policyName: 'nightly', scheduleFrequency: 'Daily', scheduleTime: '22:00', timeZone: 'UTC', dailyRetention: '14' })));
    const result = message(await handle(submit(vmsStep, { vms: [SEED.otherRegionVmId, SEED.agentlessVmId] })), 'protection-result');
    expect(result.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    const byVm = Object.fromEntries(result.outcomes.map((o) => [o.vm.name, o]));
    expect(byVm['app-01']).toMatchObject({ ok: true, text: 'Warning (Initial backup pending)' });
    expect(byVm['legacy-01'].ok).toBe(false);
    expect(byVm['legacy-01'].text.toLowerCase()).toContain('agent');
    expect(result.redundancyText).toBe('Locally redundant (LRS)');

    const vaultStatus = message(await handle({ type: 'status', target: 'rsv-chatops-neu' }), 'vault-status');
    expect(vaultStatus.redundancy).toMatchObject({ value: 'LocallyRedundant', locked: true });

    const updates = await backupNowToEnd('app-01');
    expect(updates.at(-1)!.view.phase).toBe('completed');
  });

  it('vault path: a new resource group, picked from Azure\'s list, is created with the vault', async () => {
    // A group with no VM or vault in it: only Azure's list of groups knows it.
    const resources = new ResourceManagementClient(staticTokenCredential(), SEED.subscriptions.production, {
      endpoint: harness.emulator.endpoint,
      $host: harness.emulator.endpoint,
      tlsOptions: { ca: harness.emulator.ca },
    });
    await resources.resourceGroups.createOrUpdate('rg-empty', { location: 'westeurope' });

    const define = form(await handle(submit(form(await handle({ type: 'vault.start' })), { vault: 'new' })));
    const groups = (define.fields.find((f) => f.id === 'resourceGroup') as SelectField).options.map((o) => o.value);
    expect(groups).toEqual(expect.arrayContaining(['new', 'rg-empty', 'rg-backup', 'rg-web-prod', 'rg-dev']));
    const values = { subscriptionId: SEED.subscriptions.production, resourceGroup: 'new', newResourceGroup: 'rg-chatops-weu', location: 'westeurope', vaultName: 'rsv-chatops-weu' };

    // The new group's name follows Azure's rule, and must not be a group that exists.
    const badName = await handle(submit(define, { ...values, newResourceGroup: 'rg chatops.' }));
    expect(badName.kind === 'invalid' && badName.errors).toEqual([expect.objectContaining({ field: 'newResourceGroup', code: 'RESOURCE_GROUP_NAME_CHARACTERS' })]);
    const exists = await handle(submit(define, { ...values, newResourceGroup: 'RG-EMPTY' }));
    expect(exists.kind === 'invalid' && exists.errors).toEqual([expect.objectContaining({ field: 'newResourceGroup', code: 'RESOURCE_GROUP_EXISTS' })]);
    // A group of the other subscription is not one of this one's.
    const otherSub = await handle(submit(define, { ...values, resourceGroup: 'rg-dev' }));
    expect(otherSub.kind === 'invalid' && otherSub.errors).toEqual([expect.objectContaining({ field: 'resourceGroup', code: 'RESOURCE_GROUP_UNKNOWN' })]);

    const settings = form(await handle(submit(define, values)));
    expect(settings.sections?.[0]).toBe('Vault rsv-chatops-weu (new): westeurope, resource group rg-chatops-weu (new).');
    const confirm = form(await handle(submit(settings, { redundancy: 'GeoRedundant', policy: 'default' })));
    expect(confirm.facts).toEqual(expect.arrayContaining([{ label: 'Resource group', value: 'rg-chatops-weu (new: created in westeurope, before the vault)' }]));
    expect((confirm.sections ?? []).join(' ')).toMatch(/Enable Backup first creates resource group rg-chatops-weu in westeurope, then vault rsv-chatops-weu in it/);
    // Nothing exists before "Enable Backup".
    expect((await harness.service.listResourceGroups!(SEED.subscriptions.production)).map((g) => g.name)).not.toContain('rg-chatops-weu');

    const result = message(await handle(submit(confirm, { vms: [SEED.vmId('web-04')] })), 'protection-result');
    expect(result.steps[0]).toMatchObject({ step: 'Create resource group rg-chatops-weu and vault rsv-chatops-weu in westeurope (Geo-redundant (GRS))', status: 'done' });
    expect(result.outcomes).toEqual([expect.objectContaining({ ok: true, text: 'Warning (Initial backup pending)' })]);
    const group = (await harness.service.listResourceGroups!(SEED.subscriptions.production)).find((g) => g.name === 'rg-chatops-weu');
    expect(group?.location).toBe('westeurope');
    const vault = (await harness.service.listVaults({ location: 'westeurope' })).find((v) => v.name === 'rsv-chatops-weu');
    expect(vault?.resourceGroup).toBe('rg-chatops-weu');
  });

  it('explains a backup that fails on a locked AzureBackupRG group', async () => {
    harness.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptions.production, location: 'westeurope' });
    try {
      const updates = await backupNowToEnd('web-01');
      const last = updates.at(-1)!.view;
      expect(last.phase).toBe('failed');
      expect(last.error?.nextStep).toContain('AzureBackupRG_westeurope_1');
    } finally {
      harness.emulator.clearFaults();
    }
  });
});
