import { createFlows } from '../../../src/flows';
import type { VirtualMachine } from '../../../src/backup/backup.types';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { FakeBackupService } from './support/fake-backup-service';
import { PORTAL } from './support/flows-fixture';

/** Type-ahead right after start, while the first inventory load (minutes at a large estate) runs. */
describe('flows.suggest while the VM inventory loads', () => {
  it('answers with no options within its wait, then from the inventory once it is loaded', async () => {
    const backup = new FakeBackupService(() => new Date('2024-05-14T10:00:00Z'));
    backup.addVm({ name: 'web-01' });
    let finishLoad: () => void = () => undefined;
    const loadHeld = new Promise<void>((resolve) => {
      finishLoad = resolve;
    });
    const list = backup.listVirtualMachines.bind(backup);
    backup.listVirtualMachines = async (): Promise<VirtualMachine[]> => {
      await loadHeld;
      return list();
    };
    const flows = createFlows({ backup, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: PORTAL, suggestWaitMs: 20 });

    await expect(flows.suggest({ kind: 'vms' }, 'web')).resolves.toEqual([]);

    finishLoad();
    const options = await flows.suggest({ kind: 'vms' }, 'web');
    expect(options.map((o) => o.label)).toEqual([expect.stringContaining('web-01')]);
  });
});
