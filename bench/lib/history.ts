/**
 * The benchmark's history: every full run is kept as bench/results/history/<date>.json (the
 * report's JSON), so a figure can be followed from run to run and the README can say what
 * changed since the previous run. Pure: names and differences; the runner reads and writes.
 */
import { formatValue, type BenchReport, type MetricRow } from './report';

export const HISTORY_DIR_NAME = 'history';

/** `2026-12-07T20-45-03Z.json`: sorts by time as text, and is a valid file name everywhere (no colons). */
export function historyFileName(date: Date): string {
  return `${date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.json`;
}

/** The newest history file among `names` (other files ignored), or undefined. */
export function latestHistoryFile(names: readonly string[]): string | undefined {
  return names.filter((n) => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/.test(n)).sort().at(-1);
}

/** A row's key across runs: its part and metric. */
export function rowKey(row: Pick<MetricRow, 'part' | 'metric'>): string {
  return `${row.part}|${row.metric}`;
}

/**
 * What changed in `row` since `previous` (the previous run's report): the signed difference in
 * the row's unit, with the relative change when it means something; "new" for a row the previous
 * run did not have; "" when either side has no value.
 */
export function changeSince(row: MetricRow, previous: BenchReport | undefined): string {
  if (!previous) return '';
  const before = previous.rows.find((r) => rowKey(r) === rowKey(row));
  if (!before) return 'new';
  if (row.value === null || before.value === null || before.unit !== row.unit) return '';
  const diff = row.value - before.value;
  if (diff === 0) return '=';
  const sign = diff > 0 ? '+' : '−';
  const relative = before.value !== 0 && row.unit !== 'count' && row.unit !== '%' ? ` (${sign}${Math.abs((diff / before.value) * 100).toFixed(0)} %)` : '';
  return `${sign}${formatValue(Math.abs(diff), row.unit)}${relative}`;
}
