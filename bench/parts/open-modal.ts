import { HttpClient, sleep } from '../lib/http-load';
import { slashCommandFields } from '../lib/slack-payloads';
import { newTriggerId, prepareCommand, send } from '../lib/slack-sender';
import type { Backends, BotProcess } from '../lib/stack';

type Json = Record<string, unknown>;

/**
 * Runs `/backup <text>` and waits for the modal the bot opens with views.open (as the fake
 * Slack received it, with the id it gave it).
 */
export async function openModal(client: HttpClient, bot: BotProcess, backends: Backends, text: string, timeoutMs = 20_000): Promise<Json> {
  const before = (await backends.slackStats()).calls['views.open'] ?? 0;
  const r = await send(client, prepareCommand(bot.eventsUrl, slashCommandFields(text, newTriggerId(), `${backends.slackOrigin}/response/open-modal`)));
  if (r.status !== 200) throw new Error(`/backup ${text} answered ${r.status}: ${r.body.slice(0, 200)}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (((await backends.slackStats()).calls['views.open'] ?? 0) > before) {
      const view = await backends.lastOpenedView();
      if (view) return view;
    }
    await sleep(20);
  }
  throw new Error(`/backup ${text} opened no modal within ${timeoutMs} ms (bot log: ${bot.logFile})`);
}

/** The first external select of a modal: where type-ahead goes. */
export function firstExternalSelect(view: Json): { blockId: string; actionId: string } | undefined {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  for (const block of blocks) {
    const el = block.element as Json | undefined;
    if (el && el.type === 'external_select' && typeof el.action_id === 'string' && typeof block.block_id === 'string') {
      return { blockId: block.block_id, actionId: el.action_id };
    }
  }
  return undefined;
}
