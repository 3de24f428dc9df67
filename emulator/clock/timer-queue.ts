/** A task due at an emulated time. */
export interface TimerEntry {
  id: number;
  at: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/** Min-heap of timers ordered by due time, then by scheduling order (so equal times run FIFO). */
export class TimerQueue {
  private heap: TimerEntry[] = [];
  private nextId = 1;
  private seq = 0;
  private readonly byId = new Map<number, TimerEntry>();

  add(at: number, run: () => void): number {
    const entry: TimerEntry = { id: this.nextId++, at, seq: this.seq++, run, cancelled: false };
    this.byId.set(entry.id, entry);
    this.heap.push(entry);
    this.up(this.heap.length - 1);
    return entry.id;
  }

  cancel(id: number): void {
    const entry = this.byId.get(id);
    if (entry) {
      entry.cancelled = true;
      this.byId.delete(id);
    }
  }

  /** Removes and returns the earliest live timer due at or before `time`. */
  popDue(time: number): TimerEntry | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0];
      if (top.cancelled) {
        this.removeTop();
        continue;
      }
      if (top.at > time) return undefined;
      this.removeTop();
      this.byId.delete(top.id);
      return top;
    }
    return undefined;
  }

  get size(): number {
    return this.byId.size;
  }

  private removeTop(): void {
    const last = this.heap.pop() as TimerEntry;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private less(a: TimerEntry, b: TimerEntry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.heap[i], this.heap[parent])) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.less(this.heap[left], this.heap[smallest])) smallest = left;
      if (right < this.heap.length && this.less(this.heap[right], this.heap[smallest])) smallest = right;
      if (smallest === i) return;
      [this.heap[i], this.heap[smallest]] = [this.heap[smallest], this.heap[i]];
      i = smallest;
    }
  }
}
