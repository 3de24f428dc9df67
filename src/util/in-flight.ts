import { within } from './within';

/**
 * Work started and not finished yet, for shutdown: `settled` waits for it (bounded) before what
 * the work uses is closed under it.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Keeps `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = (): void => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once everything tracked has settled, or after `timeoutMs`; with how many still run. */
  async settled(timeoutMs: number): Promise<number> {
    while (this.running.size > 0) {
      const done = await within(Promise.allSettled([...this.running]).then(() => true), timeoutMs);
      if (!done) break;
    }
    return this.running.size;
  }
}
