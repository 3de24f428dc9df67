/**
 * The benchmark's results as rows (metric, value, target, outcome) and their two renderings:
 * the markdown table people read and the JSON machines read. Pure: no I/O, no clock.
 */

export type PartName = 'ack' | 'picker' | 'sweep' | 'notify' | 'memory' | 'enable';
export const PART_NAMES: readonly PartName[] = ['ack', 'picker', 'memory', 'sweep', 'notify', 'enable'];

export type Unit = 'ms' | 's' | 'x' | 'calls' | 'count' | 'MB' | '%';

/** A bound a value must meet: `value op limit`. */
export interface Target {
  op: '<' | '<=' | '==' | '>=';
  limit: number;
  unit: Unit;
}

/**
 * pass/fail: measured against a target. info: measured, no target (context for another row).
 * error: the part could not measure it (message in `note`). missing: the product lacks what the
 * measurement needs (what is missing in `note`).
 */
export type Outcome = 'pass' | 'fail' | 'info' | 'error' | 'missing';

export interface MetricRow {
  part: PartName;
  metric: string;
  /** null when nothing was measured (error, missing). */
  value: number | null;
  unit: Unit;
  target?: Target;
  outcome: Outcome;
  note?: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  /** ISO date-time the run started. */
  date: string;
}

export interface BenchReport {
  machine: MachineInfo;
  /** The exact command that produced the report. */
  command: string;
  parts: PartName[];
  durationSeconds: number;
  rows: MetricRow[];
  /** Free-text findings (what is slow and why), one paragraph each. */
  findings: string[];
}

/** True when `value` meets `target`; NaN and null never do. */
export function meets(value: number | null, target: Target): boolean {
  if (value === null || Number.isNaN(value)) return false;
  switch (target.op) {
    case '<':
      return value < target.limit;
    case '<=':
      return value <= target.limit;
    case '==':
      return value === target.limit;
    case '>=':
      return value >= target.limit;
  }
}

/** A measured row: pass/fail when it has a target, info otherwise. */
export function measured(part: PartName, metric: string, value: number, unit: Unit, target?: Target, note?: string): MetricRow {
  return {
    part,
    metric,
    value: Number.isFinite(value) ? value : null,
    unit,
    ...(target ? { target } : {}),
    outcome: target ? (meets(Number.isFinite(value) ? value : null, target) ? 'pass' : 'fail') : 'info',
    ...(note !== undefined ? { note } : {}),
  };
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString()} ms`;
    case 's':
      return `${value.toFixed(value < 10 ? 2 : 1)} s`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'MB':
      return `${value.toFixed(value < 100 ? 1 : 0)} MB`;
    case '%':
      return `${value.toFixed(1)} %`;
    case 'calls':
      return `${formatCount(value)} call${value === 1 ? '' : 's'}`;
    case 'count':
      return formatCount(value);
  }
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

export function formatTarget(target: Target | undefined): string {
  if (!target) return '';
  const op = { '<': '<', '<=': '≤', '==': '=', '>=': '≥' }[target.op];
  return `${op} ${formatValue(target.limit, target.unit)}`;
}

const OUTCOME_TEXT: Record<Outcome, string> = { pass: 'pass', fail: '**FAIL**', info: 'info', error: '**ERROR**', missing: '**MISSING**' };

/** Escapes what would break a markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function machineLine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.platform}, ${m.date}`;
}

/** The report as markdown: machine line, command, the table, then notes and findings. */
export function toMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Machine: ${machineLine(report.machine)}  `);
  lines.push(`Command: \`${report.command}\`  `);
  lines.push(`Parts: ${report.parts.join(', ')}; whole run ${report.durationSeconds.toFixed(0)} s`, '');
  lines.push('| part | metric | value | target | result |', '|---|---|---|---|---|');
  const notes: string[] = [];
  for (const row of report.rows) {
    let metric = row.metric;
    if (row.note) {
      notes.push(row.note);
      metric = `${metric} [${notes.length}]`;
    }
    lines.push(`| ${row.part} | ${cell(metric)} | ${formatValue(row.value, row.unit)} | ${cell(formatTarget(row.target))} | ${OUTCOME_TEXT[row.outcome]} |`);
  }
  if (notes.length > 0) {
    lines.push('');
    notes.forEach((note, i) => lines.push(`${i + 1}. ${note}`));
  }
  if (report.findings.length > 0) {
    lines.push('', '## Findings', '');
    for (const finding of report.findings) lines.push(`- ${finding}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The report as JSON; every row carries its formatted value and target too. */
export function toJson(report: BenchReport): string {
  const rows = report.rows.map((row) => ({ ...row, display: formatValue(row.value, row.unit), targetText: formatTarget(row.target) }));
  return `${JSON.stringify({ ...report, rows }, null, 2)}\n`;
}

/** How many rows did not pass (fail, error, missing); info rows do not count. */
export function problemCount(rows: readonly MetricRow[]): number {
  return rows.filter((r) => r.outcome === 'fail' || r.outcome === 'error' || r.outcome === 'missing').length;
}
