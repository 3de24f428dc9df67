import { createTrackedJobStore, type Store } from '../../../src/store';
import type { TrackedJob } from '../../../src/flows/job-tracker.port';
import { describeTarget, storeTargets } from './store-targets';

const VAULT = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ops/providers/Microsoft.RecoveryServices/vaults/vault-weu';

const tracked = (messageRef: string, overrides: Partial<TrackedJob> = {}): TrackedJob => ({
  platform: 'slack',
  messageRef,
  job: { vaultId: VAULT, jobName: `job-${messageRef.length}` },
  context: { vmName: 'web-01', vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-01', retainUntil: '2026-12-24T23:59:59.000Z', requestedBy: 'Ana', location: 'westeurope' },
  trackedAt: '2026-11-24T09:00:00.000Z',
  ...overrides,
});

for (const target of storeTargets()) {
  describeTarget(target)(`tracked job store on ${target.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => target.dispose(store));

    it('keeps the context and the last phase across a new store instance (a restart)', async () => {
      const first = createTrackedJobStore(store.db);
      const teamsRef = JSON.stringify({ conversation: { id: 'a:1'.repeat(200) }, activityId: '1' });
      await first.save(tracked('{"channel":"C1","ts":"1.2"}'));
      await first.save(tracked(teamsRef, { platform: 'teams' }));
      await first.markShown({ platform: 'slack', messageRef: '{"channel":"C1","ts":"1.2"}' }, 'in-progress', false);

      const afterRestart = createTrackedJobStore(store.db);
      const open = await afterRestart.listOpen();
      expect(open).toHaveLength(2);
      const slack = open.find((t) => t.platform === 'slack');
      expect(slack).toEqual(tracked('{"channel":"C1","ts":"1.2"}', { lastPhase: 'in-progress' }));
      expect(open.find((t) => t.platform === 'teams')?.messageRef).toBe(teamsRef);
    });

    it('keeps the request id of the command that started the job', async () => {
      await createTrackedJobStore(store.db).save(tracked('{"channel":"C1","ts":"9.9"}', { requestId: 'ops-trace-7' }));
      const [open] = await createTrackedJobStore(store.db).listOpen();
      expect(open.requestId).toBe('ops-trace-7');
    });

    it('drops a message from the open list once its final view is shown', async () => {
      const jobs = createTrackedJobStore(store.db);
      await jobs.save(tracked('m1'));
      await jobs.save(tracked('m2'));
      await jobs.markShown({ platform: 'slack', messageRef: 'm1' }, 'completed', true);
      expect((await jobs.listOpen()).map((t) => t.messageRef)).toEqual(['m2']);
      const row = await store.db.selectFrom('tracked_jobs').selectAll().where('conversation_id', '=', 'm1').executeTakeFirstOrThrow();
      expect(row.status).toBe('Completed');
      expect(row.ended_at).not.toBeNull();
    });

    it('replaces the entry for the same message instead of adding one', async () => {
      const jobs = createTrackedJobStore(store.db);
      await jobs.save(tracked('m1'));
      await jobs.save(tracked('m1', { job: { vaultId: VAULT, jobName: 'other' } }));
      const open = await jobs.listOpen();
      expect(open).toHaveLength(1);
      expect(open[0].job.jobName).toBe('other');
    });
  });
}
