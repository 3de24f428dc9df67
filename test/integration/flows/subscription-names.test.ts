/**
 * Subscriptions by the names people know them by: the real Azure service reads ARM's
 * GET /subscriptions (the emulator serves it as Microsoft's Subscriptions REST reference shows,
 * see test/emulator/subscriptions.test.ts) and the vault path's forms show the display names.
 */
import { createFlows, type Flows } from '../../../src/flows';
import type { Actor, Intent } from '../../../src/flows/intents';
import type { FlowResult, FormView, SelectField } from '../../../src/flows/views';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';

const ACTOR: Actor = { platform: 'test', userId: 'U1', displayName: 'Ada' };
const form = (r: FlowResult): FormView => {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(r).slice(0, 600)}`);
  return r.view;
};
const submit = (f: FormView, values: Record<string, string | string[]>): Intent => ({ ...f.submit.intent, values }) as Intent;

describe('subscriptions by their display names', () => {
  let harness: BackupHarness;
  let flows: Flows;
  const handle = (intent: Intent) => flows.handle(intent, ACTOR);

  beforeAll(async () => {
    harness = await startBackupHarness({ startTime: new Date('2024-05-14T10:00:00Z') });
    flows = createFlows({ backup: harness.service, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com', now: () => harness.emulator.now() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('reads the names from ARM', async () => {
    expect(await harness.service.subscriptionNames?.()).toEqual({
      [SEED.subscriptions.production.toLowerCase()]: 'Contoso Production',
      [SEED.subscriptions.devTest.toLowerCase()]: 'Contoso Dev/Test',
    });
  });

  it('the new-vault form offers the subscriptions by name, and the VM step names the chosen one', async () => {
    const define = form(await handle(submit(form(await handle({ type: 'vault.start' })), { vault: 'new' })));
    const subs = define.fields.find((f) => f.id === 'subscriptionId') as SelectField;
    expect(subs.options).toEqual([
      { value: SEED.subscriptions.production, label: 'Contoso Production', description: SEED.subscriptions.production },
      { value: SEED.subscriptions.devTest, label: 'Contoso Dev/Test', description: SEED.subscriptions.devTest },
    ]);
    const settings = form(
      await handle(submit(define, { subscriptionId: SEED.subscriptions.production, resourceGroup: 'new', newResourceGroup: 'rg-names-test', location: 'westeurope', vaultName: 'vault-names' })),
    );
    const vms = form(await handle(submit(settings, { redundancy: 'GeoRedundant', policy: 'default' })));
    expect(vms.sections?.join(' ')).toContain(`(subscription Contoso Production (${SEED.subscriptions.production}))`);
  });
});
