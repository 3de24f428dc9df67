/**
 * Part 4: notification throughput. 1,000 backup jobs end in 50 vaults; each of 50 channels is
 * subscribed to one vault, so one job sweep writes 1,000 notifications, 20 per channel. The
 * scheduler's outbox dispatcher (default tuning) then sends them through the Slack notifier to a
 * fake Slack that accepts one chat.postMessage per second per channel and answers 429 with
 * Retry-After otherwise. Measured: the time until every notification was posted, against the
 * floor the limit sets (the busiest channel's count, in seconds); and, by the notification key
 * each message carries in its metadata, how many never arrived and how many arrived twice.
 */
import fs from 'node:fs';
import { ArmClient } from '../lib/arm-client';
import { BENCH_USER_ID } from '../lib/bench-identity';
import { sleep } from '../lib/http-load';
import { keyDigest } from '../../src/notifications';
import { listOutbox } from '../../src/store/repositories/outbox.repository';
import { measured, type MetricRow } from '../lib/report';
import { countDeliveries, judgeOutbox, type OutboxRecord } from '../lib/deliveries';
import { startBackends } from '../lib/stack';
import type { PartContext, PartResult } from './part-context';
import { startSchedulerHarness } from './scheduler-harness';
import { runBackups, seedProtectedEstate } from './sweep-seed';
import { quietMorning } from './sweep.bench';

export const NOTIFICATIONS = 1_000;
export const CHANNELS = 50;
const RATE_LIMIT_MS = 1_000;
const TARGET_RATIO = 1.1;
/** Stop waiting after this many times the floor, and say so. */
const CAP_FACTOR = 3;
const BACKUP_JOB_MS = 90_000;

export async function runNotify(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const findings: string[] = [];
  // 1,200 VMs: every vault gets at least the 20 items that back up once each.
  const backends = await startBackends(ctx.workDir, { extraVms: 1_200, manualClockStart: quietMorning(new Date()), rateLimitMs: RATE_LIMIT_MS });
  const arm = new ArmClient(backends.endpoint, fs.readFileSync(backends.caFile, 'utf8'));
  let harness: Awaited<ReturnType<typeof startSchedulerHarness>> | undefined;
  const abort = new AbortController();
  let dispatching: Promise<void> | undefined;
  try {
    const vaults = await seedProtectedEstate(arm, backends.subscriptionIds, CHANNELS);
    harness = await startSchedulerHarness(ctx.workDir, backends, 'notify');
    const azureNow = await backends.azureNow();
    harness.setAzureNow(azureNow);
    const channelOf = new Map<string, string>();
    for (const [i, vault] of vaults.entries()) {
      const channel = `C0N${String(i + 1).padStart(4, '0')}`;
      channelOf.set(vault.id, channel);
      await harness.subscriptions.subscribe({
        channel: { platform: 'slack', conversationId: channel },
        scope: { kind: 'vault', vaultId: vault.id },
        scopeName: vault.name,
        events: { pendingDigest: false, jobs: 'all' },
        createdBy: BENCH_USER_ID,
        at: azureNow,
      });
    }
    const perVault = await runBackups(arm, vaults, NOTIFICATIONS, azureNow, BACKUP_JOB_MS);
    const triggered = perVault.reduce((a, b) => a + b, 0);
    harness.setAzureNow(await backends.azureNow());
    const sweep = await harness.scheduler.runTask('job-sweep', new Date());
    if (!sweep.ran) throw new Error(`the job sweep did not run: ${sweep.reason}`);
    const written = sweep.result?.notifications ?? 0;
    if (written === 0) throw new Error(`the job sweep wrote no notifications for ${triggered} ended jobs${sweep.error ? `: ${sweep.error}` : ''}`);

    const channels = new Set(channelOf.values());
    await backends.slackReset();
    ctx.log(`notify: ${written} notifications for ${channels.size} channels; dispatching at one message per second per channel`);
    const t0 = performance.now();
    dispatching = harness.scheduler.dispatcher.run(abort.signal);
    // The floor: the busiest channel's count, in seconds.
    const floorS = (Math.max(...perVault) * RATE_LIMIT_MS) / 1000;
    const capMs = floorS * 1000 * CAP_FACTOR;
    let count = countDeliveries([], channels);
    let doneMs: number | undefined;
    while (performance.now() - t0 < capMs) {
      await sleep(100);
      count = countDeliveries(await backends.messages(), channels);
      if (count.delivered >= written) {
        doneMs = performance.now() - t0;
        break;
      }
    }
    const elapsedMs = doneMs ?? performance.now() - t0;
    abort.abort();
    await dispatching;
    dispatching = undefined;
    // Anything that arrived while the dispatcher stopped counts too.
    count = countDeliveries(await backends.messages(), channels);
    const stats = await backends.slackStats();
    const records: OutboxRecord[] = (await listOutbox(harness.store.db)).map((e) => ({ channel: e.conversationId, digest: keyDigest(e.key), status: e.status }));
    const { lost, queued } = judgeOutbox(
      records.filter((r) => channels.has(r.channel)),
      count.keys,
    );
    const busiest = Math.max(...count.perChannel.values(), 0);
    ctx.log(`notify: ${count.delivered}/${written} delivered in ${(elapsedMs / 1000).toFixed(1)} s (floor ${floorS} s), ${count.doubled} doubled, ${stats.rateLimited} answered 429`);

    const note = `${written} notifications (job endings written by one job sweep) to ${channels.size} channels, at most ${Math.max(...perVault)} per channel; fake Slack allows one chat.postMessage per channel per ${RATE_LIMIT_MS} ms (429 + Retry-After otherwise). Timed from starting the scheduler's dispatcher (default tuning) until every key had arrived${doneMs === undefined ? `; stopped at ${CAP_FACTOR}x the floor` : ''}.`;
    if (doneMs !== undefined) {
      rows.push(measured('notify', 'time to deliver all', doneMs / 1000, 's', undefined, note));
      rows.push(measured('notify', 'floor set by the rate limit (busiest channel)', floorS, 's'));
      rows.push(measured('notify', 'time / floor', doneMs / 1000 / floorS, 'x', { op: '<=', limit: TARGET_RATIO, unit: 'x' }));
    } else {
      rows.push({ ...measured('notify', `time to deliver all: not done after ${(capMs / 1000).toFixed(0)} s`, count.delivered, 'count', undefined, note), metric: `delivered within ${(capMs / 1000).toFixed(0)} s (${CAP_FACTOR}x the floor), of ${written}` });
      rows.push(measured('notify', 'floor set by the rate limit (busiest channel)', floorS, 's'));
      rows.push({ part: 'notify', metric: 'time / floor', value: null, unit: 'x', target: { op: '<=', limit: TARGET_RATIO, unit: 'x' }, outcome: 'fail', note: `Not finished within ${CAP_FACTOR}x the floor.` });
      const rate = count.delivered / (elapsedMs / 1000);
      findings.push(
        `Notify: ${count.delivered} of ${written} notifications delivered in ${(elapsedMs / 1000).toFixed(0)} s (${rate.toFixed(1)}/s, where the limit allows ${channels.size}/s); at that rate all would take about ${(written / rate).toFixed(0)} s, ${(written / rate / floorS).toFixed(1)}x the ${floorS} s floor.`,
      );
    }
    rows.push(measured('notify', 'throughput / what the rate limit allows', count.delivered / (elapsedMs / 1000) / (channels.size * (1000 / RATE_LIMIT_MS)), 'x'));
    rows.push(
      measured('notify', 'notifications lost (given up, or marked sent but never posted)', lost, 'count', { op: '==', limit: 0, unit: 'count' },
        `Judged from the outbox against the keys that reached Slack${queued > 0 ? `; ${queued} were still queued when the dispatcher was stopped at the cap (not counted as lost)` : ''}.`),
    );
    rows.push(measured('notify', 'notifications posted twice', count.doubled, 'count', { op: '==', limit: 0, unit: 'count' }));
    rows.push(measured('notify', 'posts refused with 429', stats.rateLimited, 'count'));
    if (busiest > Math.max(...perVault)) findings.push(`Notify: a channel got ${busiest} messages, more than the ${Math.max(...perVault)} notifications meant for it.`);
  } finally {
    abort.abort();
    await dispatching?.catch(() => undefined);
    arm.close();
    await harness?.close();
    await backends.stop();
  }
  return { rows, findings };
}
