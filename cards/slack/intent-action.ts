/**
 * How an intent rides on Slack surfaces (the one action vocabulary, src/flows/intents.ts):
 * a button's action_id is the intent type (with `:n` when a surface has several of that type)
 * and its value the intent's JSON; a modal's private_metadata carries its submit intent.
 */
import type { Intent, SubmitIntent } from '../../src/flows/intents';
import { INTENT_TYPES } from '../../src/flows/intents';
import type { SuggestSource } from '../../src/flows/views';

export function encodeIntent(intent: Intent): string {
  return JSON.stringify(intent);
}

/** Action ids of intent buttons, for Bolt's `app.action(...)`. */
export const INTENT_ACTION_ID = new RegExp(`^(${INTENT_TYPES.map((t) => t.replace(/\./g, '\\.')).join('|')})(:\\d+)?$`);

/**
 * What a modal keeps in private_metadata: the intent its submit sends (values emptied; the
 * adapter fills them from the inputs) and the suggestion source of each type-ahead field,
 * which Slack's option-load requests do not otherwise carry.
 */
export interface FormMetadata {
  submit: SubmitIntent;
  sources: Record<string, SuggestSource>;
  /** The channel the person started from: where results are posted. */
  channel?: string;
  /**
   * What opened the wizard (a command's trigger, or a button on a message): two modals opened
   * from the same button share it, so submitting both does the work once.
   */
  origin?: string;
}

export function encodeFormMetadata(meta: FormMetadata): string {
  return JSON.stringify({
    submit: { ...meta.submit, values: {} },
    sources: meta.sources,
    ...(meta.channel ? { channel: meta.channel } : {}),
    ...(meta.origin ? { origin: meta.origin } : {}),
  });
}

/** Where a modal's wizard started, read from a form's or a status modal's private_metadata. */
export interface ModalContext {
  channel?: string;
  origin?: string;
}

export function encodeModalContext(ctx: ModalContext): string | undefined {
  if (!ctx.channel && !ctx.origin) return undefined;
  return JSON.stringify({ ...(ctx.channel ? { channel: ctx.channel } : {}), ...(ctx.origin ? { origin: ctx.origin } : {}) });
}
