import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore, type Store } from '../../../src/store';

/**
 * The databases the store suites run on: SQLite in memory always, and PostgreSQL when
 * DATABASE_URL is set, each opening in a schema of its own that is dropped afterwards.
 */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** False for PostgreSQL without DATABASE_URL: its suite is reported as skipped. */
  available: boolean;
  open(): Promise<Store>;
  /** Drops what open() created and closes the store. */
  dispose(store: Store): Promise<void>;
}

/** `describe` for an available target, `describe.skip` (counted as skipped) for the others. */
export const describeTarget = (target: StoreTarget): jest.Describe => (target.available ? describe : describe.skip);

export function storeTargets(): StoreTarget[] {
  const url = process.env.DATABASE_URL?.trim() ?? '';
  const schemas = new WeakMap<Store, string>();
  return [
    {
      name: 'sqlite',
      available: true,
      open: () => openStore({ kind: 'sqlite', file: ':memory:' }),
      dispose: (store) => store.close(),
    },
    {
      name: 'postgres',
      available: url !== '',
      open: async () => {
        const schema = `test_store_${randomBytes(6).toString('hex')}`;
        const store = await openStore({ kind: 'postgres', url }, { schema });
        schemas.set(store, schema);
        return store;
      },
      dispose: async (store) => {
        try {
          const schema = schemas.get(store);
          if (schema !== undefined) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
        } finally {
          await store.close();
        }
      },
    },
  ];
}
