import { loadingWords } from '../../../src/flows/wording';
import { createVmInventory } from '../../../src/inventory';
import { lastInventorySize, openStore, saveInventorySize, type Store } from '../../../src/store';
import { FakeBackupService } from '../flows/support/fake-backup-service';

/** Right after a restart, the first inventory load says how far it is against the count the last load found. */
describe('the last inventory load, remembered across restarts', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('records each complete load and gives the next start "of about" its count', async () => {
    expect(await lastInventorySize(store.db)).toBeUndefined();
    const backup = new FakeBackupService(() => new Date('2024-05-14T10:00:00Z'));
    for (let i = 0; i < 4; i++) backup.addVm({ name: `web-0${i}` });
    const saved: Promise<void>[] = [];
    const first = createVmInventory({ backup, onLoaded: (n) => saved.push(saveInventorySize(store.db, n, new Date('2024-05-14T10:00:00Z'))) });
    await first.ready();
    await Promise.all(saved);
    expect(await lastInventorySize(store.db)).toBe(4);

    // The next start: a first load whose later pages take a while.
    const release = backup.holdLaterPages();
    const next = createVmInventory({ backup, expectedSize: await lastInventorySize(store.db) });
    const loading = next.refresh();
    while (!next.progress()?.loaded) await new Promise((resolve) => setImmediate(resolve));
    expect(loadingWords(next.progress()!)).toBe('Loading the VM list: 1 of about 4…');
    release();
    await loading;
    expect(next.progress()).toBeUndefined();
    expect(loadingWords({ loaded: 42_000, expected: 100_000 })).toBe('Loading the VM list: 42,000 of about 100,000…');
  });
});
