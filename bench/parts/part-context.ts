import type { MetricRow } from '../lib/report';
import type { Backends } from '../lib/stack';
import type { LoadedBot } from './loaded-bot';

/** What every part gets from the runner. */
export interface PartContext {
  /** A scratch folder for logs, data dirs and certificates (removed after the run). */
  workDir: string;
  /** Backends seeded with `extraVms` extra VMs, shared between the parts that only read them. */
  backends(extraVms: number): Promise<Backends>;
  /** A bot on those backends whose inventory is loaded, shared the same way (ack, picker, memory). */
  loadedBot(extraVms: number): Promise<LoadedBot>;
  /** --quick: fewer ack rounds, to check the bench runs; its figures are not a run's. */
  quick: boolean;
  /** Set with --profile: CPU profiles are kept there (else only summarised in the findings). */
  profileDir?: string;
  log(message: string): void;
}

export interface PartResult {
  rows: MetricRow[];
  findings: string[];
}
