/**
 * Part 6: enabling backup as Azure sees it. The bot's BackupService (production settings: 2 s
 * between polls, ten VMs at once) enables one VM of a new vault, then ten VMs of another new
 * vault, against the emulator in its own process; the emulator records every request. The
 * calls are compared with the request sequence of `az backup protection enable-for-vm` for the
 * same work (bench/docs/enable-protection-calls.md), counted with the polls the emulator asked
 * of the bot. Wall time is mostly Azure's (the polls), so ten VMs against one says whether they
 * are enabled in parallel; pairs alternate which goes first, and the medians are compared.
 */
import fs from 'node:fs';
import { createAzureBackupService, staticTokenCredential } from '../../src/backup/azure';
import type { BackupService } from '../../src/backup/backup.port';
import { VAULT_RESOURCE_GROUP } from '../../emulator/seed/seed-ids';
import { azCliEnableCalls } from '../lib/az-cli-enable';
import { measured, type MetricRow } from '../lib/report';
import { percentile } from '../lib/stats';
import { startBackends, type AzureRequestLine, type Backends } from '../lib/stack';
import type { PartContext, PartResult } from './part-context';

export const BATCH = 10;
/** Pairs (one VM, then ten; the next pair the other way round), each in new vaults; --quick: one. */
const PAIRS = 3;
/** Generated VMs: a sixth of them are in the production subscription in West Europe. */
const EXTRA_VMS = 300;
const TIME_RATIO_TARGET = 2;

interface EnableRun {
  ms: number;
  requests: AzureRequestLine[];
  enabled: number;
}

async function timedEnable(service: BackupService, backends: Backends, vaultId: string, vmIds: string[]): Promise<EnableRun> {
  await backends.clearAzureRequests();
  const t = performance.now();
  const outcomes = await service.enableProtection(vaultId, 'DefaultPolicy', vmIds);
  const ms = performance.now() - t;
  return { ms, requests: await backends.azureRequestList(), enabled: outcomes.filter((o) => o.ok).length };
}

export async function runEnable(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const findings: string[] = [];
  const backends = await startBackends(ctx.workDir, { extraVms: EXTRA_VMS });
  try {
    const service = createAzureBackupService({
      subscriptionIds: backends.subscriptionIds,
      credential: staticTokenCredential(),
      resourceManagerEndpoint: backends.endpoint,
      ca: fs.readFileSync(backends.caFile, 'utf8'),
    });
    const production = backends.subscriptionIds[0];
    const median = (xs: number[]): number => percentile(xs, 50);
    const vms = (await service.listVirtualMachines())
      .filter((vm) => vm.subscriptionId === production && vm.location === 'westeurope' && vm.name.startsWith('vm-scale-') && vm.agent === 'Ready')
      .sort((a, b) => a.name.localeCompare(b.name));
    const pairs = ctx.quick ? 1 : PAIRS;
    if (vms.length < pairs * (BATCH + 1)) throw new Error(`the emulator has ${vms.length} VMs to enable in westeurope, ${pairs * (BATCH + 1)} needed`);
    // New vaults: no discovery has run in them, as for a vault created today.
    const vault = (name: string) => service.createVault({ subscriptionId: production, resourceGroup: VAULT_RESOURCE_GROUP, name, location: 'westeurope' });
    const ones: EnableRun[] = [];
    const batches: EnableRun[] = [];
    for (let p = 0; p < pairs; p++) {
      const oneVault = await vault(`rsv-bench-one-${p}`);
      const batchVault = await vault(`rsv-bench-ten-${p}`);
      const mine = vms.slice(p * (BATCH + 1), (p + 1) * (BATCH + 1));
      const runOne = async () => ones.push(await timedEnable(service, backends, oneVault.id, [mine[0].id]));
      const runBatch = async () => batches.push(await timedEnable(service, backends, batchVault.id, mine.slice(1).map((v) => v.id)));
      ctx.log(`enable: pair ${p + 1} of ${pairs}`);
      if (p % 2 === 0) {
        await runOne();
        await runBatch();
      } else {
        await runBatch();
        await runOne();
      }
    }
    // Calls: the largest of the pairs (they should not differ); time: the medians.
    const one = { ...ones.reduce((a, b) => (b.requests.length > a.requests.length ? b : a)), ms: median(ones.map((r) => r.ms)) };
    const batch = { ...batches.reduce((a, b) => (b.requests.length > a.requests.length ? b : a)), ms: median(batches.map((r) => r.ms)) };
    const enabled = [...ones, ...batches].reduce((n, r) => n + r.enabled, 0);

    // The CLI would see the same emulator: as many polls per operation as the bot was asked for.
    const polls = one.requests.filter((r) => r.method === 'GET' && /\/protectedItems\/[^/]+\/operationsStatus\//i.test(r.path)).length;
    const pages = one.requests.filter((r) => r.method === 'GET' && /\/backupProtectableItems$/i.test(r.path)).length / 2 || 1;
    const cliOne = azCliEnableCalls({ vms: 1, discovered: false, pollsPerOperation: polls, protectablePages: pages });
    const cliBatch = azCliEnableCalls({ vms: BATCH, discovered: false, pollsPerOperation: polls, protectablePages: pages });
    const throttled = [...ones, ...batches].reduce((n, r) => n + r.requests.filter((x) => x.status === 429).length, 0);

    rows.push(
      measured('enable', '1 VM of a new vault: Azure calls', one.requests.length, 'calls', { op: '<=', limit: cliOne, unit: 'calls' },
        `The bot's calls as the emulator recorded them, against \`az backup protection enable-for-vm\` for the same work, counted from its source (bench/docs/enable-protection-calls.md) with the ${polls} poll(s) per operation the emulator asked of the bot.`),
      measured('enable', '1 VM: Azure calls of `az backup protection enable-for-vm`', cliOne, 'calls'),
      measured('enable', `${BATCH} VMs of a new vault: Azure calls per VM`, batch.requests.length / BATCH, 'calls', { op: '<=', limit: cliBatch / BATCH, unit: 'calls' },
        `${batch.requests.length} calls for ${BATCH} VMs; the CLI enables one VM per command, ${cliBatch} calls for ${BATCH} (the first one discovers them all).`),
      measured('enable', `${BATCH} VMs: Azure calls per VM of the CLI`, cliBatch / BATCH, 'calls'),
      measured('enable', '1 VM: wall time', one.ms / 1000, 's', undefined, `Median of ${pairs} pair(s) of new vaults, alternating which goes first: one VM ${ones.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s; ${BATCH} VMs ${batches.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s.`),
      measured('enable', `${BATCH} VMs: wall time`, batch.ms / 1000, 's'),
      measured('enable', `${BATCH} VMs / 1 VM wall time`, batch.ms / one.ms, 'x', { op: '<=', limit: TIME_RATIO_TARGET, unit: 'x' },
        'Both with the production poll interval (2 s) against an emulator that answers each operation "in progress" at most once; the time is mostly waiting on Azure, so a ratio near 1 means the VMs were enabled side by side.'),
      measured('enable', 'VMs not enabled', pairs * (1 + BATCH) - enabled, 'count', { op: '==', limit: 0, unit: 'count' }),
      measured('enable', '429 answers (retried after Retry-After)', throttled, 'count'),
    );
    ctx.log(`enable: 1 VM ${one.requests.length} calls in ${(one.ms / 1000).toFixed(2)} s (CLI ${cliOne}); ${BATCH} VMs ${batch.requests.length} calls in ${(batch.ms / 1000).toFixed(2)} s (CLI ${cliBatch})`);
    if (one.requests.length > cliOne || batch.requests.length > cliBatch) {
      const kinds = new Map<string, number>();
      for (const r of one.requests) {
        const key = `${r.method} ${r.path.replace(/.*\/providers\//, '').replace(/[0-9a-f-]{36}/gi, '{id}')}`;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
      }
      findings.push(`Enable makes more Azure calls than the CLI; one VM sent: ${[...kinds].map(([k, n]) => `${n}× ${k}`).join('; ')}.`);
    }
  } finally {
    await backends.stop();
  }
  return { rows, findings };
}
