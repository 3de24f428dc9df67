import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, NO_MIGRATIONS } from 'kysely';
import { claimEvent, openStore, StoreOpenError } from '../../../src/store';
import { migrationProvider } from '../../../src/store/migrations';
import { describeTarget, storeTargets } from './store-targets';

describe('openStore on a SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-store-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, migrates, and keeps data across restarts', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'bot.sqlite');
    const first = await openStore({ kind: 'sqlite', file });
    expect(first).toMatchObject({ kind: 'sqlite', location: file });
    await expect(claimEvent(first.db, 'k1')).resolves.toBe(true);
    await first.close();
    await first.close(); // idempotent

    expect(fs.existsSync(file)).toBe(true);
    const second = await openStore({ kind: 'sqlite', file });
    await expect(claimEvent(second.db, 'k1')).resolves.toBe(false);
    await second.check();
    await second.close();
  });

  it('names the settings to fix when the file cannot be created', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const error = await openStore({ kind: 'sqlite', file: path.join(blocker, 'bot.sqlite') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(/SQLITE_FILE \/ DATA_DIR/);
  });
});

describe('openStore on an unreachable PostgreSQL', () => {
  it('fails with a message naming DATABASE_URL and the host, never the password', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const error = await openStore({ kind: 'postgres', url: 'postgres://bot:s3cret-pw@127.0.0.1:1/app' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('127.0.0.1:1/app');
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('s3cret-pw');
  });
});

for (const target of storeTargets()) {
  describeTarget(target)(`migrations on ${target.name}`, () => {
    it('go down and up again cleanly', async () => {
      const store = await target.open();
      try {
        const migrator = new Migrator({ db: store.db, provider: migrationProvider });
        const down = await migrator.migrateTo(NO_MIGRATIONS);
        expect(down.error).toBeUndefined();
        const tablesAfterDown = (await store.db.introspection.getTables()).map((t) => t.name);
        expect(tablesAfterDown).not.toContain('tracked_jobs');
        const up = await migrator.migrateToLatest();
        expect(up.error).toBeUndefined();
        expect((await store.db.introspection.getTables()).map((t) => t.name)).toContain('tracked_jobs');
      } finally {
        await target.dispose(store);
      }
    });
  });
}
