/**
 * Part 1: acknowledgement latency over HTTP, the bot against a bare Bolt app that only acks.
 * A burst is 50 signed requests sent at once (50 people acting at the same moment); each is
 * timed to the last byte of its HTTP answer (the ack Slack waits 3 s for). After a burst of
 * the bot's, the runner waits until the bot has done the work behind every ack (the modal
 * opened, the message updated), so each burst starts on a quiet bot and the count of work done
 * is checked. Many short rounds alternate which of the two goes first; each round's p99 ratio
 * ours / bare compares the two under the same load of the machine, and the median and the worst
 * round are what is judged (one pooled ratio over the whole run swings with whatever else the
 * machine did). Then requests go one at a time, to tell the ack path's own cost from the
 * contention of work behind other acks.
 */
import { BENCH_CHANNEL_ID } from '../lib/bench-identity';
import { HttpClient, sleep } from '../lib/http-load';
import { measured, type MetricRow } from '../lib/report';
import { buttonClickPayload, messageButtons, slashCommandFields, type ChannelMessage } from '../lib/slack-payloads';
import { newTriggerId, prepareCommand, prepareInteraction, send, type PreparedRequest } from '../lib/slack-sender';
import { followUps, logProblems, startBareBolt, type Backends } from '../lib/stack';
import { ratio, roundRatios, summarize, type RoundSamples } from '../lib/stats';
import type { PartContext, PartResult } from './part-context';
import { profileBot } from './profile-bot';

export const BURST = 50;
const WARMUP_BURSTS = 3;
/** Rounds of the full run (--quick: QUICK_ROUNDS); even, so each app goes first in half of them. */
const ROUNDS = 24;
const QUICK_ROUNDS = 4;
/** Bursts per app and kind in a round: 100 samples, so a round's p99 is its second-slowest answer, not one outlier. */
const BURSTS_PER_ROUND = 2;
/** Pause between bursts, the same for both apps. */
const GAP_MS = 30;
/** Requests per app and kind in the one-at-a-time measurement. */
const SINGLE_REQUESTS = 40;
const DRAIN_TIMEOUT_MS = 30_000;
/** Median over rounds of the per-round p99 ratio ours / bare, and the worst round. */
const MEDIAN_RATIO_TARGET = 1.3;
const WORST_RATIO_TARGET = 2;
/** p99 over every round, on this 2-core machine: a tenth of Slack's 3 seconds. */
const ABSOLUTE_TARGET_MS = 300;

type Kind = 'command' | 'button';
type Json = Record<string, unknown>;

/**
 * Runs `/backup status web-01` and returns the answer the bot gave, with its buttons: the asker's
 * own (ephemeral, through the response_url) or a channel message.
 */
async function statusMessage(client: HttpClient, eventsUrl: string, backends: Backends): Promise<ChannelMessage> {
  await backends.slackReset(); // only what answers this command counts
  const r = await send(client, prepareCommand(eventsUrl, slashCommandFields('status web-01', newTriggerId(), `${backends.slackOrigin}/response/status`)));
  if (r.status !== 200) throw new Error(`/backup status web-01 answered ${r.status}`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const posted = (await backends.recentMessagePayloads()).find((p) => JSON.stringify(p.blocks ?? p.text ?? '').includes('web-01') && messageButtons(p.blocks).length > 0);
    if (posted) {
      const text = typeof posted.text === 'string' ? posted.text : undefined;
      if (typeof posted.ts === 'string') return { channel: String(posted.channel), ts: posted.ts, text, blocks: posted.blocks as unknown[] };
      return { channel: BENCH_CHANNEL_ID, ts: `${Math.floor(Date.now() / 1000)}.000100`, text, blocks: posted.blocks as unknown[], ephemeral: true };
    }
    await sleep(20);
  }
  throw new Error('/backup status web-01 posted no message with buttons');
}

export async function runAck(ctx: PartContext): Promise<PartResult> {
  const rows: MetricRow[] = [];
  const findings: string[] = [];
  const loaded = await ctx.loadedBot(0);
  const { bot, backends } = loaded;
  const bare = await startBareBolt(ctx.workDir);
  const client = new HttpClient(BURST);
  try {
    const message = await statusMessage(client, bot.eventsUrl, backends);
    const buttons = messageButtons(message.blocks);
    // Refresh (the `status` intent): read-only, and the heaviest work behind an ack (several Azure reads, then chat.update).
    const button = buttons.find((b) => b.element.action_id === 'status') ?? buttons.find((b) => b.element.value !== undefined);
    if (!button) throw new Error(`the status message has no intent button: ${JSON.stringify(message.blocks).slice(0, 300)}`);
    let actionSeq = 0;
    const request = (kind: Kind, url: string): PreparedRequest => {
      if (kind === 'command') return prepareCommand(url, slashCommandFields('enable', newTriggerId(), `${backends.slackOrigin}/response/ack`));
      actionSeq += 1;
      const payload: Json = buttonClickPayload(message, button, newTriggerId(), `${backends.slackOrigin}/response/ack`, `${Math.floor(Date.now() / 1000)}.${String(actionSeq).padStart(6, '0')}`);
      return prepareInteraction(url, payload);
    };

    const rounds = ctx.quick ? QUICK_ROUNDS : ROUNDS;
    const samples: Record<'ours' | 'bare', Record<Kind, number[]>> = { ours: { command: [], button: [] }, bare: { command: [], button: [] } };
    /** Per round and kind, the samples of each app in that round. */
    const perRound: Record<Kind, { ours: number[]; bare: number[] }[]> = { command: [], button: [] };
    const drains: Record<Kind, number[]> = { command: [], button: [] };
    let notOk = 0;
    let missingWork = 0;

    const single: Record<'ours' | 'bare', Record<Kind, number[]>> = { ours: { command: [], button: [] }, bare: { command: [], button: [] } };
    const burst = async (who: 'ours' | 'bare', kind: Kind, record: boolean, size = BURST): Promise<void> => {
      const url = who === 'ours' ? bot.eventsUrl : bare.eventsUrl;
      const prepared = Array.from({ length: size }, () => request(kind, url));
      const before = who === 'ours' ? followUps(await backends.slackStats()) : 0;
      const start = performance.now();
      const answers = await Promise.all(prepared.map((p) => send(client, p)));
      if (record) {
        for (const a of answers) (size === BURST ? samples : single)[who][kind].push(a.ms);
        if (size === BURST) perRound[kind][perRound[kind].length - 1][who].push(...answers.map((a) => a.ms));
        notOk += answers.filter((a) => a.status !== 200).length;
      }
      if (who === 'ours') {
        let done = 0;
        const deadline = performance.now() + DRAIN_TIMEOUT_MS;
        while (performance.now() < deadline) {
          done = followUps(await backends.slackStats()) - before;
          if (done >= size) break;
          await sleep(5);
        }
        if (record) {
          if (size === BURST) drains[kind].push(performance.now() - start);
          missingWork += Math.max(0, size - done);
        }
      }
      await sleep(GAP_MS);
    };

    ctx.log('ack: warming up');
    for (let i = 0; i < WARMUP_BURSTS; i++) {
      for (const kind of ['command', 'button'] as const) {
        await burst('ours', kind, false);
        await burst('bare', kind, false);
      }
    }
    const problemsBefore = logProblems(bot.logFile).length;
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['command', 'button'] as const) perRound[kind].push({ ours: [], bare: [] });
      const order: ('ours' | 'bare')[] = round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const who of order) {
        for (let b = 0; b < BURSTS_PER_ROUND; b++) {
          await burst(who, 'command', true);
          await burst(who, 'button', true);
        }
      }
    }

    // One request at a time (each on a quiet bot): the cost of the ack path itself, without the
    // work of other requests competing for the event loop.
    for (let i = 0; i < SINGLE_REQUESTS; i++) {
      for (const kind of ['command', 'button'] as const) {
        for (const who of i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) await burst(who, kind, true, 1);
      }
    }

    const what: Record<Kind, string> = { command: '`/backup enable`', button: 'button click (Refresh)' };
    const ratios = {} as Record<Kind, ReturnType<typeof roundRatios>>;
    for (const kind of ['command', 'button'] as const) {
      const ours = summarize(samples.ours[kind]);
      const base = summarize(samples.bare[kind]);
      ctx.log(`ack: ${kind}: ours p50 ${ours.p50.toFixed(1)} p99 ${ours.p99.toFixed(1)} ms; bare p50 ${base.p50.toFixed(1)} p99 ${base.p99.toFixed(1)} ms`);
      rows.push(measured('ack', `${what[kind]} ack p50: ours`, ours.p50, 'ms'));
      rows.push(measured('ack', `${what[kind]} ack p50: bare Bolt`, base.p50, 'ms'));
      const byRound = roundRatios(perRound[kind].map((r): RoundSamples => ({ ours: r.ours, base: r.bare })));
      ratios[kind] = byRound;
      rows.push(measured('ack', `${what[kind]} ack p99: ours`, ours.p99, 'ms', { op: '<', limit: ABSOLUTE_TARGET_MS, unit: 'ms' },
        kind === 'command'
          ? `Bursts of ${BURST} signed requests sent at once over keep-alive HTTP; ${ours.count} requests per app and kind, in ${rounds} rounds of ${BURSTS_PER_ROUND} bursts per app and kind, alternating which app goes first, after ${WARMUP_BURSTS} warm-up bursts. Time to the last byte of the HTTP answer; p99 over every round.`
          : undefined));
      rows.push(measured('ack', `${what[kind]} ack p99: bare Bolt`, base.p99, 'ms'));
      rows.push(measured('ack', `${what[kind]} ack p99 ratio ours / bare: median of ${rounds} rounds`, byRound.median, 'x', { op: '<=', limit: MEDIAN_RATIO_TARGET, unit: 'x' },
        `Each round's p99 of ours over the bare app's p99 in the same round (${BURST * BURSTS_PER_ROUND} requests per app); rounds in order: ${byRound.ratios.map((r) => r.toFixed(2)).join(', ')}.`));
      rows.push(measured('ack', `${what[kind]} ack p99 ratio ours / bare: worst round`, byRound.worst, 'x', { op: '<=', limit: WORST_RATIO_TARGET, unit: 'x' }));
      rows.push(measured('ack', `${what[kind]} ack p99 ratio ours / bare, all rounds pooled`, ratio(ours.p99, base.p99), 'x'));
      rows.push(measured('ack', `${what[kind]} ack p50 ratio ours / bare`, ratio(ours.p50, base.p50), 'x'));
      rows.push(
        measured('ack', `${what[kind]} ack p50 ratio ours / bare, one request at a time`, ratio(summarize(single.ours[kind]).p50, summarize(single.bare[kind]).p50), 'x', undefined,
          kind === 'command' ? `${SINGLE_REQUESTS} requests per app and kind sent one at a time, each after the bot finished the previous one's work, so no other request competes; timed at the client as the bursts are, which on a 2-core machine also carries the CPU the bot and its backends spend around each request (ours p50 ${summarize(single.ours.command).p50.toFixed(1)} ms vs ${summarize(single.bare.command).p50.toFixed(1)} ms for /backup enable; ${summarize(single.ours.button).p50.toFixed(1)} ms vs ${summarize(single.bare.button).p50.toFixed(1)} ms for the button).` : undefined),
      );
      rows.push(measured('ack', `${what[kind]}: burst of ${BURST} until all the work behind the acks is done, p50`, summarize(drains[kind]).p50, 'ms',
        undefined, kind === 'command' ? 'From sending the burst until the fake Slack received the follow-up of every request (a modal opened for /backup enable; the message updated for Refresh).' : undefined));
    }
    rows.push(measured('ack', 'acks not answered 200 (both apps)', notOk, 'count', { op: '==', limit: 0, unit: 'count' }));
    rows.push(measured('ack', 'acks whose work never reached Slack (ours)', missingWork, 'count', { op: '==', limit: 0, unit: 'count' }));
    const missed = (['command', 'button'] as const).filter(
      (k) => !(ratios[k].median <= MEDIAN_RATIO_TARGET) || !(ratios[k].worst <= WORST_RATIO_TARGET) || !(summarize(samples.ours[k]).p99 < ABSOLUTE_TARGET_MS),
    );
    if (missed.length > 0 || ctx.profileDir !== undefined) {
      const where = await profileBot(ctx, bot, 'ack', async () => {
        for (let b = 0; b < 4; b++) {
          await burst('ours', 'command', false);
          await burst('ours', 'button', false);
        }
      });
      const alone = (['command', 'button'] as const).map((k) => `${ratio(summarize(single.ours[k]).p50, summarize(single.bare[k]).p50).toFixed(2)}x`).join(' and ');
      findings.push(
        `Ack${missed.length > 0 ? ` misses a target (${missed.map((k) => what[k]).join(', ')})` : ''}: one request at a time the bot's ack costs ${alone} the bare app's (p50, command and button), so most of the gap in bursts is the work behind earlier acks (modals, Azure reads, rendering, store writes) sharing the event loop with later acks. During 4 bursts of each kind, ${where}.`,
      );
    }
    const problems = logProblems(bot.logFile).slice(problemsBefore);
    if (problems.length > 0) findings.push(`Ack: the bot logged ${problems.length} warning/error line(s) under load; first: ${problems[0].slice(0, 300)}`);
  } finally {
    client.close();
    await bare.stop();
  }
  return { rows, findings };
}
