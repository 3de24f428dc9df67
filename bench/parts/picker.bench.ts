/**
 * Part 2: the VM picker's option loading. Slack sends block_suggestion on each keystroke into
 * the external select and waits 3 s; the bot must answer from its cached inventory, with no
 * Azure call per keystroke. Measured at 10,000 and 100,000 extra VMs in the emulator, over
 * signed HTTP, against the modal the bot itself opened for `/backup enable`.
 */
import path from 'node:path';
import { HttpClient, runClosedLoop, sleep, typeTogether } from '../lib/http-load';
import { measured, type MetricRow } from '../lib/report';
import { keystrokes } from '../lib/slack-payloads';
import { botEnvFor, logProblems, startBotProcess } from '../lib/stack';
import { summarize } from '../lib/stats';
import { keptInStore, keystroke, startLoadedBot, type Keystroke } from './loaded-bot';
import { firstExternalSelect, openModal } from './open-modal';
import { profileBot } from './profile-bot';
import type { PartContext, PartResult } from './part-context';

export const PICKER_SIZES = [10_000, 100_000] as const;
const P99_TARGET_MS = 200;
/** Share of the target from which the keystrokes are profiled and the profile reported. */
const PROFILE_FROM = 0.75;
/** People typing at once, and the p99 each crowd must stay under (issue 14). */
const CROWDS = [
  { typists: 5, p99TargetMs: 200 },
  { typists: 20, p99TargetMs: 500 },
] as const;
/** The size at which crowds and restarts are held to their targets. */
const LARGE = 100_000;
/** First options after a restart with the inventory kept in the store, counted from startBot(). */
const WARM_TARGET_S = 2;
/** First options after a cold start, counted from Azure's answer to the first page of VMs. */
const COLD_AFTER_FIRST_PAGE_TARGET_S = 3;
/** Times the queries are typed by one person (more samples for the p99). */
const SINGLE_PASSES = 2;
/**
 * A person's time between keystrokes in a crowd: 150 ms is about 80 words a minute, a fast
 * typist. The crowd figures are what each of them waits for their options at that pace; the
 * same people with no pause at all (each keystroke sent the moment the last is answered) measure
 * the bot's capacity instead, where every answer waits behind the other people's, and are kept as
 * information (bench/README.md).
 */
export const KEYSTROKE_GAP_MS = 150;
/** Whole queries each person of a crowd types, letter by letter. */
const QUERIES_PER_TYPIST = 2;
/** The load generator's CPU time over the crowd's wall time above which its own delays may be in the figures. */
const CLIENT_BUSY_WARN = 0.5;

/** What each of `typists` people types: whole queries letter by letter, each person starting at a different query. */
export function crowdSequences(queries: string[], typists: number, perTypist = QUERIES_PER_TYPIST): string[][] {
  return Array.from({ length: typists }, (_, k) => Array.from({ length: perTypist }, (_, j) => queries[(k * perTypist + j) % queries.length]).flatMap(keystrokes));
}

/**
 * What people type, each letter by letter: generated VM names spread over the inventory, a
 * seeded name, a resource group, a region with a word, a bare number. Every prefix matches
 * at least one VM, so every keystroke should get options.
 */
export function typedQueries(extraVms: number): string[] {
  const pad = (i: number): string => String(i).padStart(6, '0');
  const at = (f: number): number => Math.min(extraVms, Math.max(1, Math.floor(f * extraVms)));
  return [...[0, 0.13, 0.37, 0.5, 0.71, 0.93, 1].map((f) => `vm-scale-${pad(at(f))}`), 'web-01', 'rg-scale-13', 'westeurope scale', 'sql', pad(at(0.29))];
}

export async function runPicker(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const findings: string[] = [];
  for (const size of PICKER_SIZES) {
    const label = `${size.toLocaleString('en-US')} VMs`;
    ctx.log(`picker: ${label}`);
    const loaded = await ctx.loadedBot(size);
    const { bot, backends, picker } = loaded;
    rows.push(
      measured('picker', `${label}: first options after start (inventory load)`, loaded.loadSeconds, 's', undefined,
        `${label}: from /healthz ready until a keystroke ("vm-scale", the generated VMs Azure lists first) got options, typing one keystroke every 100 ms after the last answer; a cold start (empty store). Meanwhile ${loaded.emptyWhileLoading} keystroke(s) were answered with no options (the bot answers within 1.5 s while its first inventory load runs). ${loaded.loadCalls} Azure calls by then.`),
      ...(loaded.afterFirstPageSeconds !== undefined
        ? [measured('picker', `${label}: cold start, first options after Azure's first page of VMs`, loaded.afterFirstPageSeconds, 's', size === LARGE ? { op: '<=', limit: COLD_AFTER_FIRST_PAGE_TARGET_S, unit: 's' } : undefined,
            size === LARGE ? 'From the emulator answering the first VM listing page (its request log) until a keystroke got options, with the note "Loading the VM list: … of about …" while the load runs.' : undefined)]
        : []),
      measured('picker', `${label}: cold start, first load complete (options without the loading note)`, loaded.completeSeconds, 's'),
      measured('picker', `${label}: keystrokes refused while the inventory loads (Slack would show an error)`, loaded.refusedWhileLoading, 'count', { op: '==', limit: 0, unit: 'count' }),
    );
    // Sockets enough for each person to have a few keystrokes in flight (a slow answer does not stop a person typing).
    const client = new HttpClient(CROWDS[CROWDS.length - 1].typists * 4);
    try {
      const queries = typedQueries(size).flatMap(keystrokes);
      for (const q of queries.slice(0, 20)) await keystroke(client, bot, picker, q); // warm-up
      const problemsBefore = logProblems(bot.logFile).length;
      await backends.clearAzureRequests();
      const single: Keystroke[] = [];
      for (let pass = 0; pass < SINGLE_PASSES; pass++) {
        for (const q of queries) single.push(await keystroke(client, bot, picker, q));
      }
      const crowds: { typists: number; p99TargetMs: number; keystrokes: Keystroke[]; clientBusy: number }[] = [];
      for (const crowd of CROWDS) {
        // Each person types whole queries letter by letter, starting at a different one: a crowd types different prefixes at once.
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const keystrokes = await typeTogether(crowdSequences(typedQueries(size), crowd.typists), KEYSTROKE_GAP_MS, (q) => keystroke(client, bot, picker, q));
        const used = process.cpuUsage(cpu);
        crowds.push({ ...crowd, keystrokes, clientBusy: (used.user + used.system) / 1000 / (performance.now() - t0) });
      }
      // The same people with no pause between keystrokes: the bot's capacity, not what a person feels.
      const busiest = CROWDS[CROWDS.length - 1].typists;
      const backToBackStart = performance.now();
      const backToBack = await runClosedLoop(queries.length, busiest, (i) => keystroke(client, bot, picker, queries[(i * 7) % queries.length]));
      const backToBackSeconds = (performance.now() - backToBackStart) / 1000;
      const azureCalls = (await backends.azureRequests()).count;
      const all = [...single, ...crowds.flatMap((c) => c.keystrokes), ...backToBack];
      const s = summarize(single.map((k) => k.ms));
      const crowdStats = crowds.map((c) => ({ ...c, stats: summarize(c.keystrokes.map((k) => k.ms)) }));
      const backToBackStats = summarize(backToBack.map((k) => k.ms));
      const unanswered = all.filter((k) => !k.ok || k.options === 0).length;
      ctx.log(`picker: ${label}: one typist p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms; ${crowdStats.map((c) => `${c.typists} typists p99 ${c.stats.p99.toFixed(1)} ms`).join('; ')}; ${azureCalls} Azure calls`);

      rows.push(measured('picker', `${label}: keystroke → options p50, one person typing`, s.p50, 'ms'));
      rows.push(
        measured('picker', `${label}: keystroke → options p99, one person typing`, s.p99, 'ms', { op: '<', limit: P99_TARGET_MS, unit: 'ms' },
          size === PICKER_SIZES[0]
            ? `A keystroke is a signed block_suggestion for the VM picker of the modal the bot opened for /backup enable, timed to the last byte of the answer; the next is sent when it is answered. ${s.count} keystrokes: every prefix of ${typedQueries(size).length} queries, typed ${SINGLE_PASSES} times (VM names across the inventory, a resource group, a region and a word, a number).`
            : undefined),
      );
      for (const c of crowdStats) {
        rows.push(
          measured('picker', `${label}: keystroke → options p99, ${c.typists} people typing at once`, c.stats.p99, 'ms', size === LARGE ? { op: '<', limit: c.p99TargetMs, unit: 'ms' } : undefined,
            size === LARGE && c === crowdStats[0]
              ? `${c.typists} (then ${crowdStats.slice(1).map((x) => x.typists).join(', ')}) people typing at once, each ${QUERIES_PER_TYPIST} whole queries letter by letter, one keystroke every ${KEYSTROKE_GAP_MS} ms (about 80 words a minute) whether or not the last was answered, each person at a different query: ${c.stats.count} keystrokes. Searches are scanned in slices with other requests let through between them (docs/inventory.md).`
              : undefined),
        );
        if (c.clientBusy > CLIENT_BUSY_WARN) findings.push(`Picker at ${label}, ${c.typists} people typing: the load generator was busy ${(c.clientBusy * 100).toFixed(0)} % of the time (CPU over wall time), so its own delays may be in the figures.`);
      }
      rows.push(
        measured('picker', `${label}: keystroke → options p99, ${busiest} people with no pause between keystrokes (capacity)`, backToBackStats.p99, 'ms', undefined,
          size === LARGE ? `The same ${busiest} people each sending the next keystroke the moment the last is answered (${backToBackStats.count} keystrokes): every answer waits behind the others', so this is about ${busiest} times the bot's time per keystroke, not what a person typing feels; the rate below is what the bot answers at most.` : undefined),
        measured('picker', `${label}: keystrokes answered per second with no pause (capacity)`, backToBack.length / backToBackSeconds, 'count'),
        measured('picker', `${label}: load generator busy during the crowd of ${busiest} (CPU over wall time)`, crowdStats[crowdStats.length - 1].clientBusy * 100, '%'),
      );
      rows.push(measured('picker', `${label}: Azure calls per keystroke`, azureCalls / all.length, 'calls', { op: '==', limit: 0, unit: 'calls' }));
      rows.push(measured('picker', `${label}: keystrokes without options (error, or nothing found)`, unanswered, 'count', { op: '==', limit: 0, unit: 'count' }));
      const problems = logProblems(bot.logFile).slice(problemsBefore);
      if (problems.length > 0) findings.push(`Picker at ${label}: the bot logged ${problems.length} warning/error line(s) while typed into; first: ${problems[0].slice(0, 300)}`);
      // Profiled when it misses or comes close (p99 is a tail: a close pass may miss on the next run).
      if (s.p99 >= PROFILE_FROM * P99_TARGET_MS || ctx.profileDir !== undefined) {
        // The same keystrokes once more, sampled: what the lead needs to make it faster.
        const where = await profileBot(ctx, bot, `picker-${size}`, async () => {
          for (const q of queries) await keystroke(client, bot, picker, q);
        });
        const verdict = s.p99 >= P99_TARGET_MS ? 'misses its target' : s.p99 >= PROFILE_FROM * P99_TARGET_MS ? 'is close to its target' : 'meets its target';
        findings.push(`Picker at ${label} ${verdict} (p99 ${s.p99.toFixed(0)} ms; ${crowdStats.map((c) => `${c.typists} people typing: ${c.stats.p99.toFixed(0)} ms`).join(', ')}): ${where}.`);
      }
    } finally {
      client.close();
    }
  }
  rows.push(...(await measureWarmStart(ctx, LARGE)));
  return { rows, findings };
}

/**
 * A restart with the inventory kept in the store: a first bot loads `size` VMs from Azure and
 * keeps them; it stops; a second bot on the same data folder (store, channel binding) is typed
 * into at once. Its first answer with options must come from the store, without the loading note.
 */
async function measureWarmStart(ctx: PartContext, size: number): Promise<MetricRow[]> {
  const label = `${size.toLocaleString('en-US')} VMs`;
  ctx.log(`picker: ${label}: warm start`);
  const backends = await ctx.backends(size);
  const dataDir = path.join(ctx.workDir, `warm-${size}-${Date.now()}`);
  const first = await startLoadedBot(ctx.workDir, backends, size, ctx.log, dataDir);
  await first.bot.stop();

  const bot = await startBotProcess(ctx.workDir, botEnvFor(backends, dataDir));
  const client = new HttpClient(2);
  try {
    const readyAt = performance.now();
    const view = await openModal(client, bot, backends, 'enable');
    const select = firstExternalSelect(view);
    if (!select) throw new Error('the /backup enable modal has no external select');
    const picker = { view, ...select };
    let k = await keystroke(client, bot, picker, 'web');
    while (!(k.ok && k.options > 0)) {
      if (performance.now() - readyAt > 120_000) throw new Error(`the restarted bot's picker had no options after 120 s (bot log: ${bot.logFile})`);
      await sleep(100);
      k = await keystroke(client, bot, picker, 'web');
    }
    const readyToOptions = (performance.now() - readyAt) / 1000;
    const fromStartBot = bot.startupMs / 1000 + readyToOptions;
    const fromSpawn = bot.spawnToReadyMs / 1000 + readyToOptions;
    await keptInStore(bot.logFile, 180_000);
    const refreshed = (performance.now() - readyAt) / 1000;
    ctx.log(`picker: ${label}: warm start: options ${fromStartBot.toFixed(2)} s after startBot (${fromSpawn.toFixed(2)} s after spawn)${k.loading ? ', with the loading note' : ''}; refreshed from Azure and kept after ${refreshed.toFixed(1)} s`);
    return [
      measured('picker', `${label}: warm start, first options after start (inventory kept in the store)`, fromStartBot, 's', { op: '<=', limit: WARM_TARGET_S, unit: 's' },
        `A restart on the data folder of a bot that had loaded ${label} and kept them in its store (SQLite): from startBot() (the start-up row below, then /healthz) until a keystroke into the /backup enable picker got options${k.loading ? ' (still with the loading note: the store did not answer first)' : ', without the loading note'}. Counted from process spawn, which adds starting node and tsx: ${fromSpawn.toFixed(2)} s.`),
      measured('picker', `${label}: warm start, first options after process spawn`, fromSpawn, 's'),
      measured('picker', `${label}: warm start, refreshed from Azure and kept again`, refreshed, 's'),
    ];
  } finally {
    client.close();
    await bot.stop();
  }
}
