/**
 * Part 2: the VM picker's option loading. Slack sends block_suggestion on each keystroke into
 * the external select and waits 3 s; the bot must answer from its cached inventory, with no
 * Azure call per keystroke. Measured at 10,000 and 100,000 extra VMs in the emulator, over
 * signed HTTP, against the modal the bot itself opened for `/backup enable`.
 */
import { HttpClient, runClosedLoop } from '../lib/http-load';
import { measured, type MetricRow } from '../lib/report';
import { keystrokes } from '../lib/slack-payloads';
import { logProblems } from '../lib/stack';
import { summarize } from '../lib/stats';
import { keystroke, type Keystroke } from './loaded-bot';
import { profileBot } from './profile-bot';
import type { PartContext, PartResult } from './part-context';

export const PICKER_SIZES = [10_000, 100_000] as const;
const P99_TARGET_MS = 200;
/** Share of the target from which the keystrokes are profiled and the profile reported. */
const PROFILE_FROM = 0.75;
/** People typing at once in the second measurement (informational). */
const CONCURRENT_TYPISTS = 5;
/** Times the queries are typed by one person (more samples for the p99). */
const SINGLE_PASSES = 2;

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
        `${label}: from /healthz ready until a keystroke got options, typing one keystroke every 100 ms after the last answer. Meanwhile ${loaded.emptyWhileLoading} keystroke(s) were answered with no options (the bot answers within 1.5 s while its first inventory load runs). ${loaded.loadCalls} Azure calls by then.`),
      measured('picker', `${label}: keystrokes refused while the inventory loads (Slack would show an error)`, loaded.refusedWhileLoading, 'count', { op: '==', limit: 0, unit: 'count' }),
    );
    const client = new HttpClient(CONCURRENT_TYPISTS + 1);
    try {
      const queries = typedQueries(size).flatMap(keystrokes);
      for (const q of queries.slice(0, 20)) await keystroke(client, bot, picker, q); // warm-up
      const problemsBefore = logProblems(bot.logFile).length;
      await backends.clearAzureRequests();
      const single: Keystroke[] = [];
      for (let pass = 0; pass < SINGLE_PASSES; pass++) {
        for (const q of queries) single.push(await keystroke(client, bot, picker, q));
      }
      const concurrent = await runClosedLoop(queries.length, CONCURRENT_TYPISTS, (i) => keystroke(client, bot, picker, queries[(i * 7) % queries.length]));
      const azureCalls = (await backends.azureRequests()).count;
      const all = [...single, ...concurrent];
      const s = summarize(single.map((k) => k.ms));
      const c = summarize(concurrent.map((k) => k.ms));
      const unanswered = all.filter((k) => !k.ok || k.options === 0).length;
      ctx.log(`picker: ${label}: one typist p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms; ${CONCURRENT_TYPISTS} typists p99 ${c.p99.toFixed(1)} ms; ${azureCalls} Azure calls`);

      rows.push(measured('picker', `${label}: keystroke → options p50, one person typing`, s.p50, 'ms'));
      rows.push(
        measured('picker', `${label}: keystroke → options p99, one person typing`, s.p99, 'ms', { op: '<', limit: P99_TARGET_MS, unit: 'ms' },
          size === PICKER_SIZES[0]
            ? `A keystroke is a signed block_suggestion for the VM picker of the modal the bot opened for /backup enable, timed to the last byte of the answer; the next is sent when it is answered. ${s.count} keystrokes: every prefix of ${typedQueries(size).length} queries, typed ${SINGLE_PASSES} times (VM names across the inventory, a resource group, a region and a word, a number).`
            : undefined),
      );
      rows.push(measured('picker', `${label}: keystroke → options p99, ${CONCURRENT_TYPISTS} people typing at once`, c.p99, 'ms'));
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
        findings.push(`Picker at ${label} ${verdict} (p99 ${s.p99.toFixed(0)} ms, ${CONCURRENT_TYPISTS} people typing: ${c.p99.toFixed(0)} ms): ${where}.`);
      }
    } finally {
      client.close();
    }
  }
  return { rows, findings };
}
