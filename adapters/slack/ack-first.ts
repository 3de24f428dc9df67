import type { RequestHandler } from 'express';

/** Longest the work behind an ack waits for other acks: Slack's trigger ids expire after 3 s. */
const MAX_WAIT_MS = 100;

/**
 * Acknowledgements before work. Slack gives every request 3 s for its ack; the work behind an
 * ack (Azure reads, store writes, Slack calls) has no such clock. When many people act at once,
 * work that starts right after the first ack would share the event loop with the requests still
 * waiting for theirs. So the work behind an ack starts only while no request is waiting, one
 * piece per turn of the event loop (a request that arrives meanwhile is read before the next
 * piece starts), and after at most MAX_WAIT_MS, so a slow client cannot hold it back (still one
 * piece per turn).
 */
export class AckFirst {
  private waiting = 0;
  private readonly queue: Piece[] = [];
  private draining = false;

  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /** Express middleware on the events route: counts a request from its headers until its answer is sent. */
  readonly counter: RequestHandler = (_req, res, next) => {
    this.waiting += 1;
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      this.waiting -= 1;
      this.scheduleDrain();
    };
    res.once('finish', leave);
    res.once('close', leave);
    next();
  };

  /** Resolves when it is this work's turn: no request waiting for its ack, or the bound reached. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      const piece: Piece = {
        release: resolve,
        due: false,
        // Past the bound a piece may start while requests wait, still one per turn: the pieces of
        // a whole burst reach their bound together, and started at once in one timers phase they
        // would hold the event loop for all of their work while later acks wait.
        timer: setTimeout(() => {
          piece.due = true;
          this.scheduleDrain();
        }, this.maxWaitMs),
      };
      this.queue.push(piece);
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.draining || this.queue.length === 0) return;
    this.draining = true;
    // The check phase runs after the poll phase has read every request that arrived meanwhile.
    setImmediate(() => {
      this.draining = false;
      // With requests waiting, only a piece past its bound; the last of them to be answered schedules the next drain.
      const at = this.waiting > 0 ? this.queue.findIndex((p) => p.due) : 0;
      if (at < 0) return;
      const [piece] = this.queue.splice(at, 1);
      clearTimeout(piece.timer);
      piece.release();
      this.scheduleDrain();
    });
  }
}

interface Piece {
  release: () => void;
  /** Its bound is reached: it starts on the next turn even while requests wait. */
  due: boolean;
  timer: NodeJS.Timeout;
}
