/**
 * A bot process against backends of a given size, started and then typed into until its VM
 * picker answers (the first inventory load is over). What that took, and the bot's memory right
 * then, are recorded before any load is put on it.
 */
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
  /** Keystrokes answered with something other than 200 while the inventory loaded (Slack shows an error). */
  refusedWhileLoading: number;
  /** Keystrokes answered 200 with no options while the inventory loaded. */
  emptyWhileLoading: number;
  /** Azure calls from start until then. */
  loadCalls: number;
  memoryAfterLoad: MemoryReport;
  /** Warning/error lines the bot had logged by then (so later parts count only their own). */
  problemsAtLoad: number;
}

export interface Keystroke {
  ms: number;
  ok: boolean;
  options: number;
}

export async function keystroke(client: HttpClient, bot: BotProcess, picker: PickerTarget, value: string): Promise<Keystroke> {
  const r = await send(client, prepareInteraction(bot.eventsUrl, suggestionPayload(picker.view, picker.actionId, picker.blockId, value)));
  let options = 0;
  if (r.status === 200) {
    try {
      const body = JSON.parse(r.body) as { options?: unknown[] };
      options = Array.isArray(body.options) ? body.options.length : 0;
    } catch {
      options = 0;
    }
  }
  return { ms: r.ms, ok: r.status === 200, options };
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

export async function startLoadedBot(workDir: string, backends: Backends, extraVms: number, log: (m: string) => void): Promise<LoadedBot> {
  await backends.clearAzureRequests();
  const bot = await startBotProcess(workDir, botEnvFor(backends, path.join(workDir, `bot-data-${extraVms}-${Date.now()}`)));
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
      const k = await keystroke(client, bot, picker, 'web');
      if (k.ok && k.options > 0) break;
      if (!k.ok) refusedWhileLoading += 1;
      else emptyWhileLoading += 1;
      await sleep(100);
    }
    const loadSeconds = (performance.now() - readyAt) / 1000;
    const loadCalls = (await backends.azureRequests()).count;
    const memoryAfterLoad = await bot.memory();
    log(`bot with ${extraVms} extra VMs: picker answers ${loadSeconds.toFixed(1)} s after start (${loadCalls} Azure calls), RSS ${memoryAfterLoad.rssMB.toFixed(0)} MB`);
    return { extraVms, bot, backends, picker, loadSeconds, refusedWhileLoading, emptyWhileLoading, loadCalls, memoryAfterLoad, problemsAtLoad: logProblems(bot.logFile).length };
  } catch (error) {
    await bot.stop();
    throw error;
  } finally {
    client.close();
  }
}
