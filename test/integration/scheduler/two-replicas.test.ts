import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { jobEndedKey, keyDigest } from '../../../src/notifications/outbox';
import { createSubscriptionStore } from '../../../src/notifications/subscription-store';
import type { ChannelAddress, SubscriptionEvents, SubscriptionScope } from '../../../src/notifications/subscription.types';
import { openStore, type Store } from '../../../src/store';
import { migrationProvider } from '../../../src/store/migrations';
import { getLease } from '../../../src/store/repositories/leases.repository';
import { SCHEDULER_LEASE } from '../../../src/scheduler/leader-lease';
import { SEED, startBackupHarness, type BackupHarness } from '../../support/backup-harness';
import { startFakeRateLimitedChat, type FakeChat } from '../../support/fake-rate-limited-chat';
import { startChild, type Child } from './support/child-process';
import { eventually } from '../../support/eventually';

const URL = process.env.DATABASE_URL?.trim() ?? '';
if (URL === '' && process.env.CI) {
  throw new Error('DATABASE_URL must be set in CI: the multi-replica scheduler test runs on PostgreSQL and is never skipped there.');
}
const describePg = URL !== '' ? describe : describe.skip;

const WEU = SEED.vaultIds.westeurope;
const ROUNDS_BEFORE_KILL = 3;
const ROUNDS_AFTER_KILL = 3;

/** Waits until `check` passes; `describeFailure` says what is awaited. */
async function until(check: () => Promise<boolean> | boolean, describeFailure: () => string): Promise<void> {
  await eventually(check, { what: describeFailure(), intervalMs: 50 });
}

describePg('two scheduler replicas on one PostgreSQL database', () => {
  const schema = `test_sched_${randomBytes(6).toString('hex')}`;
  let store: Store;
  let azure: BackupHarness;
  let chat: FakeChat;
  let dir: string;
  const replicas = new Map<string, Child>();

  beforeAll(async () => {
    store = await openStore({ kind: 'postgres', url: URL }, { schema, migrate: false });
    // Migrated here with the migration tables pinned to the schema: kysely's Migrator otherwise
    // takes a kysely_migration table in ANY schema of the database (another test run's) as its own.
    const { error } = await new Migrator({ db: store.db, provider: migrationProvider, migrationTableSchema: schema }).migrateToLatest();
    if (error) throw error;
    azure = await startBackupHarness();
    chat = await startFakeRateLimitedChat();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replicas-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), azure.emulator.ca);
  });
  afterAll(async () => {
    await Promise.all([...replicas.values()].map((r) => r.kill()));
    await chat?.close();
    await azure?.close();
    if (store) {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each notification is sent exactly once over many ticks, and a killed leader is replaced', async () => {
    const subscriptions = createSubscriptionStore(store.db);
    const subscribe = (conversationId: string, scope: SubscriptionScope, events: SubscriptionEvents): Promise<unknown> =>
      subscriptions.subscribe({ channel: { platform: 'slack', conversationId }, scope, scopeName: 'x', events, createdBy: 'U1', at: new Date(azure.emulator.now().getTime() - 60_000) });
    const channels: { channel: ChannelAddress; matches: (vmName: string) => boolean }[] = [
      { channel: { platform: 'slack', conversationId: 'C-VAULT' }, matches: () => true },
      { channel: { platform: 'slack', conversationId: 'C-SUB' }, matches: () => true },
      { channel: { platform: 'slack', conversationId: 'C-WEB' }, matches: (vm) => vm.startsWith('web-') },
    ];
    await subscribe('C-VAULT', { kind: 'vault', vaultId: WEU }, { pendingDigest: true, jobs: 'all' });
    await subscribe('C-SUB', { kind: 'subscription', subscriptionId: SEED.subscriptions.production }, { pendingDigest: false, jobs: 'all' });
    await subscribe('C-WEB', { kind: 'resource-group', subscriptionId: SEED.subscriptions.production, resourceGroup: 'rg-web-prod' }, { pendingDigest: true, jobs: 'all' });

    // Three protected VMs to back up each round (web-02 and sql-01 start "initial backup pending").
    const enabled = await azure.service.enableProtection(WEU, 'DefaultPolicy', [SEED.unprotectedVmId, SEED.unprotectedWindowsVmId]);
    expect(enabled.every((o) => o.ok)).toBe(true);
    const vmIds = [SEED.protectedVmId, SEED.unprotectedVmId, SEED.unprotectedWindowsVmId];

    for (const holder of ['replica-a', 'replica-b']) {
      replicas.set(
        holder,
        startChild('test/integration/scheduler/support/scheduler-replica.ts', {
          DATABASE_URL: URL,
          TEST_PG_SCHEMA: schema,
          TEST_HOLDER: holder,
          TEST_SUBSCRIPTION_IDS: azure.emulator.subscriptionIds.join(','),
          TEST_ARM_ENDPOINT: azure.emulator.endpoint,
          TEST_ARM_CA_FILE: path.join(dir, 'ca.pem'),
          TEST_SLACK_TOKEN: chat.botToken,
          TEST_SLACK_API_URL: chat.apiUrl,
          TEST_JOB_CRON: '* * * * * *',
          TEST_PENDING_CRON: '*/2 * * * * *',
        }),
      );
    }
    await Promise.all([...replicas.values()].map((r) => r.waitFor(/ready/)));
    const posted = (channel: string, ...words: string[]): string[] =>
      chat
        .arrivals({ channel, method: 'chat.postMessage' })
        .map((a) => `${a.text ?? ''} ${JSON.stringify(a.blocks ?? [])}`)
        .filter((text) => words.every((w) => text.includes(w)));
    // The pending digest lists web-02 (and, in the vault's channel, sql-01) before anything is backed up.
    await until(
      () => posted('C-VAULT', 'waiting for their first backup', 'web-02', 'sql-01').length > 0 && posted('C-WEB', 'web-02 is waiting for its first backup').length > 0,
      () => 'no pending digest arrived',
    );
    expect(posted('C-WEB', 'sql-01')).toEqual([]);

    const expected = new Set<string>();
    const db = store.db;
    const round = async (): Promise<void> => {
      for (const vmId of vmIds) {
        const item = await azure.service.findProtectedItem(vmId);
        const job = await azure.service.backupNow(item!, new Date(azure.emulator.now().getTime() + 5 * 24 * 3600_000));
        const vmName = vmId.split('/').pop() as string;
        for (const c of channels) if (c.matches(vmName)) expected.add(keyDigest(jobEndedKey(c.channel, WEU, job.name)));
      }
      await azure.emulator.advance(10 * 60_000);
      await until(
        () => [...expected].every((k) => chat.postsByKey().has(k)),
        () => `missing notifications: ${[...expected].filter((k) => !chat.postsByKey().has(k)).length} of ${expected.size}\n${[...replicas.values()].map((r) => r.output()).join('\n')}`,
      );
    };

    for (let i = 0; i < ROUNDS_BEFORE_KILL; i++) await round();

    // Kill whichever replica leads, as a crash would.
    const leader = (await getLease(db, SCHEDULER_LEASE))?.holder;
    expect(leader === 'replica-a' || leader === 'replica-b').toBe(true);
    const survivor = leader === 'replica-a' ? 'replica-b' : 'replica-a';
    await replicas.get(leader as string)?.kill();

    for (let i = 0; i < ROUNDS_AFTER_KILL; i++) await round();
    await until(
      async () => (await getLease(db, SCHEDULER_LEASE))?.holder === survivor,
      () => 'the surviving replica did not take the lease over',
    );

    // Every job ending told once to each channel that follows it, and no notification of any kind twice.
    const counts = chat.postsByKey();
    expect([...expected].filter((k) => counts.get(k) !== 1)).toEqual([]);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    // The digests ran on one replica per slot too (both replicas' crons fire every slot).
    const runs = await db.selectFrom('scheduler_task_runs').selectAll().execute();
    expect(runs.map((r) => r.task).sort()).toEqual(['job-sweep', 'pending-digest']);
    // Each first backup cleared the digest once per channel, with one "now protected" follow-up.
    expect(posted('C-VAULT', 'now protected', 'web-02')).toHaveLength(1);
    expect(posted('C-VAULT', 'now protected', 'sql-01')).toHaveLength(1);
    expect(posted('C-WEB', 'now protected', 'web-02')).toHaveLength(1);
    expect(posted('C-WEB', 'sql-01')).toEqual([]);
    expect(posted('C-SUB', 'waiting for')).toEqual([]); // that channel did not ask for digests
  });
});
