/**
 * What Slack sends the app when a person runs /backup, presses a message button or types into
 * an external select, in the shapes of docs.slack.dev's interaction payloads (as
 * test/integration/slack/support/slack-person.ts sends them). Pure builders.
 */
import { BENCH_CHANNEL_ID, BENCH_TEAM_ID, BENCH_USER_ID } from './bench-identity';

type Json = Record<string, unknown>;

export interface ButtonElement {
  type: 'button';
  action_id: string;
  value?: string;
  text?: unknown;
}

export function slashCommandFields(text: string, triggerId: string, responseUrl: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: BENCH_TEAM_ID,
    team_domain: 'bench',
    channel_id: BENCH_CHANNEL_ID,
    channel_name: 'ops',
    user_id: BENCH_USER_ID,
    user_name: 'bench.person',
    command: '/backup',
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

const user = (): Json => ({ id: BENCH_USER_ID, username: 'bench.person', name: 'bench.person', team_id: BENCH_TEAM_ID });
const team = (): Json => ({ id: BENCH_TEAM_ID, domain: 'bench' });

/** The buttons of a message's blocks (sections' accessories and actions blocks), in order. */
export function messageButtons(blocks: unknown): { blockId: string; element: ButtonElement }[] {
  const out: { blockId: string; element: ButtonElement }[] = [];
  if (!Array.isArray(blocks)) return out;
  for (const block of blocks as Json[]) {
    const candidates = [block.accessory, ...(Array.isArray(block.elements) ? (block.elements as unknown[]) : [])];
    for (const c of candidates) {
      if (typeof c === 'object' && c !== null && (c as Json).type === 'button' && typeof (c as Json).action_id === 'string') {
        out.push({ blockId: typeof block.block_id === 'string' ? block.block_id : 'b', element: c as ButtonElement });
      }
    }
  }
  return out;
}

export interface ChannelMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks: unknown[];
  /** Shown to the asker only (response_url or chat.postEphemeral): Slack keeps no copy of it. */
  ephemeral?: boolean;
}

/**
 * block_actions for a press of `button` on a message the bot posted. On an ephemeral message the
 * container says `is_ephemeral: true` and there is no `message` (docs.slack.dev/reference/
 * interaction-payloads/block_actions-payload; as test/integration/slack/support/slack-person.ts).
 */
export function buttonClickPayload(message: ChannelMessage, button: { blockId: string; element: ButtonElement }, triggerId: string, responseUrl: string, actionTs: string): Json {
  return {
    type: 'block_actions',
    user: user(),
    api_app_id: 'A0BENCH',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral === true },
    trigger_id: triggerId,
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'ops' },
    ...(message.ephemeral ? {} : { message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, bot_id: 'B0BOT', user: 'U0BOT' } }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.element.action_id,
        block_id: button.blockId,
        text: button.element.text,
        ...(button.element.value !== undefined ? { value: button.element.value } : {}),
        action_ts: actionTs,
      },
    ],
  };
}

/** block_suggestion: the person typed `value` into the external select `actionId` of the open modal `view`. */
export function suggestionPayload(view: Json, actionId: string, blockId: string, value: string): Json {
  return {
    type: 'block_suggestion',
    user: { id: BENCH_USER_ID, name: 'bench.person', team_id: BENCH_TEAM_ID },
    container: { type: 'view', view_id: view.id },
    api_app_id: 'A0BENCH',
    token: 'legacy-verification-token',
    action_id: actionId,
    block_id: blockId,
    value,
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
    view: { ...view, team_id: BENCH_TEAM_ID, app_id: 'A0BENCH', bot_id: 'B0BOT', state: { values: {} }, root_view_id: view.id, previous_view_id: null },
  };
}

/** Every prefix of `text` from one character up: the queries Slack sends as a person types it. */
export function keystrokes(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}
