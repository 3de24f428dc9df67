import type { RecordedRequest } from '../emulator.types';

/** Keeps the newest requests only, so a long demo run does not grow without bound. */
const MAX_RECORDS = 200_000;

/** Every ARM request the emulator answered, for tests and benchmarks that count Azure calls. */
export class RequestRecorder {
  private records: RecordedRequest[] = [];

  add(record: RecordedRequest): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records = this.records.slice(-MAX_RECORDS / 2);
  }

  list(): RecordedRequest[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
