import { createHash } from 'node:crypto';
import type { JobStatus } from '../../domain/backup.types';
import type { MessageAddress, TrackedJob, TrackedJobStore } from '../../flows/job-tracker.port';
import type { JobContext } from '../../flows/job-context';
import type { JobPhase } from '../../flows/views';
import type { NewTrackedJobRow, StoreDb } from '../database';
import { isChatPlatform, toTimestamp } from '../row-mappers';

/** Azure's job status closest to what a message shows, for the table's status column. */
const STATUS_OF_PHASE: Record<JobPhase, JobStatus> = {
  queued: 'InProgress',
  'in-progress': 'InProgress',
  cancelling: 'Cancelling',
  completed: 'Completed',
  'completed-with-warnings': 'CompletedWithWarnings',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** One row per message: the adapter's address can be long (a Teams conversation reference), the key stays short. */
export function trackedJobRowId(address: MessageAddress): string {
  return `${address.platform}:${createHash('sha256').update(address.messageRef).digest('hex').slice(0, 40)}`;
}

/**
 * The flows' TrackedJobStore on the tracked_jobs table, so job messages keep updating after a
 * restart. `conversation_id` holds the adapter's opaque message address.
 */
export function createTrackedJobStore(db: StoreDb, now: () => Date = () => new Date()): TrackedJobStore {
  return {
    async save(tracked: TrackedJob): Promise<void> {
      const at = toTimestamp(now());
      const row: NewTrackedJobRow = {
        id: trackedJobRowId(tracked),
        platform: tracked.platform,
        conversation_id: tracked.messageRef,
        message_id: null,
        vault_id: tracked.job.vaultId,
        job_name: tracked.job.jobName,
        vm_id: tracked.context.vmId ?? '',
        vm_name: tracked.context.vmName ?? '',
        status: tracked.lastPhase ? STATUS_OF_PHASE[tracked.lastPhase] : 'InProgress',
        requested_by: tracked.context.requestedBy ?? '',
        created_at: toTimestamp(new Date(tracked.trackedAt)),
        updated_at: at,
        ended_at: null,
        context_json: JSON.stringify(tracked.context),
        last_phase: tracked.lastPhase ?? null,
        request_id: tracked.requestId ?? null,
      };
      await db
        .insertInto('tracked_jobs')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined }))
        .execute();
    },

    async listOpen(): Promise<TrackedJob[]> {
      const rows = await db.selectFrom('tracked_jobs').selectAll().where('ended_at', 'is', null).orderBy('created_at').execute();
      return rows.flatMap((row) => {
        if (!isChatPlatform(row.platform)) return [];
        const context = parseContext(row.context_json, row.vm_id, row.vm_name, row.requested_by);
        return [
          {
            platform: row.platform,
            messageRef: row.conversation_id,
            job: { vaultId: row.vault_id, jobName: row.job_name },
            context,
            ...(row.last_phase ? { lastPhase: row.last_phase as JobPhase } : {}),
            trackedAt: row.created_at,
            ...(row.request_id !== null ? { requestId: row.request_id } : {}),
          },
        ];
      });
    },

    async markShown(address: MessageAddress, phase: JobPhase, final: boolean): Promise<void> {
      const at = toTimestamp(now());
      await db
        .updateTable('tracked_jobs')
        .set({ last_phase: phase, status: STATUS_OF_PHASE[phase], updated_at: at, ...(final ? { ended_at: at } : {}) })
        .where('id', '=', trackedJobRowId(address))
        .execute();
    },
  };
}

/** Rows written before the context column existed still carry the VM and requester. */
function parseContext(json: string | null, vmId: string, vmName: string, requestedBy: string): JobContext {
  if (json) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (parsed && typeof parsed === 'object') return parsed as JobContext;
    } catch {
      // fall through to the columns
    }
  }
  return {
    ...(vmId ? { vmId } : {}),
    ...(vmName ? { vmName } : {}),
    ...(requestedBy ? { requestedBy } : {}),
  };
}
