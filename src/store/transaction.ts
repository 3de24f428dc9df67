import type { StoreDb } from './database';

/**
 * Runs `work` in one database transaction: the repository calls it makes with `trx` commit
 * together, or none does when it throws. For code outside src/store, which never sees kysely.
 */
export function inTransaction<T>(db: StoreDb, work: (trx: StoreDb) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
