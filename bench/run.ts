/**
 * `npm run bench [-- --only=ack,picker] [-- --profile] [-- --quick]`: measures the bot as its users feel it
 * on this machine and writes bench/results/latest.md and latest.json (partial.* for --only or
 * --quick); a full run also adds bench/results/history/<date>.json and rewrites the README's table.
 * Every pass/fail figure is a ratio, a count, or a latency far from its bound, measured in this
 * run. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './lib/cli-args';
import { HISTORY_DIR_NAME, historyFileName, latestHistoryFile } from './lib/history';
import { readmeResults, replaceReadmeResults } from './lib/readme-results';
import { machineInfo } from './lib/machine';
import { problemCount, toJson, toMarkdown, type BenchReport, type MetricRow, type PartName } from './lib/report';
import { startBackends, type Backends } from './lib/stack';
import { startLoadedBot, type LoadedBot } from './parts/loaded-bot';
import type { PartContext, PartResult } from './parts/part-context';

type Part = (ctx: PartContext) => Promise<PartResult>;

// Loaded when run: a part whose product modules do not load (work in progress elsewhere) fails alone.
const PARTS: Record<PartName, () => Promise<Part>> = {
  ack: async () => (await import('./parts/ack.bench')).runAck,
  picker: async () => (await import('./parts/picker.bench')).runPicker,
  memory: async () => (await import('./parts/memory.bench')).runMemory,
  sweep: async () => (await import('./parts/sweep.bench')).runSweep,
  notify: async () => (await import('./parts/notify.bench')).runNotify,
  enable: async () => (await import('./parts/enable.bench')).runEnable,
};
/** Parts that share the cached backends and bots; these are stopped once the last of them ran. */
const SHARING: readonly PartName[] = ['ack', 'picker', 'memory'];

const RESULTS_DIR = path.join(__dirname, 'results');

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const t0 = performance.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-backup-bench-'));
  const log = (message: string): void => {
    process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
  };

  const backends = new Map<number, Promise<Backends>>();
  const bots = new Map<number, Promise<LoadedBot>>();
  const getBackends = (extraVms: number): Promise<Backends> => {
    let b = backends.get(extraVms);
    if (!b) {
      b = startBackends(workDir, { extraVms });
      backends.set(extraVms, b);
    }
    return b;
  };
  const release = async (): Promise<void> => {
    for (const b of bots.values()) await b.then((l) => l.bot.stop()).catch(() => undefined);
    for (const b of backends.values()) await b.then((x) => x.stop()).catch(() => undefined);
    bots.clear();
    backends.clear();
  };
  const ctx: PartContext = {
    workDir,
    quick: args.quick,
    backends: getBackends,
    loadedBot: (extraVms) => {
      let b = bots.get(extraVms);
      if (!b) {
        b = getBackends(extraVms).then((be) => startLoadedBot(workDir, be, extraVms, log));
        bots.set(extraVms, b);
      }
      return b;
    },
    ...(args.profile ? { profileDir: path.join(RESULTS_DIR, 'profiles') } : {}),
    log,
  };

  const rows: MetricRow[] = [];
  const findings: string[] = [];
  const lastSharing = [...args.parts].reverse().find((p) => SHARING.includes(p));
  try {
    for (const part of args.parts) {
      log(`${part}: start`);
      try {
        const run = await PARTS[part]();
        const result = await run(ctx);
        rows.push(...result.rows);
        findings.push(...result.findings);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`${part}: failed: ${message}`);
        rows.push({ part, metric: `${part} part`, value: null, unit: 'count', outcome: 'error', note: `${part} could not run: ${message}` });
      }
      if (part === lastSharing) await release();
    }
  } finally {
    await release();
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  const report: BenchReport = {
    machine: machineInfo(startedAt),
    command,
    parts: args.parts,
    durationSeconds: (performance.now() - t0) / 1000,
    rows,
    findings,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const markdown = toMarkdown(report);
  fs.writeFileSync(path.join(RESULTS_DIR, `${args.outName}.md`), markdown);
  fs.writeFileSync(path.join(RESULTS_DIR, `${args.outName}.json`), toJson(report));
  if (args.outName === 'latest') {
    // A full run joins the history; the README shows what changed since the run before it.
    const historyDir = path.join(RESULTS_DIR, HISTORY_DIR_NAME);
    fs.mkdirSync(historyDir, { recursive: true });
    const previousName = latestHistoryFile(fs.readdirSync(historyDir));
    const previous = previousName ? (JSON.parse(fs.readFileSync(path.join(historyDir, previousName), 'utf8')) as BenchReport) : undefined;
    fs.writeFileSync(path.join(historyDir, historyFileName(startedAt)), toJson(report));
    const readme = path.join(__dirname, '..', 'README.md');
    fs.writeFileSync(readme, replaceReadmeResults(fs.readFileSync(readme, 'utf8'), readmeResults(report, previous)));
  }
  process.stdout.write(`\n${markdown}\nWritten to ${path.relative(process.cwd(), path.join(RESULTS_DIR, args.outName))}.{md,json}; ${problemCount(rows)} row(s) did not pass.\n`);
  // The exit code says whether the benchmark could measure, not whether the product is fast enough.
  return rows.some((r) => r.outcome === 'error') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
