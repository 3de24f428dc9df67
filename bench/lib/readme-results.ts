/**
 * The README's table of the latest figures: rewritten by a full `npm run bench`, between two
 * markers, so what the README claims is what the last run measured. Pure: the caller reads and
 * writes the file.
 */
import { changeSince } from './history';
import { cell, formatTarget, formatValue, machineLine, type BenchReport, type MetricRow } from './report';

export const README_START = '<!-- bench:latest:start -->';
export const README_END = '<!-- bench:latest:end -->';

const RESULT: Record<MetricRow['outcome'], string> = { pass: 'pass', fail: '**FAIL**', info: '', error: '**ERROR**', missing: '**MISSING**' };

/**
 * The rows the README shows: every row with a target, and any that failed to measure. Figures
 * without a target (start-up times, heap ratios) stay in latest.md, which the table links to.
 */
function headline(row: MetricRow): boolean {
  return row.target !== undefined || row.outcome === 'error' || row.outcome === 'missing';
}

/**
 * The markdown between the markers: machine, command, and the headline rows with their change
 * since `previous` (the run before, from bench/results/history/), when there is one.
 */
export function readmeResults(report: BenchReport, previous?: BenchReport): string {
  const since = previous ? `change since ${previous.machine.date.slice(0, 16).replace('T', ' ')} UTC` : 'change since the previous run';
  const lines = [
    `Latest run: \`${report.command}\` on ${machineLine(report.machine)} (${report.durationSeconds.toFixed(0)} s). Every row with its`,
    'notes, and the figures behind them: [bench/results/latest.md](bench/results/latest.md); every full run: [bench/results/history/](bench/results/history/).',
    '',
    `| part | metric | value | ${since} | target | result |`,
    '|---|---|---|---|---|---|',
    ...report.rows
      .filter(headline)
      .map((r) => `| ${r.part} | ${cell(r.metric)} | ${formatValue(r.value, r.unit)} | ${cell(changeSince(r, previous))} | ${cell(formatTarget(r.target))} | ${RESULT[r.outcome]} |`),
  ];
  return lines.join('\n');
}

/** `readme` with the text between the markers replaced by `block`; throws when the markers are missing. */
export function replaceReadmeResults(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} section for the benchmark results`);
  return `${readme.slice(0, start + README_START.length)}\n${block}\n${readme.slice(end)}`;
}
