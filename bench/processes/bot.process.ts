/**
 * Child process: the bot exactly as `npm start` composes it (loadConfig(process.env), then
 * startBot). Reports how long startBot took until /healthz answered 200, and answers memory
 * questions about itself (after a full GC when node runs with --expose-gc).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../../src/config';
import { startBot } from '../../src/server';
import { serveParent } from '../lib/child-process';

async function waitForHealth(url: string): Promise<void> {
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function memory(): { rssMB: number; heapUsedMB: number; externalMB: number; gc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  const mb = (n: number): number => n / (1024 * 1024);
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers), gc: gc !== undefined };
}

/** CPU profiling of a chosen stretch (what node --cpu-prof does for the whole process). */
function profiler(): { start(): Promise<boolean>; stop(args: Record<string, unknown>): Promise<string> } {
  let session: Session | undefined;
  return {
    async start() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
      return true;
    },
    async stop(args) {
      if (!session) throw new Error('the profiler was not started');
      const file = args.file;
      if (typeof file !== 'string') throw new Error('profileStop needs a file');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const t0 = performance.now();
  const bot = await startBot(config);
  await waitForHealth(bot.url);
  const startupMs = performance.now() - t0;
  const cpu = profiler();
  serveParent({ url: bot.url, startupMs }, { memory, profileStart: () => cpu.start(), profileStop: (args) => cpu.stop(args) }, () => bot.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`bot failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
