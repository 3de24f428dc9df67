/**
 * `backup stop` on the real Azure BackupService against the ARM emulator: stop keeping the data
 * (the item stays, stopped, with its recovery points), then delete the data after a wrong and a
 * right typed name; and delete the data of an item whose backups still run.
 */
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult, FormView, MessageView } from '../../../src/flows/views';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const DAY = 24 * 60 * 60 * 1000;
/** Azure keeps soft-deleted backup data 14 days (backup-azure-security-feature-cloud.md). */
const SOFT_DELETE_DAYS = 14;
const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };

function form(r: FlowResult): FormView {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(r).slice(0, 800)}`);
  return r.view;
}
function message<K extends MessageView['kind']>(r: FlowResult, kind: K): Extract<MessageView, { kind: K }> {
  if (r.kind !== 'message' || r.view.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r).slice(0, 800)}`);
  return r.view as Extract<MessageView, { kind: K }>;
}
const submit = (f: FormView, values: Record<string, string>): Intent => ({ ...f.submit.intent, values }) as Intent;

describe('stop protection against the emulator', () => {
  let harness: BackupHarness;
  let flows: Flows;
  const handle = (intent: Intent) => flows.handle(intent, ACTOR);
  const itemOf = (vmId: string) => harness.service.findProtectedItem(vmId);

  beforeAll(async () => {
    harness = await startBackupHarness({ startTime: new Date('2024-05-14T10:00:00Z') });
    flows = createFlows({ backup: harness.service, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com', now: () => harness.emulator.now() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('web-01, keep data: backups stop, the recovery points stay', async () => {
    const before = await itemOf(SEED.protectedVmId);
    const count = (await harness.service.listRecoveryPoints(before!)).length;
    expect(count).toBeGreaterThan(0);

    const confirm = form(await flows.handleText('backup stop web-01', ACTOR));
    expect(confirm.sections?.[0]).toBe(`Backups of web-01 stop; its ${count} recovery points are kept (until their expiry) and still billed for storage; you can resume later.`);
    const done = message(await handle(submit(confirm, {})), 'notice');
    expect(done).toMatchObject({ tone: 'success', title: 'Backups of web-01 stopped' });

    const after = await itemOf(SEED.protectedVmId);
    expect(after?.protectionState).toBe('ProtectionStopped');
    expect(await harness.service.listRecoveryPoints(after!)).toHaveLength(count);
    const status = message(await handle({ type: 'status', target: SEED.protectedVmId }), 'vm-status');
    expect(status.actions.map((a) => a.intent)).toContainEqual({ type: 'stop.start', vm: SEED.protectedVmId, deleteData: true });
  });

  it('web-01, delete data: a wrong name changes nothing, the right one deletes the item', async () => {
    const count = (await harness.service.listRecoveryPoints((await itemOf(SEED.protectedVmId))!)).length;
    const confirm = form(await handle({ type: 'stop.start', vm: SEED.protectedVmId, deleteData: true }));
    expect(confirm.sections?.[0]).toBe(`Backups of web-01 stop and its ${count} recovery points in rsv-prod-weu are deleted.`);

    const wrong = await handle(submit(confirm, { confirmVm: 'web-02' }));
    expect(wrong).toMatchObject({ kind: 'invalid', errors: [{ field: 'confirmVm', code: 'CONFIRM_NAME_MISMATCH' }] });
    expect((await itemOf(SEED.protectedVmId))?.protectionState).toBe('ProtectionStopped');

    const done = message(await handle(submit(confirm, { confirmVm: 'web-01' })), 'notice');
    expect(done).toMatchObject({ tone: 'success', title: 'Backups of web-01 stopped and data deleted' });
    // Soft delete (on by default, as in Azure) keeps the item 14 days, stopped, before the purge.
    expect((await itemOf(SEED.protectedVmId))?.protectionState).toBe('ProtectionStopped');
    await harness.emulator.advance(SOFT_DELETE_DAYS * DAY);
    expect(await itemOf(SEED.protectedVmId)).toBeUndefined();
    expect(message(await handle({ type: 'stop.start', vm: 'web-01' }), 'notice').title).toBe('web-01 is not protected');
  });

  it('web-02, protected just now: delete data straight from running backups', async () => {
    const [outcome] = await harness.service.enableProtection(SEED.vaultIds.westeurope, 'DefaultPolicy', [SEED.unprotectedVmId]);
    expect(outcome.ok).toBe(true);
    const confirm = form(await flows.handleText('backup stop web-02 delete-data', ACTOR));
    expect(confirm.sections?.[0]).toBe('Backups of web-02 stop and its 0 recovery points in rsv-prod-weu are deleted.');
    const done = message(await handle(submit(confirm, { confirmVm: 'web-02' })), 'notice');
    expect(done.tone).toBe('success');
    expect((await itemOf(SEED.unprotectedVmId))?.protectionState).toBe('ProtectionStopped');
    await harness.emulator.advance(SOFT_DELETE_DAYS * DAY);
    expect(await itemOf(SEED.unprotectedVmId)).toBeUndefined();
  });
});
