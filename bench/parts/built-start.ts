/**
 * The built bot (`npm run build`, then `node dist/src/main.js`, as the container image runs it)
 * next to `npm start` (`node --import tsx src/main.ts`): process spawn until /healthz answers 200,
 * and the resident set once idle. Both start on the `npm start` defaults (embedded emulator,
 * SQLite), the same way, alternately, three times each; the median is reported. A third start is
 * production's: the built bot with the container image's settings (PLAYGROUND=false) against
 * Azure (the emulator in another process, as AZURE_SUBSCRIPTION_IDS makes it) with Slack on (the
 * fake): what a replica carries idle, judged against issue 14's 120 MB.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { measured, type MetricRow } from '../lib/report';
import { botEnvFor, startBackends, type Backends } from '../lib/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = 3;
/** After /healthz: the first inventory load and the first sweep have run, nothing else is asked of the bot. */
const SETTLE_MS = 3_000;
/** Issue 14, item 1: idle resident set of the built bot as production starts it. */
const PRODUCTION_IDLE_TARGET_MB = 120;

interface StartSample {
  spawnToHealthyMs: number;
  rssMB: number;
}

type Variant = 'built' | 'tsx' | 'production';

const COMMANDS: Record<Variant, string[]> = {
  built: [path.join(ROOT, 'dist', 'src', 'main.js')],
  tsx: ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')],
  production: [path.join(ROOT, 'dist', 'src', 'main.js')],
};

function rssMB(pid: number): number {
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return kb / 1024;
}

async function healthy(url: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function startOnce(variant: Variant, workDir: string, run: number, backends?: Backends): Promise<StartSample> {
  const dataDir = path.join(workDir, `start-${variant}-${run}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const defaults = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, PORT: '0', DATA_DIR: dataDir };
  const env = variant === 'production' && backends ? { ...botEnvFor(backends, dataDir), ...defaults, PLAYGROUND: 'false' } : defaults;
  const started = performance.now();
  const child = spawn(process.execPath, COMMANDS[variant], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const look = (): void => {
        const match = /listening on (http:\/\/[^\s|"]+)/.exec(out);
        if (match) resolve(match[1]);
      };
      child.stdout.on('data', look);
      void exited.then(() => reject(new Error(`${variant} bot exited before listening: ${out.slice(-2000)}`)));
    });
    await healthy(url);
    const spawnToHealthyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { spawnToHealthyMs, rssMB: rssMB(child.pid as number) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureBuiltStart(workDir: string, log: (line: string) => void): Promise<MetricRow[]> {
  // What production runs is what this checkout compiles to now.
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const samples: Record<Variant, StartSample[]> = { built: [], tsx: [], production: [] };
  const backends = await startBackends(workDir, { extraVms: 0 });
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const order: Variant[] = run % 2 === 0 ? ['built', 'tsx', 'production'] : ['production', 'tsx', 'built'];
      for (const variant of order) samples[variant].push(await startOnce(variant, workDir, run, backends));
    }
  } finally {
    await backends.stop();
  }
  const startMs = (v: Variant): number => median(samples[v].map((s) => s.spawnToHealthyMs));
  const idleMB = (v: Variant): number => median(samples[v].map((s) => s.rssMB));
  log(`built start: ${startMs('built').toFixed(0)} ms, ${idleMB('built').toFixed(0)} MB; tsx start: ${startMs('tsx').toFixed(0)} ms, ${idleMB('tsx').toFixed(0)} MB; production settings: ${idleMB('production').toFixed(0)} MB`);
  const note = `Process spawn until /healthz answered 200, on the npm start defaults (embedded emulator, SQLite); median of ${RUNS}, alternating.`;
  return [
    measured('memory', 'start-up: spawn → /healthz 200, built (node dist/src/main.js)', startMs('built'), 'ms', undefined, note),
    measured('memory', 'start-up: spawn → /healthz 200, tsx (npm start)', startMs('tsx'), 'ms'),
    measured('memory', 'RSS idle 3 s after start, built', idleMB('built'), 'MB', undefined, 'Resident set (ps) without a forced GC, the same for both.'),
    measured('memory', 'RSS idle 3 s after start, tsx (npm start)', idleMB('tsx'), 'MB'),
    measured('memory', 'RSS idle 3 s after start, built, production settings', idleMB('production'), 'MB', { op: '<=', limit: PRODUCTION_IDLE_TARGET_MB, unit: 'MB' },
      'node dist/src/main.js with the image\'s PLAYGROUND=false, against Azure (AZURE_SUBSCRIPTION_IDS; the emulator in another process) and with Slack on (the fake): no emulator, no Bot Framework SDK, no playground in the process (a platform\'s SDK, the emulator and the database driver not in use are never loaded). Teams on adds the Bot Framework SDK (about 25 MB); DefaultAzureCredential (AZURE_CREDENTIAL=default, not used here) adds @azure/identity (about 3 MB).'),
  ];
}
