import { sql } from 'kysely';
import { appendAuditEntry, queryAuditLog, type NewAuditRecord } from '../../../src/store/repositories/audit-log.repository';
import * as repository from '../../../src/store/repositories/audit-log.repository';
import type { Store } from '../../../src/store';
import { describeTarget, storeTargets } from '../store/store-targets';

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const VAULT = `/subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`;
const vm = (name: string, rg = 'rg-web-prod') => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const T0 = new Date('2026-11-24T09:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

const entry = (over: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  at: T0,
  actor: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', userName: 'ana' },
  action: 'enable.confirm',
  summary: 'Enable backup for web-02 in vault rsv-prod-weu with policy DefaultPolicy',
  outcome: 'succeeded',
  resourceIds: [vm('web-02'), VAULT],
  ...over,
});

/**
 * What a promise rejected with, as text. Not `rejects.toThrow`: better-sqlite3 makes its errors
 * with the class of the first test file that loaded it in a jest worker, so in later files they
 * are not `instanceof Error` and jest would report "did not throw".
 */
const rejection = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => String((e as { message?: unknown })?.message ?? e),
  );

for (const target of storeTargets()) {
  describeTarget(target)(`audit log on ${target.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    it('keeps an entry with who, where, what, ids and outcome, and reads it back', async () => {
      const written = await appendAuditEntry(store.db, entry({ detail: 'web-02: Warning (Initial backup pending)' }));
      const [read] = await queryAuditLog(store.db, {});
      expect(read).toEqual(written);
      expect(read).toMatchObject({
        at: T0,
        actor: { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', userName: 'ana' },
        action: 'enable.confirm',
        outcome: 'succeeded',
        resourceIds: [vm('web-02'), VAULT],
      });
    });

    it('finds entries by VM name or id, by person, by workspace and since a time, newest first', async () => {
      await appendAuditEntry(store.db, entry({ at: minutes(0), resourceIds: [vm('web-02'), VAULT] }));
      await appendAuditEntry(store.db, entry({ at: minutes(5), actor: { platform: 'slack', workspaceId: 'T1', channelId: 'C2', userId: 'U2' }, resourceIds: [vm('sql-01', 'rg-data-prod'), VAULT] }));
      await appendAuditEntry(store.db, entry({ at: minutes(10), resourceIds: [vm('WEB-02')], action: 'now.submit', summary: 'Backup now of web-02' }));
      await appendAuditEntry(store.db, entry({ at: minutes(15), actor: { platform: 'teams', workspaceId: 'tenant', channelId: '19:x', userId: 'u9' }, resourceIds: [vm('web-02')] }));

      const byName = await queryAuditLog(store.db, { resource: 'Web-02', platform: 'slack', workspaceId: 'T1' });
      expect(byName.map((e) => e.at)).toEqual([minutes(10), minutes(0)]);
      expect((await queryAuditLog(store.db, { resource: vm('web-02').toUpperCase() })).length).toBe(3);
      expect((await queryAuditLog(store.db, { userId: 'U2' })).map((e) => e.actor.channelId)).toEqual(['C2']);
      expect((await queryAuditLog(store.db, { since: minutes(6), platform: 'slack' })).map((e) => e.action)).toEqual(['now.submit']);
      expect((await queryAuditLog(store.db, { resource: 'rsv-prod-weu' })).length).toBe(2);
      expect(await queryAuditLog(store.db, { resource: 'nothing-like-it' })).toEqual([]);
      expect((await queryAuditLog(store.db, { limit: 2 })).map((e) => e.at)).toEqual([minutes(15), minutes(10)]);
    });

    it('is append-only: the database refuses to change or remove entries', async () => {
      await appendAuditEntry(store.db, entry());
      expect(await rejection(sql`update audit_log set outcome = 'failed'`.execute(store.db))).toMatch(/append-only/);
      expect(await rejection(sql`delete from audit_log`.execute(store.db))).toMatch(/append-only/);
      expect(await rejection(sql`update audit_resources set name_key = 'x'`.execute(store.db))).toMatch(/append-only/);
      expect(await rejection(sql`delete from audit_resources`.execute(store.db))).toMatch(/append-only/);
      if (target.name === 'postgres') expect(await rejection(sql`truncate audit_log`.execute(store.db))).toMatch(/append-only/);
      const [kept] = await queryAuditLog(store.db, {});
      expect(kept.outcome).toBe('succeeded');
    });

    it('refuses an insert over an existing entry, however it is written (SQLite REPLACE deletes without firing delete triggers)', async () => {
      const written = await appendAuditEntry(store.db, entry());
      const columns = sql.raw('id, at, platform, workspace_id, channel_id, user_id, user_name, action, summary, outcome, detail, resource_ids_json');
      const forged = sql.raw("id, at, platform, workspace_id, channel_id, user_id, user_name, action, 'forged', 'failed', detail, resource_ids_json");
      const attempts =
        target.name === 'sqlite'
          ? [
              sql`insert or replace into audit_log (${columns}) select ${forged} from audit_log`,
              sql`replace into audit_log (${columns}) select ${forged} from audit_log`,
              sql`insert or ignore into audit_log (${columns}) select ${forged} from audit_log`,
              sql`insert or replace into audit_resources (audit_id, resource_key, name_key) select audit_id, resource_key, 'forged' from audit_resources`,
            ]
          : [
              sql`insert into audit_log (${columns}) select ${forged} from audit_log`,
              sql`insert into audit_log (${columns}) select ${forged} from audit_log on conflict (id) do nothing`,
              sql`insert into audit_log (${columns}) select ${forged} from audit_log on conflict (id) do update set summary = excluded.summary`,
              sql`insert into audit_resources (audit_id, resource_key, name_key) select audit_id, resource_key, 'forged' from audit_resources on conflict do nothing`,
            ];
      for (const attempt of attempts) expect(await rejection(attempt.execute(store.db))).toMatch(/append-only/);
      expect(await queryAuditLog(store.db, {})).toEqual([written]);
      expect((await queryAuditLog(store.db, { resource: 'web-02' })).map((e) => e.id)).toEqual([written.id]);
      const names = await sql<{ name_key: string }>`select name_key from audit_resources order by name_key`.execute(store.db);
      expect(names.rows.map((r) => r.name_key)).toEqual(['rsv-prod-weu', 'web-02']);
      // A new entry is still written.
      await appendAuditEntry(store.db, entry({ at: minutes(1) }));
      expect(await queryAuditLog(store.db, {})).toHaveLength(2);
    });

    it('offers no function that changes or removes entries', () => {
      expect(Object.keys(repository).filter((name) => /update|delete|remove|prune|set|edit/i.test(name))).toEqual([]);
    });

    it('refuses an outcome it does not know', async () => {
      expect(await rejection(appendAuditEntry(store.db, entry({ outcome: 'maybe' as never })))).toMatch(/constraint/i);
      expect(await queryAuditLog(store.db, {})).toEqual([]);
    });
  });
}
