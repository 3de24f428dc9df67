import { TimerQueue } from './timer-queue';

/** How emulated time moves: only through advance() ('manual'), or with wall-clock time scaled ('real'). */
export type ClockMode = 'manual' | 'real';

const REAL_TICK_MS = 50;

/**
 * The emulator's notion of time. Jobs and policy schedules register timers here; a timer runs
 * when emulated time reaches it, in due order, with now() equal to its due time while it runs,
 * so that work scheduled from inside a timer lands at the right emulated instant.
 */
export class EmulatedClock {
  private readonly timers = new TimerQueue();
  private current: number;
  private ticker: NodeJS.Timeout | undefined;
  private realAnchor = 0;
  private emulatedAnchor = 0;
  private running = false;

  constructor(
    readonly mode: ClockMode,
    startTime: number,
    private readonly timeScale = 1,
  ) {
    this.current = startTime;
    if (mode === 'real') {
      this.realAnchor = Date.now();
      this.emulatedAnchor = startTime;
      this.ticker = setInterval(() => this.tick(), REAL_TICK_MS);
      // A real clock must never keep the process alive on its own.
      this.ticker.unref();
    }
  }

  now(): number {
    if (this.mode === 'real' && !this.running) {
      const live = this.emulatedAnchor + (Date.now() - this.realAnchor) * this.timeScale;
      if (live > this.current) this.current = live;
    }
    return this.current;
  }

  /** Runs `run` when emulated time reaches `at` (at once on the next advance/tick if already past). */
  schedule(at: number, run: () => void): number {
    return this.timers.add(at, run);
  }

  cancel(id: number): void {
    this.timers.cancel(id);
  }

  /** Moves emulated time forward by `ms`, running everything that falls due, in order. */
  async advance(ms: number): Promise<void> {
    if (ms < 0 || !Number.isFinite(ms)) throw new RangeError('advance() takes a finite, non-negative number of ms');
    const target = this.now() + ms;
    if (this.mode === 'real') {
      // Shift the anchor so the jump persists, then run what fell due.
      this.emulatedAnchor += ms;
    }
    this.runUntil(target);
    // Let callers observe a settled state after any promise-based work timers started.
    await Promise.resolve();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    this.runUntil(this.now());
  }

  private runUntil(target: number): void {
    if (this.running) return;
    this.running = true;
    try {
      for (let due = this.timers.popDue(target); due; due = this.timers.popDue(target)) {
        if (due.at > this.current) this.current = due.at;
        try {
          due.run();
        } catch (error) {
          // A failing timer must not stop time; report and continue.
          console.error('[emulator] timer failed', error);
        }
      }
      if (target > this.current) this.current = target;
    } finally {
      this.running = false;
    }
  }
}
