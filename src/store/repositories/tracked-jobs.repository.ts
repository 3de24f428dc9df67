import type { StoreDb } from '../database';
import { toTrackedJob } from '../row-mappers';
import type { TrackedJob } from '../store.types';

// tracked_jobs has one writer, the flows' TrackedJobStore (tracked-job-store.ts); this is a read for the job sweep.

/**
 * Every message tracking one Azure job (usually one; more when the job is shown in several
 * conversations). The vault id is compared case-insensitively, as Azure treats ARM ids.
 */
export async function listTrackedJobsByJob(db: StoreDb, vaultId: string, jobName: string): Promise<TrackedJob[]> {
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
