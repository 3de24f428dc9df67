/** Options of selects, radio buttons, checkboxes and type-ahead answers. */
import type { Option, PlainTextElement, PlainTextOption } from '@slack/types';
import type { OptionView } from '../../src/flows/views';
import { LIMITS, plain } from './block-kit';
import { encodeOptionValue } from './option-value';

/** One option; the value is written compactly so it stays within Slack's 150 characters. */
export function option(o: OptionView): PlainTextOption {
  return {
    text: plain(o.label, LIMITS.optionText),
    value: encodeOptionValue(o.value),
    ...(o.description ? { description: plain(o.description, LIMITS.optionText) } : {}),
  };
}

/**
 * Whether Slack can carry the option at all: a value over 150 characters even in compact form
 * (an ARM id whose group and name exceed ~112 characters together) would make Slack refuse the
 * whole list, so such an option is left out rather than breaking the others.
 */
export function fitsSlack(o: OptionView): boolean {
  return encodeOptionValue(o.value).length <= LIMITS.optionValue;
}

/**
 * The answer to a block_suggestion (external select options load): at most 100 options. A note
 * about the list (OptionView.note: "Loading the VM list: 42,000 of about 100,000…") becomes the
 * label of one option group, so it reads as a heading, not a choice; alone, it is the one option
 * (Slack wants at least one option in a group), so an empty answer still says why.
 */
export function suggestionOptions(options: OptionView[]): { options: Option[] } | { option_groups: { label: PlainTextElement; options: Option[] }[] } {
  const [first, ...rest] = options;
  const choices = (first?.note ? rest : options).filter(fitsSlack).slice(0, LIMITS.options).map(option);
  if (!first?.note) return { options: choices };
  if (choices.length === 0) return { options: [option(first)] };
  return { option_groups: [{ label: plain(first.label, LIMITS.optionText), options: choices }] };
}
