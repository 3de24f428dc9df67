import { EventEmitter } from 'node:events';
import type { MessageAddress, TrackedJob, TrackedJobStore } from '../../src/flows/job-tracker.port';
import type { JobPhase } from '../../src/flows/views';

/**
 * The TrackedJobStore port in memory. One instance outlives a bot "restart" in the tests (a new
 * adapter and flows on the same store), as the store's tracked_jobs table does in the product.
 */
export class MemoryTrackedJobs implements TrackedJobStore {
  rows: (TrackedJob & { final: boolean })[] = [];
  private readonly saved = new EventEmitter();

  async save(tracked: TrackedJob): Promise<void> {
    this.rows = this.rows.filter((r) => !(r.platform === tracked.platform && r.messageRef === tracked.messageRef));
    this.rows.push({ ...structuredClone(tracked), final: false });
    this.saved.emit('saved');
  }

  /** Resolves once `count` messages are tracked (already, or after the next saves). */
  waitForTracked(count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.rows.length >= count) {
        resolve();
        return;
      }
      // A guard against hanging forever, not an assertion on speed.
      const timer = setTimeout(() => reject(new Error(`only ${this.rows.length} of ${count} job messages were tracked`)), 20_000);
      const onSaved = (): void => {
        if (this.rows.length < count) return;
        clearTimeout(timer);
        this.saved.off('saved', onSaved);
        resolve();
      };
      this.saved.on('saved', onSaved);
    });
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
