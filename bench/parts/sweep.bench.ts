/**
 * Part 3: one job sweep over 10,000 protected items in 50 vaults, 200 backup jobs having ended
 * since the previous sweep. Counts the Azure calls the sweep makes (the emulator records every
 * request) and times it. The estate is built through Resource Manager on an emulator whose clock
 * moves only when told, so nothing else happens meanwhile (no scheduled backups, no job moving).
 */
import fs from 'node:fs';
import { ArmClient, API_VERSIONS } from '../lib/arm-client';
import { BENCH_USER_ID } from '../lib/bench-identity';
import { measured, type MetricRow } from '../lib/report';
import { startBackends } from '../lib/stack';
import type { PartContext, PartResult } from './part-context';
import { startSchedulerHarness } from './scheduler-harness';
import { runBackups, seedProtectedEstate } from './sweep-seed';

export const SWEEP_ITEMS = 10_000;
export const SWEEP_VAULTS = 50;
export const SWEEP_JOBS = 200;
/** "A handful per vault, not per item." */
const CALLS_PER_VAULT_TARGET = 5;
const BACKUP_JOB_MS = 90_000;

/** 08:00 UTC today: far from DefaultPolicy's 19:00 UTC run, so no scheduled backup fires during the part. */
export function quietMorning(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8));
}

export async function runSweep(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const findings: string[] = [];
  ctx.log(`sweep: building ${SWEEP_ITEMS.toLocaleString('en-US')} protected items in ${SWEEP_VAULTS} vaults`);
  const backends = await startBackends(ctx.workDir, { extraVms: SWEEP_ITEMS, manualClockStart: quietMorning(new Date()) });
  const arm = new ArmClient(backends.endpoint, fs.readFileSync(backends.caFile, 'utf8'));
  let harness: Awaited<ReturnType<typeof startSchedulerHarness>> | undefined;
  try {
    const vaults = await seedProtectedEstate(arm, backends.subscriptionIds, SWEEP_VAULTS);
    const items = vaults.reduce((n, v) => n + v.items.length, 0);
    const allVaults = (
      await Promise.all(backends.subscriptionIds.map((s) => arm.listAll(`/subscriptions/${s}/providers/Microsoft.RecoveryServices/vaults?api-version=${API_VERSIONS.vaults}`)))
    ).flat().length;

    harness = await startSchedulerHarness(ctx.workDir, backends, 'sweep');
    const azureNow = await backends.azureNow();
    harness.setAzureNow(azureNow);
    // One channel hears of every job's end in both subscriptions (the widest scope: the sweep also reads protected items to match scopes).
    for (const subscriptionId of backends.subscriptionIds) {
      await harness.subscriptions.subscribe({
        channel: { platform: 'slack', conversationId: 'C0SWEEP' },
        scope: { kind: 'subscription', subscriptionId },
        scopeName: subscriptionId,
        events: { pendingDigest: false, jobs: 'all' },
        createdBy: BENCH_USER_ID,
        at: azureNow,
      });
    }
    const firstSlot = new Date();
    await backends.clearAzureRequests();
    let t = performance.now();
    const first = await harness.scheduler.runTask('job-sweep', firstSlot);
    const firstMs = performance.now() - t;
    const firstCalls = (await backends.azureRequests()).count;
    if (!first.ran) throw new Error(`the first job sweep did not run: ${first.reason}`);

    const triggered = (await runBackups(arm, vaults, SWEEP_JOBS, azureNow, BACKUP_JOB_MS)).reduce((a, b) => a + b, 0);
    harness.setAzureNow(await backends.azureNow());
    await backends.clearAzureRequests();
    t = performance.now();
    const second = await harness.scheduler.runTask('job-sweep', new Date(firstSlot.getTime() + 20_000));
    const sweepMs = performance.now() - t;
    const log = await backends.azureRequests();
    if (!second.ran) throw new Error(`the measured job sweep did not run: ${second.reason}`);
    const written = second.result?.notifications ?? 0;
    ctx.log(`sweep: ${log.count} Azure calls for ${allVaults} vaults, ${items} items, ${triggered} ended jobs; ${sweepMs.toFixed(0)} ms; ${written} notifications`);

    rows.push(
      measured('sweep', `Azure calls of one sweep (${items.toLocaleString('en-US')} items, ${allVaults} vaults, ${triggered} jobs ended)`, log.count, 'calls', undefined,
        `The estate: ${SWEEP_VAULTS} vaults made for the part plus the ${allVaults - SWEEP_VAULTS} demo vaults, every one of ${items.toLocaleString('en-US')} generated VMs protected; one channel subscribed to both subscriptions (all job endings). A first sweep ran before the ${triggered} on-demand backups (${firstCalls} Azure calls, ${firstMs.toFixed(0)} ms: vault list and 7-day look-back); the row counts the second sweep's requests as the emulator recorded them.`),
    );
    rows.push(measured('sweep', 'Azure calls per vault', log.count / allVaults, 'calls', { op: '<=', limit: CALLS_PER_VAULT_TARGET, unit: 'calls' }));
    rows.push(measured('sweep', 'Azure calls per protected item', log.count / items, 'calls'));
    rows.push(measured('sweep', 'sweep wall time', sweepMs, 'ms'));
    rows.push(measured('sweep', 'job endings written to the outbox / jobs ended', written / triggered, 'x', { op: '==', limit: 1, unit: 'x' }));
    if (second.error) findings.push(`Sweep: the measured sweep reported problems: ${second.error.slice(0, 300)}`);
    if (log.count / allVaults > CALLS_PER_VAULT_TARGET) findings.push(`Sweep: ${log.count} Azure calls for ${allVaults} vaults; the first requests: ${log.sample.slice(0, 8).join('; ')}`);
  } finally {
    arm.close();
    await harness?.close();
    await backends.stop();
  }
  return { rows, findings };
}
