import type { MessageAddress, TrackedJob, TrackedJobStore } from '../../../../src/flows/job-tracker.port';
import type { JobPhase } from '../../../../src/flows/views';

/** The TrackedJobStore port in memory, for tests (the product's lives on the store's tracked_jobs table). */
export class MemoryTrackedJobs implements TrackedJobStore {
  rows: (TrackedJob & { final: boolean })[] = [];

  async save(tracked: TrackedJob): Promise<void> {
    this.rows = this.rows.filter((r) => !(r.platform === tracked.platform && r.messageRef === tracked.messageRef));
    this.rows.push({ ...structuredClone(tracked), final: false });
  }

  async listOpen(): Promise<TrackedJob[]> {
    return this.rows.filter((r) => !r.final).map(({ final: _final, ...t }) => structuredClone(t));
  }

  async markShown(address: MessageAddress, phase: JobPhase, final: boolean): Promise<void> {
    const row = this.rows.find((r) => r.platform === address.platform && r.messageRef === address.messageRef);
    if (row) {
      row.lastPhase = phase;
      row.final = final;
    }
  }
}
