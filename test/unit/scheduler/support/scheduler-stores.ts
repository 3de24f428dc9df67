import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { openStore, type Store } from '../../../../src/store';
import { migrationProvider } from '../../../../src/store/migrations';

const URL = process.env.DATABASE_URL?.trim() ?? '';
if (URL === '' && process.env.CI) throw new Error('DATABASE_URL must be set in CI: the scheduler store suites run on PostgreSQL too.');

/** The databases the scheduler's store suites run on: SQLite in memory always, PostgreSQL when DATABASE_URL is set. */
export interface SchedulerStoreTarget {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<Store>;
  dispose(store: Store): Promise<void>;
}

export const describeOn = (target: SchedulerStoreTarget): jest.Describe => (target.available ? describe : describe.skip);

export function schedulerStores(): SchedulerStoreTarget[] {
  const schemas = new WeakMap<Store, string>();
  return [
    { name: 'sqlite', available: true, open: () => openStore({ kind: 'sqlite', file: ':memory:' }), dispose: (s) => s.close() },
    {
      name: 'postgres',
      available: URL !== '',
      open: async () => {
        const schema = `test_sched_${randomBytes(6).toString('hex')}`;
        const store = await openStore({ kind: 'postgres', url: URL }, { schema, migrate: false });
        // Migration tables pinned to the schema: kysely's Migrator otherwise takes one in any schema of the database as its own.
        const { error } = await new Migrator({ db: store.db, provider: migrationProvider, migrationTableSchema: schema }).migrateToLatest();
        if (error) throw error;
        schemas.set(store, schema);
        return store;
      },
      dispose: async (store) => {
        try {
          const schema = schemas.get(store);
          if (schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
        } finally {
          await store.close();
        }
      },
    },
  ];
}
