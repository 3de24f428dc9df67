import type { Clock } from '../../../../src/notifications/clock';

/**
 * A clock that only moves when told to, or when something sleeps on it: sleep(ms) moves time to
 * (at least) now + ms and returns on the next turn of the event loop. Concurrent sleepers never
 * move it backwards, so "no message before time T" holds exactly as it would in real time.
 */
export class ManualClock implements Clock {
  private t: number;

  constructor(start: Date | number = new Date('2026-03-02T08:00:00Z')) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  advance(ms: number): void {
    this.t += ms;
  }

  set(at: Date): void {
    this.t = Math.max(this.t, at.getTime());
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal?.aborted && ms > 0) this.t = Math.max(this.t, this.t + ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
