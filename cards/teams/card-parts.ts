import type { Intent } from '../../src/flows/intents';
import type { ButtonView, Fact as FactView, LinkView, StepOutcome, Tone } from '../../src/flows/views';
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type ContainerStyle,
  type ExecuteAction,
  type FactSet,
  type TextBlock,
  type TextColor,
} from './adaptive-card.types';

/**
 * Where a card action came from. A form card is replaced by whatever its button leads to; a
 * message card (a status, a result) stays, and what its button leads to comes as a new message.
 */
export type CardOrigin = 'form' | 'message';

/**
 * The `data` of every Action.Execute this bot renders; the verb is always `intent.type`.
 * Teams merges the card's input values into `data`, keyed by input id, next to these keys
 * (input ids never take these names).
 */
export interface ActionData {
  intent: Intent;
  origin: CardOrigin;
  /** Form submit only: the form's input ids, and whether each gives one value or several. */
  fields?: Record<string, 'one' | 'many'>;
  [input: string]: unknown;
}

/** Keys of ActionData that are not input values. */
export const ACTION_DATA_KEYS: readonly string[] = ['intent', 'origin', 'fields', 'search'];

export const TONE_COLOR: Record<Tone, TextColor> = {
  info: 'default',
  success: 'good',
  warning: 'warning',
  error: 'attention',
};

export const TONE_STYLE: Record<Tone, ContainerStyle> = {
  info: 'emphasis',
  success: 'good',
  warning: 'warning',
  error: 'attention',
};

/** The card envelope: schema 1.5, full width in Teams, and a text for clients that cannot render it. */
export function card(body: CardElement[], actions: CardAction[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    fallbackText,
    msteams: { width: 'Full' },
  };
}

export function heading(text: string, tone?: Tone): TextBlock {
  return {
    type: 'TextBlock',
    text,
    wrap: true,
    size: 'medium',
    weight: 'bolder',
    style: 'heading',
    ...(tone && tone !== 'info' ? { color: TONE_COLOR[tone] } : {}),
  };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function toned(value: string, tone: Tone, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return text(value, { ...(tone === 'info' ? {} : { color: TONE_COLOR[tone] }), ...options });
}

export function subtle(value: string): TextBlock {
  return text(value, { isSubtle: true, size: 'small', spacing: 'small' });
}

export function facts(items: FactView[]): FactSet[] {
  return items.length ? [{ type: 'FactSet', facts: items.map((f) => ({ title: f.label, value: f.value })) }] : [];
}

export function execute(button: ButtonView, origin: CardOrigin): ExecuteAction {
  const data: ActionData = { intent: button.intent, origin };
  return {
    type: 'Action.Execute',
    title: button.label,
    verb: button.intent.type,
    data,
    // Buttons next to a form's inputs never submit them (views.ts: FormView.actions).
    associatedInputs: 'none',
    ...(button.style === 'primary' ? { style: 'positive' as const } : {}),
    ...(button.style === 'danger' ? { style: 'destructive' as const } : {}),
  };
}

export function openUrl(link: LinkView): CardAction {
  return { type: 'Action.OpenUrl', title: link.label, url: link.url };
}

/** A message card's buttons and links, in the card's action bar. */
export function messageActions(buttons: ButtonView[], links: LinkView[] = []): CardAction[] {
  return [...buttons.map((b) => execute(b, 'message')), ...links.map(openUrl)];
}

/** Buttons of one line of a list (a VM, a job), under the line. */
export function lineActions(buttons: ButtonView[]): CardElement[] {
  return buttons.length ? [{ type: 'ActionSet', spacing: 'small', actions: buttons.map((b) => execute(b, 'message')) }] : [];
}

/** Intent-less copy of a list of strings as bullet lines. */
export function bullets(lines: string[]): TextBlock[] {
  return lines.length ? [text(lines.map((l) => `- ${l}`).join('\n'))] : [];
}

const STEP_MARK: Record<StepOutcome['status'], string> = { done: '✔', failed: '✘', skipped: '–' };

/** What a plan did, one line a step: "✔ Create vault vault-weu", "✘ Enable protection for web-02: reason". */
export function stepLines(steps: StepOutcome[]): TextBlock[] {
  return steps.length
    ? [text(steps.map((s) => `${STEP_MARK[s.status]} ${s.step}${s.detail ? `: ${s.detail}` : ''}`).join('\n\n'))]
    : [];
}

export function actionSet(actions: CardAction[]): CardElement[] {
  return actions.length ? [{ type: 'ActionSet', actions }] : [];
}
