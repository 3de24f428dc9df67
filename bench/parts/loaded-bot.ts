/**
 * A bot process against backends of a given size, started and then typed into until its VM
 * picker answers (the first inventory load is over). What that took, and the bot's memory right
 * then, are recorded before any load is put on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HttpClient, sleep } from '../lib/http-load';
import { slashCommandFields, suggestionPayload } from '../lib/slack-payloads';
import { newTriggerId, prepareCommand, prepareInteraction, send } from '../lib/slack-sender';
import { botEnvFor, followUps, logProblems, startBotProcess, type Backends, type BotProcess, type MemoryReport } from '../lib/stack';
import { firstExternalSelect, openModal } from './open-modal';

type Json = Record<string, unknown>;

const READY_TIMEOUT_MS = 180_000;

export interface PickerTarget {
  view: Json;
  blockId: string;
  actionId: string;
}

export interface LoadedBot {
  extraVms: number;
  bot: BotProcess;
  backends: Backends;
  /** The /backup enable modal the bot opened, and its VM picker. */
  picker: PickerTarget;
  /** From /healthz ready until a keystroke got options. */
  loadSeconds: number;
  /** From Azure's first page of VMs (the emulator's answer) until a keystroke got options. */
  afterFirstPageSeconds?: number;
  /** From /healthz ready until a keystroke got options without the loading note (the first load is complete). */
  completeSeconds: number;
  /** Keystrokes answered with something other than 200 while the inventory loaded (Slack shows an error). */
  refusedWhileLoading: number;
  /** Keystrokes answered 200 with no options while the inventory loaded. */
  emptyWhileLoading: number;
  /** Azure calls from start until then. */
  loadCalls: number;
  /** After a full GC, once the first load was complete and kept in the store. */
  memoryAfterLoad: MemoryReport;
  /** Warning/error lines the bot had logged by then (so later parts count only their own). */
  problemsAtLoad: number;
}

export interface Keystroke {
  ms: number;
  ok: boolean;
  /** VM options, not counting the loading note. */
  options: number;
  /** The answer began with the note that the first inventory load is still running. */
  loading: boolean;
}

/** The loading note's option value (src/flows/views.ts LOADING_NOTE_VALUE), as the bot sends it. */
const LOADING_NOTE = 'inventory-loading';

export async function keystroke(client: HttpClient, bot: BotProcess, picker: PickerTarget, value: string): Promise<Keystroke> {
  const r = await send(client, prepareInteraction(bot.eventsUrl, suggestionPayload(picker.view, picker.actionId, picker.blockId, value)));
  let options = 0;
  let loading = false;
  if (r.status === 200) {
    try {
      // While the first load runs the bot answers option_groups, labelled with the loading note
      // (cards/slack/options.blocks.ts), or the note alone as an option when nothing matched yet.
      const body = JSON.parse(r.body) as { options?: { value?: string }[]; option_groups?: { options?: unknown[] }[] };
      if (Array.isArray(body.option_groups)) {
        loading = true;
        options = body.option_groups.reduce((n, g) => n + (Array.isArray(g.options) ? g.options.length : 0), 0);
      } else {
        const all = Array.isArray(body.options) ? body.options : [];
        loading = all.some((o) => o.value === LOADING_NOTE);
        options = all.length - (loading ? 1 : 0);
      }
    } catch {
      options = 0;
    }
  }
  return { ms: r.ms, ok: r.status === 200, options, loading };
}

/**
 * On Azure a channel sees nothing until an admin binds it: the benchmark's person (a bootstrap
 * admin) binds its channel to every subscription, as an operator would, and waits for the answer.
 */
async function bindBenchChannel(client: HttpClient, bot: BotProcess, backends: Backends): Promise<void> {
  for (const subscriptionId of backends.subscriptionIds) {
    const before = followUps(await backends.slackStats());
    const r = await send(client, prepareCommand(bot.eventsUrl, slashCommandFields(`admin bind ${subscriptionId}`, newTriggerId(), `${backends.slackOrigin}/response/bind`)));
    if (r.status !== 200) throw new Error(`/backup admin bind answered ${r.status}: ${r.body.slice(0, 200)}`);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && followUps(await backends.slackStats()) <= before) await sleep(20);
  }
}

export async function startLoadedBot(workDir: string, backends: Backends, extraVms: number, log: (m: string) => void, dataDir = path.join(workDir, `bot-data-${extraVms}-${Date.now()}`)): Promise<LoadedBot> {
  await backends.clearAzureRequests();
  const bot = await startBotProcess(workDir, botEnvFor(backends, dataDir));
  const client = new HttpClient(2);
  try {
    const readyAt = performance.now();
    await bindBenchChannel(client, bot, backends);
    const view = await openModal(client, bot, backends, 'enable');
    const select = firstExternalSelect(view);
    if (!select) throw new Error(`the /backup enable modal has no external select: ${JSON.stringify(view).slice(0, 300)}`);
    const picker: PickerTarget = { view, ...select };
    let refusedWhileLoading = 0;
    let emptyWhileLoading = 0;
    for (;;) {
      if (performance.now() - readyAt > READY_TIMEOUT_MS) throw new Error(`the VM picker had no options ${READY_TIMEOUT_MS / 1000} s after start (bot log: ${bot.logFile})`);
      // The generated VMs are listed from Azure's first pages on (the seeded web-* VMs come last):
      // what a person typing right after a start can be offered from the pages loaded so far.
      const k = await keystroke(client, bot, picker, extraVms > 0 ? 'vm-scale' : 'web');
      if (k.ok && k.options > 0) break;
      if (!k.ok) refusedWhileLoading += 1;
      else emptyWhileLoading += 1;
      await sleep(100);
    }
    const optionsAt = Date.now();
    const loadSeconds = (performance.now() - readyAt) / 1000;
    const loadCalls = (await backends.azureRequests()).count;
    const afterFirstPageSeconds = await secondsAfterFirstVmPage(backends, optionsAt);
    const completeSeconds = await typeUntilComplete(client, bot, picker, readyAt);
    await keptInStore(bot.logFile, READY_TIMEOUT_MS);
    const memoryAfterLoad = await bot.memory();
    log(`bot with ${extraVms} extra VMs: picker answers ${loadSeconds.toFixed(1)} s after start (${loadCalls} Azure calls), first load complete after ${completeSeconds.toFixed(1)} s, RSS ${memoryAfterLoad.rssMB.toFixed(0)} MB`);
    return {
      extraVms, bot, backends, picker, loadSeconds, completeSeconds, refusedWhileLoading, emptyWhileLoading, loadCalls, memoryAfterLoad,
      ...(afterFirstPageSeconds !== undefined ? { afterFirstPageSeconds } : {}),
      problemsAtLoad: logProblems(bot.logFile).length,
    };
  } catch (error) {
    await bot.stop();
    throw error;
  } finally {
    client.close();
  }
}

/** Seconds from the emulator's answer to the first VM listing page since the last clear until `at`. */
async function secondsAfterFirstVmPage(backends: Backends, at: number): Promise<number | undefined> {
  const first = (await backends.azureRequestList()).find((r) => r.method === 'GET' && /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(r.path) && r.status === 200);
  return first?.time === undefined ? undefined : (at - Date.parse(first.time)) / 1000;
}

/** Types until the picker answers without the loading note; seconds since `from`. */
async function typeUntilComplete(client: HttpClient, bot: BotProcess, picker: PickerTarget, from: number): Promise<number> {
  for (;;) {
    if (performance.now() - from > READY_TIMEOUT_MS) throw new Error(`the first inventory load was not complete ${READY_TIMEOUT_MS / 1000} s after start (bot log: ${bot.logFile})`);
    const k = await keystroke(client, bot, picker, 'web');
    if (k.ok && k.options > 0 && !k.loading) return (performance.now() - from) / 1000;
    await sleep(250);
  }
}

/** Waits for the bot's log line saying a complete load was written to the store (docs/inventory.md). */
export async function keptInStore(logFile: string, timeoutMs: number, after = 0): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (keptCount(logFile) <= after) {
    if (performance.now() > deadline) throw new Error(`the bot did not keep its VM list in the store within ${timeoutMs / 1000} s (bot log: ${logFile})`);
    await sleep(200);
  }
}

/** How many complete loads the bot has written to the store so far (log lines). */
export function keptCount(logFile: string): number {
  return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('VM list kept in the store')).length : 0;
}
