/**
 * Part 5: the bot's resident set idle (the demo inventory) and with 100,000 VMs in its
 * inventory, each measured after a full GC right after the first inventory load; and start-up
 * time, startBot() until /healthz answers 200, for the two ways the bot runs; and the built bot
 * (dist/) against `npm start` (tsx): start-up and idle memory.
 */
import path from 'node:path';
import { measured, type MetricRow } from '../lib/report';
import { embeddedBotEnv, startBotProcess } from '../lib/stack';
import { measureBuiltStart } from './built-start';
import type { PartContext, PartResult } from './part-context';

export const LARGE_INVENTORY = 100_000;

export async function runMemory(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const idle = await ctx.loadedBot(0);
  const large = await ctx.loadedBot(LARGE_INVENTORY);
  const a = idle.memoryAfterLoad;
  const b = large.memoryAfterLoad;
  const vms = LARGE_INVENTORY.toLocaleString('en-US');
  rows.push(
    measured('memory', 'RSS idle (demo inventory, 35 VMs)', a.rssMB, 'MB', undefined,
      `Resident set of the bot process (Azure and Slack in other processes) after ${a.gc ? 'a full GC' : 'start'}, right after its first inventory load and before any load test; heap used ${a.heapUsedMB.toFixed(0)} MB idle, ${b.heapUsedMB.toFixed(0)} MB with ${vms} VMs.`),
  );
  // Issue 14: a compact inventory (docs/inventory.md), measured once the first load is complete and kept in the store.
  rows.push(measured('memory', `RSS with ${vms} VMs in the inventory`, b.rssMB, 'MB', { op: '<=', limit: 300, unit: 'MB' }));
  rows.push(measured('memory', `RSS growth per 1,000 VMs`, (b.rssMB - a.rssMB) / (LARGE_INVENTORY / 1000), 'MB', { op: '<=', limit: 1.5, unit: 'MB' }));
  rows.push(measured('memory', `heap used with ${vms} VMs / idle`, b.heapUsedMB / a.heapUsedMB, 'x'));

  rows.push(
    measured('memory', 'start-up: startBot → /healthz 200 (Azure mode)', idle.bot.startupMs, 'ms', undefined,
      'Azure mode: the bot configured with AZURE_SUBSCRIPTION_IDS against the emulator in another process, as it runs against Azure. Inside the process, from calling startBot() until /healthz answered 200; the inventory loads after that, in the background.'),
  );
  rows.push(measured('memory', 'start-up: process spawn → ready (Azure mode)', idle.bot.spawnToReadyMs, 'ms', undefined, 'From fork() until the process reported /healthz 200: adds starting node, tsx and loading the modules.'));

  // `npm start` on a fresh machine: the embedded emulator starts inside startBot.
  const slack = await ctx.backends(0);
  const embedded = await startBotProcess(ctx.workDir, embeddedBotEnv(path.join(ctx.workDir, 'embedded-data'), slack.slackApiUrl));
  try {
    rows.push(measured('memory', 'start-up: startBot → /healthz 200 (embedded emulator, `npm start` defaults)', embedded.startupMs, 'ms'));
    rows.push(measured('memory', 'start-up: process spawn → ready (embedded emulator)', embedded.spawnToReadyMs, 'ms'));
    ctx.log(`memory: idle ${a.rssMB.toFixed(0)} MB, ${vms} VMs ${b.rssMB.toFixed(0)} MB; start-up ${idle.bot.startupMs.toFixed(0)} ms (Azure), ${embedded.startupMs.toFixed(0)} ms (embedded)`);
  } finally {
    await embedded.stop();
  }
  rows.push(...(await measureBuiltStart(ctx.workDir, (line) => ctx.log(line))));
  return { rows, findings: [] };
}
