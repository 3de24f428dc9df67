import { createFlows } from '../../../src/flows';
import { createVmInventory } from '../../../src/inventory';
import type { FormView } from '../../../src/flows/views';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { FakeBackupService } from './support/fake-backup-service';
import { PORTAL } from './support/flows-fixture';

/**
 * Type-ahead right after start, while the first inventory load (minutes at a large estate) runs:
 * the pages indexed so far answer at once, under a line that says how far the load is.
 */
function heldLoad() {
  const backup = new FakeBackupService(() => new Date('2024-05-14T10:00:00Z'));
  backup.addVm({ name: 'web-01' });
  backup.addVm({ name: 'web-02' });
  backup.addVm({ name: 'db-01' });
  // The first page (web-01) arrives at once; the rest when released, as Azure's later pages would.
  const release = backup.holdLaterPages();
  return { backup, release };
}

describe('flows.suggest while the VM inventory loads', () => {
  it('answers from the pages loaded so far, at once, saying how far the load is; then from the whole list', async () => {
    const { backup, release } = heldLoad();
    // "about 3": the count a previous run found (VmInventoryOptions.expectedSize)
    const inventory = createVmInventory({ backup, expectedSize: 3 });
    // A keystroke never waits for the load once a page is in: a wait this long would time the test out.
    const flows = createFlows({ backup, inventory, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: PORTAL, suggestWaitMs: 600_000 });
    const loaded = inventory.refresh();
    while (!inventory.progress()?.loaded) await new Promise((resolve) => setImmediate(resolve));

    const during = await flows.suggest({ kind: 'vms' }, 'web');
    expect(during.map((o) => o.label)).toEqual(['Loading the VM list: 1 of about 3…', 'web-01']);
    expect(during[0]).toMatchObject({ note: true, description: 'Matches among the VMs loaded so far; type again for more.' });

    // The picker form says so too, and a pick of the note is refused with the same words.
    const form = (await flows.handle({ type: 'enable.start' }, { platform: 'test', userId: 'U1', displayName: 'Ada' })) as { kind: string; view: FormView };
    expect(form.view.sections).toEqual(expect.arrayContaining(['Loading the VM list: 1 of about 3… Until it is complete, the list answers from the VMs loaded so far.']));
    const picked = await flows.handle({ type: 'enable.chooseVm', values: { vm: during[0].value } }, { platform: 'test', userId: 'U1', displayName: 'Ada' });
    expect(picked).toMatchObject({ kind: 'invalid', errors: [{ field: 'vm', message: expect.stringMatching(/^Loading the VM list: 1 of about 3… Type part of the VM's name/) }] });

    release();
    await loaded;
    const after = await flows.suggest({ kind: 'vms' }, 'web');
    expect(after.map((o) => o.label)).toEqual(['web-01', 'web-02']);
  });

  it('says "so far" when no earlier count is known, and waits briefly for a first page', async () => {
    const { backup, release } = heldLoad();
    const flows = createFlows({ backup, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: PORTAL, suggestWaitMs: 20 });
    const during = await flows.suggest({ kind: 'vms' }, '');
    expect(during.map((o) => o.label)).toEqual(['Loading the VM list: 1 so far…', 'web-01']);
    release();
    await flows.inventory.ready();
    expect((await flows.suggest({ kind: 'vms' }, '')).map((o) => o.label)).toEqual(['db-01', 'web-01', 'web-02']);
  });
});
