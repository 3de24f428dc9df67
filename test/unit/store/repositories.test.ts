import { sql } from 'kysely';
import {
  claimEvent,
  deleteConversationRef,
  getConversationRef,
  createTrackedJobStore,
  listConversationRefs,
  listTrackedJobsByJob,
  migrateToLatest,
  pruneProcessedEvents,
  upsertConversationRef,
  type Store,
} from '../../../src/store';
import type { TrackedJob } from '../../../src/flows/job-tracker.port';
import { describeTarget, storeTargets } from './store-targets';

const VAULT = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ops/providers/Microsoft.RecoveryServices/vaults/vault-weu';
const T0 = new Date('2026-11-24T09:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

const JOB = '7f9a7c2e-0000-4000-8000-000000000001';
const VM = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01';

for (const target of storeTargets()) {
  describeTarget(target)(`store repositories on ${target.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    describe('migrations', () => {
      it('creates the tables, and a second run applies nothing', async () => {
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        expect(tables).toEqual(expect.arrayContaining(['tracked_jobs', 'conversation_refs', 'processed_events']));
        await expect(migrateToLatest(store.db)).resolves.toEqual([]);
      });

      it("reads a channel's bindings across workspaces through an index", async () => {
        const indexes = await sql<{ indexname: string }>`${sql.raw(
          target.name === 'sqlite'
            ? "select name as indexname from sqlite_master where type = 'index' and tbl_name = 'access_bindings'"
            : "select indexname from pg_indexes where tablename = 'access_bindings' and schemaname = current_schema()",
        )}`.execute(store.db);
        expect(indexes.rows.map((r) => r.indexname)).toContain('access_bindings_by_channel');
        if (target.name === 'sqlite') {
          const plan = await sql<{ detail: string }>`explain query plan select id from access_bindings where platform = 'slack' and channel_id = 'C1'`.execute(store.db);
          expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING INDEX access_bindings_by_channel/);
        }
      });

      it('rejects a platform other than slack or teams', async () => {
        // Not `rejects.toThrow()`: better-sqlite3's errors are made with the Error class of the jest
        // realm that first loaded it, so in a later test file they fail `instanceof Error`.
        const insert = sql`insert into tracked_jobs (id, platform, conversation_id, vault_id, job_name, vm_id, vm_name, status, requested_by, created_at, updated_at)
          values ('irc', 'irc', 'C', ${VAULT}, ${JOB}, 'vm', 'vm', 'InProgress', 'U', ${T0.toISOString()}, ${T0.toISOString()})`.execute(store.db);
        await expect(insert).rejects.toHaveProperty('message', expect.stringMatching(/check constraint/i));
      });
    });

    describe('tracked jobs', () => {
      // Written through the flows' TrackedJobStore, as the product does; read back by the job sweep.
      const tracked = (messageRef: string, overrides: Partial<TrackedJob> = {}): TrackedJob => ({
        platform: 'slack',
        messageRef,
        job: { vaultId: VAULT, jobName: JOB },
        context: { vmId: VM, vmName: 'web-01', requestedBy: 'U042' },
        trackedAt: T0.toISOString(),
        ...overrides,
      });

      it('finds every message tracking a job, whatever the casing of the vault id', async () => {
        const jobs = createTrackedJobStore(store.db, () => T0);
        await jobs.save(tracked('C1'));
        await jobs.save(tracked('T1', { platform: 'teams', trackedAt: minutes(1).toISOString() }));
        await jobs.save(tracked('C2', { job: { vaultId: VAULT, jobName: 'other-job' } }));

        const found = await listTrackedJobsByJob(store.db, VAULT.replace('resourceGroups', 'resourcegroups').toUpperCase(), JOB);
        expect(found).toEqual([
          expect.objectContaining({ platform: 'slack', conversationId: 'C1', vmName: 'web-01', status: 'InProgress', requestedBy: 'U042', createdAt: T0 }),
          expect.objectContaining({ platform: 'teams', conversationId: 'T1', createdAt: minutes(1) }),
        ]);
        await expect(listTrackedJobsByJob(store.db, VAULT, 'missing')).resolves.toEqual([]);
      });

      it('reports a row with a status the domain does not know', async () => {
        await sql`insert into tracked_jobs (id, platform, conversation_id, vault_id, job_name, vm_id, vm_name, status, requested_by, created_at, updated_at)
          values ('bad', 'slack', 'C', ${VAULT}, ${JOB}, 'vm', 'vm', 'Exploded', 'U', ${T0.toISOString()}, ${T0.toISOString()})`.execute(store.db);
        await expect(listTrackedJobsByJob(store.db, VAULT, JOB)).rejects.toThrow(/tracked_jobs row bad: unknown status Exploded/);
      });
    });

    describe('conversation references', () => {
      const reference = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: { id: '28:bot' } };

      it('inserts, then updates in place keeping the id', async () => {
        const first = await upsertConversationRef(store.db, { platform: 'teams', conversationId: '19:abc@thread.tacv2', reference, tenantId: 'tenant-1', at: T0 });
        expect(first).toEqual({ id: expect.any(String), platform: 'teams', conversationId: '19:abc@thread.tacv2', reference, tenantId: 'tenant-1', updatedAt: T0 });

        const changed = { ...reference, serviceUrl: 'https://smba.trafficmanager.net/amer/' };
        const second = await upsertConversationRef(store.db, { platform: 'teams', conversationId: '19:abc@thread.tacv2', reference: changed, at: minutes(1) });
        expect(second).toEqual({ id: first.id, platform: 'teams', conversationId: '19:abc@thread.tacv2', reference: changed, updatedAt: minutes(1) });
        await expect(getConversationRef(store.db, 'teams', '19:abc@thread.tacv2')).resolves.toEqual(second);
        expect(await listConversationRefs(store.db)).toHaveLength(1);
      });

      it('keeps the same conversation id of two platforms apart', async () => {
        await upsertConversationRef(store.db, { platform: 'slack', conversationId: 'X1', reference: { teamId: 'T1' } });
        await upsertConversationRef(store.db, { platform: 'teams', conversationId: 'X1', reference: { conversation: { id: 'X1' } } });
        await upsertConversationRef(store.db, { platform: 'slack', conversationId: 'A0', reference: { teamId: 'T1' } });

        expect((await listConversationRefs(store.db)).map((r) => `${r.platform}/${r.conversationId}`)).toEqual(['slack/A0', 'slack/X1', 'teams/X1']);
        expect((await listConversationRefs(store.db, { platform: 'slack' })).map((r) => r.conversationId)).toEqual(['A0', 'X1']);
        await expect(getConversationRef(store.db, 'slack', 'X1')).resolves.toMatchObject({ reference: { teamId: 'T1' } });
        await expect(getConversationRef(store.db, 'slack', 'missing')).resolves.toBeUndefined();
      });

      it('survives concurrent saves of one conversation', async () => {
        await Promise.all(
          Array.from({ length: 8 }, (_, i) => upsertConversationRef(store.db, { platform: 'teams', conversationId: 'busy', reference: { n: i } })),
        );
        const refs = await listConversationRefs(store.db, { platform: 'teams' });
        expect(refs).toHaveLength(1);
      });

      it('forgets a conversation', async () => {
        await upsertConversationRef(store.db, { platform: 'slack', conversationId: 'C9', reference: {} });
        await expect(deleteConversationRef(store.db, 'slack', 'C9')).resolves.toBe(true);
        await expect(deleteConversationRef(store.db, 'slack', 'C9')).resolves.toBe(false);
        await expect(getConversationRef(store.db, 'slack', 'C9')).resolves.toBeUndefined();
      });
    });

    describe('processed events', () => {
      it('lets a key be claimed once', async () => {
        await expect(claimEvent(store.db, 'slack:event:Ev01')).resolves.toBe(true);
        await expect(claimEvent(store.db, 'slack:event:Ev01')).resolves.toBe(false);
        await expect(claimEvent(store.db, 'slack:event:Ev02')).resolves.toBe(true);
      });

      it('gives exactly one winner among concurrent claims', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => claimEvent(store.db, 'teams:activity:double-click')));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('prunes old keys, which can then be claimed again', async () => {
        await claimEvent(store.db, 'old', minutes(0));
        await claimEvent(store.db, 'new', minutes(10));
        await expect(pruneProcessedEvents(store.db, minutes(5))).resolves.toBe(1);
        await expect(claimEvent(store.db, 'new')).resolves.toBe(false);
        await expect(claimEvent(store.db, 'old')).resolves.toBe(true);
      });
    });
  });
}
