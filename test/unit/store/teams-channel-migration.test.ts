/**
 * The migration that makes a Teams channel one conversation: rows the bot keyed by a channel
 * thread (`19:…@thread.tacv2;messageid=<post id>`, the conversation id of every channel message in
 * Teams) move to their channel, on SQLite and on PostgreSQL (DATABASE_URL).
 */
import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from '../../../src/store/migrations';
import { describeTarget, storeTargets } from './store-targets';

const BEFORE = '2026-11-26-2-bindings-by-channel';
const CH1 = '19:6848757105754c8981c67612732d9aa7@thread.tacv2';
const CH2 = '19:0cb1a7dc3db8463c804082a5cb188a33@thread.tacv2';
const A = `${CH1};messageid=1759881511856`;
const B = `${CH1};messageid=1759944781430`;
const C2 = `${CH2};messageid=1760000000001`;
const PERSONAL = 'a:1personal-chat-with-vm-backup';
const GROUP = '19:d77be72390a1416e9644261e9064fa00@thread.v2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const reference = (conversationId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: TENANT },
    bot: { id: '28:bot', name: 'VM Backup' },
    ...extra,
  });

const subscription = (id: string, conversationId: string, scope: string, updatedAt: string, platform = 'teams') => ({
  id,
  platform,
  conversation_id: conversationId,
  scope_kind: 'vault',
  scope_id: `/subscriptions/s/resourcegroups/rg/providers/microsoft.recoveryservices/vaults/${scope}`,
  scope_key: `vault:${scope}`,
  scope_name: scope,
  pending_digest: 1,
  job_events: 'all',
  created_by: 'u',
  created_at: updatedAt,
  updated_at: updatedAt,
});

const binding = (id: string, channelId: string, createdAt: string) => ({
  id,
  platform: 'teams',
  workspace_id: TENANT,
  channel_id: channelId,
  subscription_id: 's1',
  resource_group: '',
  scope_key: 's1',
  created_by: `by-${id}`,
  created_by_name: null,
  created_at: createdAt,
});

const outbox = (id: string, conversationId: string, status: string, createdAt: string) => ({
  id,
  idempotency_key: `job:j1:teams:${conversationId}`,
  channel_key: `teams:${conversationId}`,
  platform: 'teams',
  conversation_id: conversationId,
  action: 'post',
  label: 'job-ended',
  view_json: '{}',
  sort_key: createdAt,
  status,
  not_before: createdAt,
  created_at: createdAt,
});

async function seed(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('conversation_refs')
    .values([
      { id: 'r-a', platform: 'teams', conversation_id: A, reference_json: reference(A, { user: { id: 'older' } }), tenant_id: TENANT, updated_at: '2026-12-01T10:00:00.000Z' },
      { id: 'r-b', platform: 'teams', conversation_id: B, reference_json: reference(B, { user: { id: 'newer' } }), tenant_id: TENANT, updated_at: '2026-12-02T10:00:00.000Z' },
      { id: 'r-ch2', platform: 'teams', conversation_id: CH2, reference_json: reference(CH2), tenant_id: TENANT, updated_at: '2026-11-30T10:00:00.000Z' },
      { id: 'r-c2', platform: 'teams', conversation_id: C2, reference_json: reference(C2), tenant_id: TENANT, updated_at: '2026-12-03T10:00:00.000Z' },
      { id: 'r-p', platform: 'teams', conversation_id: PERSONAL, reference_json: reference(PERSONAL), tenant_id: TENANT, updated_at: '2026-12-01T10:00:00.000Z' },
      { id: 'r-g', platform: 'teams', conversation_id: GROUP, reference_json: reference(GROUP), tenant_id: TENANT, updated_at: '2026-12-01T10:00:00.000Z' },
    ])
    .execute();
  await db
    .insertInto('notification_subscriptions')
    .values([
      subscription('s-a-weu', A, 'rsv-prod-weu', '2026-12-01T10:00:00.000Z'),
      subscription('s-b-weu', B, 'rsv-prod-weu', '2026-12-02T10:00:00.000Z'),
      subscription('s-b-neu', B, 'rsv-prod-neu', '2026-12-02T10:00:00.000Z'),
      subscription('s-p', PERSONAL, 'rsv-prod-weu', '2026-12-02T10:00:00.000Z'),
    ])
    .execute();
  await db
    .insertInto('access_bindings')
    .values([binding('b-a', A, '2026-12-01T10:00:00.000Z'), binding('b-b', B, '2026-12-02T10:00:00.000Z'), binding('b-g', GROUP, '2026-12-01T10:00:00.000Z')])
    .execute();
  await db
    .insertInto('access_effects')
    .values([
      { key: `subscribe:vault:rsv-prod-weu:teams:${TENANT}:${A}`, action: 'subscribe', platform: 'teams', workspace_id: TENANT, channel_id: A, user_id: 'u', started_at: '2026-12-01T10:00:00.000Z' },
      { key: 'now.submit:vm:web-01', action: 'now.submit', platform: 'teams', workspace_id: TENANT, channel_id: B, user_id: 'u', started_at: '2026-12-01T11:00:00.000Z' },
    ])
    .execute();
  await db
    .insertInto('notification_outbox')
    .values([outbox('o-a', A, 'sent', '2026-12-01T10:00:00.000Z'), outbox('o-b', B, 'pending', '2026-12-01T10:00:01.000Z'), { ...outbox('o-b2', B, 'pending', '2026-12-01T10:00:02.000Z'), idempotency_key: `job:j2:teams:${B}` }])
    .execute();
  await db
    .insertInto('notification_channels')
    .values([
      { channel_key: `teams:${A}`, platform: 'teams', conversation_id: A, next_send_at: '2026-12-01T10:00:05.000Z', updated_at: '2026-12-01T10:00:00.000Z' },
      { channel_key: `teams:${B}`, platform: 'teams', conversation_id: B, next_send_at: '2026-12-01T10:00:09.000Z', updated_at: '2026-12-01T10:00:00.000Z' },
    ])
    .execute();
  const item = (conversationId: string, firstSeen: string) => ({
    channel_key: `teams:${conversationId}`,
    item_key: 'web-02',
    platform: 'teams',
    conversation_id: conversationId,
    item_id: 'item',
    vm_id: 'vm',
    vm_name: 'web-02',
    vault_id: 'vault',
    first_seen_at: firstSeen,
    last_seen_at: firstSeen,
  });
  await db.insertInto('notification_pending_items').values([item(A, '2026-12-01T09:00:00.000Z'), item(B, '2026-12-02T09:00:00.000Z')]).execute();
}

for (const target of storeTargets()) {
  describeTarget(target)(`moving Teams channel threads to their channel, on ${target.name}`, () => {
    test('every row keyed by a thread belongs to its channel afterwards, one of each; chats and job messages are left alone', async () => {
      const store = await target.open();
      try {
        const db = store.db as unknown as Kysely<any>;
        const migrator = new Migrator({ db, provider: migrationProvider });
        expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
        await seed(db);
        const up = await migrator.migrateToLatest();
        expect(up.error).toBeUndefined();

        const refs = await db.selectFrom('conversation_refs').select(['id', 'conversation_id', 'reference_json']).orderBy('id').execute();
        expect(refs.map((r) => [r.id, r.conversation_id])).toEqual([
          ['r-b', CH1], // the newest thread's reference became the channel's
          ['r-ch2', CH2], // the channel had its own (the bot was installed in the team): kept
          ['r-g', GROUP],
          ['r-p', PERSONAL],
        ]);
        const channelRef = JSON.parse(String(refs[0].reference_json)) as { conversation: { id: string; conversationType: string }; user: { id: string } };
        expect(channelRef.conversation).toMatchObject({ id: CH1, conversationType: 'channel' });
        expect(channelRef.user.id).toBe('newer');

        const subs = await db.selectFrom('notification_subscriptions').select(['id', 'conversation_id', 'scope_key']).orderBy('id').execute();
        expect(subs.map((s) => [s.id, s.conversation_id])).toEqual([
          ['s-b-neu', CH1],
          ['s-b-weu', CH1], // two threads followed rsv-prod-weu: one subscription, the latest
          ['s-p', PERSONAL],
        ]);

        const bindings = await db.selectFrom('access_bindings').select(['id', 'channel_id']).orderBy('id').execute();
        expect(bindings.map((b) => [b.id, b.channel_id])).toEqual([
          ['b-a', CH1], // the first binding made is kept
          ['b-g', GROUP],
        ]);

        const effects = await db.selectFrom('access_effects').select(['key', 'channel_id']).orderBy('key').execute();
        expect(effects).toEqual([
          { key: 'now.submit:vm:web-01', channel_id: CH1 },
          { key: `subscribe:vault:rsv-prod-weu:teams:${TENANT}:${CH1}`, channel_id: CH1 },
        ]);

        const sent = await db.selectFrom('notification_outbox').select(['id', 'idempotency_key', 'channel_key', 'conversation_id', 'status']).orderBy('id').execute();
        expect(sent).toEqual([
          // j1 was sent to thread A and waited for thread B: it was sent, the duplicate goes.
          { id: 'o-a', idempotency_key: `job:j1:teams:${CH1}`, channel_key: `teams:${CH1}`, conversation_id: CH1, status: 'sent' },
          { id: 'o-b2', idempotency_key: `job:j2:teams:${CH1}`, channel_key: `teams:${CH1}`, conversation_id: CH1, status: 'pending' },
        ]);

        const pace = await db.selectFrom('notification_channels').select(['channel_key', 'conversation_id', 'next_send_at']).execute();
        expect(pace).toEqual([{ channel_key: `teams:${CH1}`, conversation_id: CH1, next_send_at: '2026-12-01T10:00:09.000Z' }]);

        const pending = await db.selectFrom('notification_pending_items').select(['channel_key', 'conversation_id', 'first_seen_at']).execute();
        expect(pending).toEqual([{ channel_key: `teams:${CH1}`, conversation_id: CH1, first_seen_at: '2026-12-01T09:00:00.000Z' }]);
      } finally {
        await target.dispose(store);
      }
    });
  });
}
