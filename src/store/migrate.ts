import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database';
import { migrationProvider } from './migrations';

export class MigrationError extends Error {
  constructor(message: string, override readonly cause: unknown) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest migration. Kysely's Migrator takes a lock (an advisory lock on
 * PostgreSQL), so replicas starting together migrate once. Returns the names it applied.
 */
export async function migrateToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<string[]> {
  // With a schema of its own, the Migrator must keep its bookkeeping tables there too: otherwise it
  // looks them up in whichever schema of the search path has them, and two stores sharing one
  // PostgreSQL database (tests, side-by-side installs) read each other's migration state.
  const migrator = new Migrator({ db, provider: migrationProvider, ...(options.schema !== undefined ? { migrationTableSchema: options.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = (results ?? []).find((r: MigrationResult) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(failed ? `migration ${failed.migrationName} failed: ${reason}` : `migrations failed: ${reason}`, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not run (for /readyz). */
export async function pendingMigrations(db: Kysely<Database>, options: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(options.schema !== undefined ? { migrationTableSchema: options.schema } : {}) });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
