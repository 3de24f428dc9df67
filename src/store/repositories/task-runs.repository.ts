import type { StoreDb, TaskRunRow } from '../database';
import { fromTimestamp, toTimestamp } from '../row-mappers';

/** The last run of a scheduled task, and its last error (kept after later successes). */
export interface TaskRun {
  task: string;
  lastSlot?: Date;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  lastStatus?: 'running' | 'ok' | 'error';
  lastError?: { at: Date; message: string };
  lastDurationMs?: number;
  lastHolder?: string;
  runs: number;
  /** When a run last ended without error. */
  lastOkAt?: Date;
  /** Runs that ended with an error since the last one that did not (a run in progress is not counted). */
  errorsInARow: number;
}

const STATUSES: readonly string[] = ['running', 'ok', 'error'];
const ERROR_MAX = 500;

function toTaskRun(row: TaskRunRow): TaskRun {
  const ts = (text: string | null): Date | undefined => (text === null ? undefined : fromTimestamp(text, 'scheduler_task_runs', row.task));
  const errorAt = ts(row.last_error_at);
  return {
    task: row.task,
    ...(row.last_slot !== null ? { lastSlot: ts(row.last_slot) } : {}),
    ...(row.last_started_at !== null ? { lastStartedAt: ts(row.last_started_at) } : {}),
    ...(row.last_finished_at !== null ? { lastFinishedAt: ts(row.last_finished_at) } : {}),
    ...(row.last_status !== null && STATUSES.includes(row.last_status) ? { lastStatus: row.last_status as TaskRun['lastStatus'] } : {}),
    ...(row.last_error !== null && errorAt !== undefined ? { lastError: { at: errorAt, message: row.last_error } } : {}),
    ...(row.last_duration_ms !== null ? { lastDurationMs: Number(row.last_duration_ms) } : {}),
    ...(row.last_holder !== null ? { lastHolder: row.last_holder } : {}),
    runs: Number(row.runs),
    ...(row.last_ok_at !== null ? { lastOkAt: ts(row.last_ok_at) } : {}),
    errorsInARow: Number(row.errors_in_a_row ?? 0),
  };
}

/**
 * Claims the run of `task` for the scheduled instant `slot`: true for the first claim of a slot
 * later than any claimed before (one atomic upsert), so a slot runs once even if two replicas
 * both believe they lead. A slot whose run started before `staleBefore` and never finished (its
 * runner died) can be claimed again.
 */
export async function claimTaskSlot(
  db: StoreDb,
  input: { task: string; slot: Date; holder: string; now: Date; staleBefore: Date },
): Promise<boolean> {
  const slot = toTimestamp(input.slot);
  const now = toTimestamp(input.now);
  const row = await db
    .insertInto('scheduler_task_runs')
    .values({
      task: input.task,
      last_slot: slot,
      last_started_at: now,
      last_finished_at: null,
      last_status: 'running',
      last_error: null,
      last_error_at: null,
      last_duration_ms: null,
      last_holder: input.holder,
      runs: 1,
      last_ok_at: null,
      errors_in_a_row: 0,
    })
    .onConflict((oc) =>
      oc
        .column('task')
        .doUpdateSet((eb) => ({
          last_slot: slot,
          last_started_at: now,
          last_status: 'running',
          last_holder: input.holder,
          runs: eb('scheduler_task_runs.runs', '+', 1),
        }))
        .where((eb) =>
          eb.or([
            eb('scheduler_task_runs.last_slot', 'is', null),
            eb('scheduler_task_runs.last_slot', '<', slot),
            eb.and([
              eb('scheduler_task_runs.last_slot', '=', slot),
              eb('scheduler_task_runs.last_status', '=', 'running'),
              eb('scheduler_task_runs.last_started_at', '<', toTimestamp(input.staleBefore)),
            ]),
          ]),
        ),
    )
    .returning('task')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records how the claimed run of `slot` ended; a later claim (another slot) is left alone. */
export async function finishTaskRun(
  db: StoreDb,
  input: { task: string; slot: Date; holder: string; now: Date; durationMs: number; error?: string },
): Promise<void> {
  const now = toTimestamp(input.now);
  await db
    .updateTable('scheduler_task_runs')
    .set((eb) => ({
      last_finished_at: now,
      last_status: input.error === undefined ? 'ok' : 'error',
      last_duration_ms: Math.round(input.durationMs),
      ...(input.error !== undefined
        ? { last_error: input.error.slice(0, ERROR_MAX), last_error_at: now, errors_in_a_row: eb('scheduler_task_runs.errors_in_a_row', '+', 1) }
        : { last_ok_at: now, errors_in_a_row: 0 }),
    }))
    .where('task', '=', input.task)
    .where('last_slot', '=', toTimestamp(input.slot))
    .where('last_holder', '=', input.holder)
    .execute();
}

export async function getTaskRun(db: StoreDb, task: string): Promise<TaskRun | undefined> {
  const row = await db.selectFrom('scheduler_task_runs').selectAll().where('task', '=', task).executeTakeFirst();
  return row === undefined ? undefined : toTaskRun(row);
}

export async function listTaskRuns(db: StoreDb): Promise<TaskRun[]> {
  const rows = await db.selectFrom('scheduler_task_runs').selectAll().orderBy('task').execute();
  return rows.map(toTaskRun);
}
