/**
 * Small typed builders for Block Kit JSON, with Slack's length limits applied where a longer
 * text would make Slack refuse the whole message or view. Pure functions, no I/O.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import type { ButtonView, Fact, LinkView, Tone } from '../../src/flows/views';
import { encodeIntent } from './intent-action';

/** Slack limits used by the builders (docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  options: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  actionsElements: 25,
  contextElements: 10,
  modalTitle: 24,
  modalButton: 24,
  label: 2000,
  placeholder: 150,
  privateMetadata: 3000,
  buttonValue: 2000,
  url: 3000,
} as const;

/** Cuts `text` to `max` characters, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Escapes the three characters Slack's mrkdwn gives meaning to (docs: "Escaping text"). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plain(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : truncate(text, max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

/** Label/value facts as section fields, 10 per section (Slack's limit). */
export function factSections(facts: Fact[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let i = 0; i < facts.length; i += LIMITS.fieldsPerSection) {
    sections.push({
      type: 'section',
      fields: facts
        .slice(i, i + LIMITS.fieldsPerSection)
        .map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText)),
    });
  }
  return sections;
}

/** The emoji that leads a line of a given tone (colour is not available to blocks). */
export const TONE_EMOJI: Record<Tone, string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
};

/**
 * Hands out action ids unique within one message or view (Slack refuses duplicates): the
 * intent type, then `type:2`, `type:3` for further buttons of the same type.
 */
export class ActionIds {
  private counts = new Map<string, number>();

  next(base: string): string {
    const n = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, n);
    return n === 1 ? base : `${base}:${n}`;
  }
}

/** A button carrying an intent: action_id = intent type (made unique), value = the intent's JSON. */
export function intentButton(button: ButtonView, ids: ActionIds): Button {
  // Block Kit's confirmation dialog object (title, text, confirm, deny, style): Slack asks, and
  // sends the action only when confirmed, so a button that asks carries what is sent once confirmed.
  const asks = button.confirm;
  const sent = asks?.intent ?? button.intent;
  // A destructive button always asks first, in the button's own words when it has none.
  const dialog = asks
    ? { title: asks.title, text: asks.text, confirm: asks.confirmLabel, deny: asks.denyLabel }
    : button.style === 'danger'
      ? { title: button.label, text: `${button.label}: are you sure? This cannot be undone.`, confirm: button.label, deny: 'Back' }
      : undefined;
  return {
    type: 'button',
    text: plain(button.label, LIMITS.buttonText),
    action_id: ids.next(sent.type),
    value: encodeIntent(sent),
    ...(button.style ? { style: button.style } : {}),
    ...(dialog
      ? {
          confirm: {
            title: plain(dialog.title, 100),
            text: plain(dialog.text, 300),
            confirm: plain(dialog.confirm, 30),
            deny: plain(dialog.deny, 30),
            ...(button.style === 'danger' ? { style: 'danger' as const } : {}),
          },
        }
      : {}),
  };
}

/** A button that opens a URL. Slack still sends an interaction for it; the adapter only acks it. */
export function linkButton(link: LinkView, ids: ActionIds): Button {
  return { type: 'button', text: plain(link.label, LIMITS.buttonText), action_id: ids.next(LINK_ACTION_ID), url: link.url };
}

/** Action id prefix of link buttons (acknowledged and otherwise ignored). */
export const LINK_ACTION_ID = 'link';

/** Buttons and links in actions blocks of at most 25 elements each; none when there are none. */
export function actionBlocks(buttons: ButtonView[], links: LinkView[], ids: ActionIds): ActionsBlock[] {
  const elements: Button[] = [...buttons.map((b) => intentButton(b, ids)), ...links.map((l) => linkButton(l, ids))];
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  return blocks;
}

/** Keeps a message within Slack's 50 blocks: cuts the list and says how many were left out. */
export function capBlocks(blocks: KnownBlock[], max: number, omittedText: (omitted: number) => string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([omittedText(blocks.length - kept.length)])];
}
