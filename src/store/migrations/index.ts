import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-24-initial';

/**
 * Every migration, by name. Listed here rather than found by scanning the folder, so the same
 * list works under tsx, ts-jest and a compiled build. Names sort by date; add new ones at the end.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-24-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
