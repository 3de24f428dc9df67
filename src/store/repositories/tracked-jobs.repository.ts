import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { JobStatus } from '../../backup/backup.types';
import type { Database, TrackedJobRowUpdate } from '../database';
import { isTerminalJobStatus, toTimestamp, toTrackedJob } from '../row-mappers';
import type { ChatPlatform, TrackedJob } from '../store.types';

export interface NewTrackedJob {
  /** Default: a random UUID. */
  id?: string;
  platform: ChatPlatform;
  conversationId: string;
  messageId?: string;
  vaultId: string;
  jobName: string;
  vmId: string;
  vmName: string;
  status: JobStatus;
  requestedBy: string;
  /** Default: now. */
  at?: Date;
}

export interface TrackedJobChange {
  status?: JobStatus;
  messageId?: string;
  /** Default: now. */
  at?: Date;
}

const ACTIVE_STATUSES: JobStatus[] = ['InProgress', 'Cancelling'];

export async function insertTrackedJob(db: Kysely<Database>, job: NewTrackedJob): Promise<TrackedJob> {
  const at = toTimestamp(job.at ?? new Date());
  const row = await db
    .insertInto('tracked_jobs')
    .values({
      id: job.id ?? randomUUID(),
      platform: job.platform,
      conversation_id: job.conversationId,
      message_id: job.messageId ?? null,
      vault_id: job.vaultId,
      job_name: job.jobName,
      vm_id: job.vmId,
      vm_name: job.vmName,
      status: job.status,
      requested_by: job.requestedBy,
      created_at: at,
      updated_at: at,
      ended_at: isTerminalJobStatus(job.status) ? at : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTrackedJob(row);
}

/**
 * Records a new status and/or the message that shows the job. `endedAt` is set the first time
 * the status becomes terminal and kept after; a non-terminal status clears it.
 * Returns undefined when there is no such tracked job.
 */
export async function updateTrackedJob(db: Kysely<Database>, id: string, change: TrackedJobChange): Promise<TrackedJob | undefined> {
  const at = toTimestamp(change.at ?? new Date());
  const set: TrackedJobRowUpdate = { updated_at: at };
  if (change.messageId !== undefined) set.message_id = change.messageId;
  const row = await db
    .updateTable('tracked_jobs')
    .set(set)
    .$if(change.status !== undefined, (qb) =>
      qb.set((eb) => ({
        status: change.status as JobStatus,
        ended_at: isTerminalJobStatus(change.status as JobStatus) ? eb.fn.coalesce('ended_at', eb.val(at)) : sql<null>`null`,
      })),
    )
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toTrackedJob(row);
}

export async function getTrackedJob(db: Kysely<Database>, id: string): Promise<TrackedJob | undefined> {
  const row = await db.selectFrom('tracked_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toTrackedJob(row);
}

/** Jobs still running (InProgress, Cancelling), oldest first. */
export async function listActiveTrackedJobs(db: Kysely<Database>, filter: { platform?: ChatPlatform } = {}): Promise<TrackedJob[]> {
  const rows = await db
    .selectFrom('tracked_jobs')
    .selectAll()
    .where('status', 'in', ACTIVE_STATUSES)
    .$if(filter.platform !== undefined, (qb) => qb.where('platform', '=', filter.platform as ChatPlatform))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toTrackedJob);
}

/**
 * Every message tracking one Azure job (usually one; more when the job is shown in several
 * conversations). The vault id is compared case-insensitively, as Azure treats ARM ids.
 */
export async function listTrackedJobsByJob(db: Kysely<Database>, vaultId: string, jobName: string): Promise<TrackedJob[]> {
  const rows = await db
    .selectFrom('tracked_jobs')
    .selectAll()
    .where('job_name', '=', jobName)
    .where((eb) => eb(eb.fn('lower', ['vault_id']), '=', vaultId.toLowerCase()))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toTrackedJob);
}
