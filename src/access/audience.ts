/**
 * Who an answer is for: the person who asked, or everyone in the channel. One rule for every
 * platform, keyed by what was asked (the action's `changes` in INTENT_RULES / COMMAND_RULES) and
 * by how it went (effectOutcome):
 *
 * - what changed Azure or the channel's settings (enable, vault, Backup now, stop, cancel,
 *   subscribe, bind, grant, ...) is announced in the channel, and a job message that follows
 *   a job is always the channel's (it updates in place for everyone);
 * - everything else (read-only answers, help and usage errors, refusals, "already done", a change
 *   that failed before changing anything) is for the asker only.
 *
 * Read-only answers that show how things stand (status, job lists) may be shared: the answer
 * says which intent to run again for the channel.
 */
import { effectOutcome, type EffectOutcome } from '../audit/effect-outcome';
import { commandToIntent } from '../commands/command-parser';
import type { Intent } from '../flows/intents';
import type { FlowResult, MessageView } from '../flows/views';
import { parseAccessCommand } from './access-commands';
import { ruleOfCommand, ruleOfIntent } from './intent-policy';

/** What the person asked: an intent (a button, a form), or the text of a typed command. */
export type Asked = { intent: Intent } | { text: string };

export type Audience = 'asker' | 'channel';

export interface AnswerAudience {
  audience: Audience;
  /** For the asker's answers worth showing others: the intent that makes the same answer again. */
  share?: Intent;
}

/** How a change went, when others should hear of it: something was changed. */
const ANNOUNCED_OUTCOMES: ReadonlySet<EffectOutcome> = new Set<EffectOutcome>(['succeeded', 'partial']);

/** Answers that show how things stand, which a team looks at together. */
const SHAREABLE_VIEWS: ReadonlySet<MessageView['kind']> = new Set<MessageView['kind']>(['preflight', 'vm-status', 'vault-status', 'vault-items', 'vaults-overview', 'job-list', 'coverage']);

type Action = { changes: boolean; intent?: Intent };

function actionOf(asked: Asked): Action {
  if ('intent' in asked) return { changes: ruleOfIntent(asked.intent).changes, intent: asked.intent };
  // Access commands only need a clock for their durations, which say nothing about their kind.
  const access = parseAccessCommand(asked.text, new Date(0));
  if (access) return { changes: access.ok && ruleOfCommand(access.command).changes };
  const intent = commandToIntent(asked.text);
  return { changes: ruleOfIntent(intent).changes, intent };
}

/** Whether an intent may be run again to show its answer to the channel: it only reads. */
export function isShareable(intent: Intent): boolean {
  return !ruleOfIntent(intent).changes;
}

/** Who the answer to `asked` is for (forms are always the asker's: a modal, or a card they fill in). */
export function audienceOf(asked: Asked, result: FlowResult): AnswerAudience {
  if (result.kind !== 'message') return { audience: 'asker' };
  if (result.track) return { audience: 'channel' };
  const action = actionOf(asked);
  if (action.changes && ANNOUNCED_OUTCOMES.has(effectOutcome(result))) return { audience: 'channel' };
  const share = action.intent && !action.changes && SHAREABLE_VIEWS.has(result.view.kind) ? action.intent : undefined;
  return share ? { audience: 'asker', share } : { audience: 'asker' };
}
