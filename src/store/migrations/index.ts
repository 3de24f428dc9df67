import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-24-initial';
import * as trackedJobView from './2026-11-25-1-tracked-job-view';
import * as notifications from './2026-11-25-2-notifications';
import * as accessAndAudit from './2026-11-25-3-access-and-audit';
import * as rateLimit from './2026-11-26-1-rate-limit';
import * as bindingsByChannel from './2026-11-26-2-bindings-by-channel';
import * as teamsChannelsAsOne from './2026-12-07-1-teams-channels-as-one';
import * as auditInsertGuard from './2026-12-07-2-audit-insert-guard';
import * as taskRunStreaks from './2026-12-07-3-task-run-streaks';
import * as inventorySize from './2026-12-07-4-inventory-size';
import * as prodobsRequestIds from './2026-12-07-5-request-ids';
import * as inventory from './2026-12-07-6-inventory-rows';
import * as inventoryChunks from './2026-12-07-7-inventory-chunks';
import * as threads from './2026-12-07-8-threads';
import * as coverage from './2026-12-07-9-coverage';
import * as waitingChannels from './2026-12-08-leftovers';
import * as teamsRemoval from './2026-12-08-leftovers-2-teams';

/**
 * Every migration, by name. Listed here rather than found by scanning the folder, so the same
 * list works under tsx, ts-jest and a compiled build. Names sort by date; add new ones at the end.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-24-initial': initial,
  '2026-11-25-1-tracked-job-view': trackedJobView,
  '2026-11-25-2-notifications': notifications,
  '2026-11-25-3-access-and-audit': accessAndAudit,
  '2026-11-26-1-rate-limit': rateLimit,
  '2026-11-26-2-bindings-by-channel': bindingsByChannel,
  '2026-12-07-1-teams-channels-as-one': teamsChannelsAsOne,
  '2026-12-07-2-audit-insert-guard': auditInsertGuard,
  '2026-12-07-3-task-run-streaks': taskRunStreaks,
  '2026-12-07-4-inventory-size': inventorySize,
  '2026-12-07-5-request-ids': prodobsRequestIds,
  '2026-12-07-6-inventory-rows': inventory,
  '2026-12-07-7-inventory-chunks': inventoryChunks,
  '2026-12-07-8-threads': threads,
  '2026-12-07-9-coverage': coverage,
  '2026-12-08-leftovers': waitingChannels,
  '2026-12-08-leftovers-2-teams': teamsRemoval,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
