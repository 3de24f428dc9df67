/**
 * A form view (src/flows/views.ts) as a Slack modal. Each field becomes an input block whose
 * block_id and action_id are the field id, so a submission's state and a field error map
 * straight back to the form. The submit intent and the type-ahead sources ride in
 * private_metadata; the callback_id names the form.
 */
import type {
  Checkboxes,
  Datepicker,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  MultiExternalSelect,
  MultiStaticSelect,
  NumberInput,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  StaticSelect,
  ExternalSelect,
} from '@slack/types';
import type { FieldError, FieldView, FormView, OptionView, SearchField, SelectField, SuggestSource } from '../../src/flows/views';
import {
  ActionIds,
  LIMITS,
  TONE_EMOJI,
  actionBlocks,
  context,
  escapeMrkdwn,
  factSections,
  plain,
  section,
  truncate,
} from './block-kit';
import { encodeFormMetadata } from './intent-action';
import { fitsSlack, option } from './options.blocks';
import { POLICY_REFRESH_ON, isPolicyBlockId, isPolicyForm, visiblePolicyFields } from './policy-disclosure';

/** callback_id prefix of every form modal; the rest is the form id. */
export const FORM_CALLBACK_PREFIX = 'form:';

export interface FormModalOptions {
  /**
   * Show field errors inside the modal, under each field (the default: a form opened with errors,
   * such as a VM name that matched several VMs, must say why). Off only when the errors go back
   * to Slack as a view_submission `errors` answer, which Slack shows under the fields itself.
   */
  inlineErrors?: boolean;
  /**
   * Field ids whose change re-makes the form (dispatch_action), e.g. the schedule frequency that
   * decides which retention fields appear.
   */
  refreshOn?: readonly string[];
  /** State of the policy form's "Also keep" checkboxes, when the person changed them. */
  keep?: readonly string[];
  /** Where the wizard started (kept in private_metadata, see FormMetadata). */
  channel?: string;
  origin?: string;
}

export function formModal(view: FormView, options: FormModalOptions = {}): ModalView {
  const ids = new ActionIds();
  const errors = view.errors ?? [];
  const inlineErrors = options.inlineErrors ?? true;
  const refreshOn = new Set(options.refreshOn ?? []);
  const policy = isPolicyForm(view.fields);
  const fields = policy ? visiblePolicyFields(view.fields, errors, options.keep) : view.fields;
  if (policy) for (const id of POLICY_REFRESH_ON) refreshOn.add(id);
  // Errors on no field shown here (or on every field, when Slack shows field errors itself) go on top.
  const shownIds = new Set(inlineErrors ? fields.map((f) => f.id) : view.fields.map((f) => f.id));
  const orphanErrors = errors.filter((e) => !shownIds.has(e.field));

  const blocks: KnownBlock[] = [];
  if (view.step) blocks.push(context([escapeMrkdwn(view.step.text)]));
  if (orphanErrors.length > 0) blocks.push(section(errorSummary(orphanErrors)));
  for (const text of view.sections ?? []) blocks.push(section(escapeMrkdwn(text)));
  if (view.facts && view.facts.length > 0) blocks.push(...factSections(view.facts));
  const sources: Record<string, SuggestSource> = {};
  for (const field of fields) {
    // Field ids are reserved as action ids so that a button cannot take one.
    ids.next(field.id);
    const inline = inlineErrors ? errors.filter((e) => e.field === field.id) : [];
    const errorLine = inline.length > 0 ? [context(inline.map((e) => `${TONE_EMOJI.error} ${escapeMrkdwn(e.message)}`))] : [];
    const candidates = field.kind === 'search' ? candidatesOf(field) : [];
    if (field.kind === 'search' && candidates.length > 0) {
      // Slack's type-ahead shows nothing before the person types: the VMs the flows found are
      // offered as choices on the field itself, and the type-ahead below searches all the others.
      ids.next(searchBlockId(field.id));
      blocks.push(candidatesBlock(field, candidates), ...errorLine, searchBlock(field));
      sources[searchBlockId(field.id)] = field.source;
      continue;
    }
    if (field.kind === 'search') sources[field.id] = field.source;
    // A search that found nothing (`/backup now zzz`) lists what there is as soon as it is opened.
    const shown = field.kind === 'search' && inline.length > 0 ? { ...field, minQueryLength: 0 } : field;
    blocks.push(inputBlock(shown, refreshOn.has(field.id)), ...errorLine);
  }
  blocks.push(...actionBlocks(view.actions ?? [], view.links ?? [], ids));

  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${view.form}`,
    title: plain(view.title, LIMITS.modalTitle),
    submit: plain(view.submit.label, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeFormMetadata({ submit: view.submit.intent, sources, channel: options.channel, origin: options.origin }),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}

/**
 * Field errors as a view_submission answer (`response_action: 'errors'`), keyed by block id;
 * only errors that name a field of the form (the others are shown in the modal instead).
 */
export function fieldErrors(view: FormView, errors: FieldError[]): Record<string, string> {
  const fieldIds = new Set(view.fields.map((f) => f.id));
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (!fieldIds.has(e.field)) continue;
    // Several errors on one field read as one sentence each.
    out[e.field] = truncate(out[e.field] ? `${out[e.field]} ${e.message}` : e.message, LIMITS.label);
  }
  return out;
}

/** Suffix of the "Or search all" block that goes with a search field offered with candidates. */
const SEARCH_SUFFIX = ':search';

/** Block id (and action id) of the type-ahead under a field's candidates. */
export const searchBlockId = (fieldId: string): string => `${fieldId}${SEARCH_SUFFIX}`;

/** The field a block belongs to: its own id, or the field whose candidates it searches beyond. */
export const fieldIdOfBlock = (blockId: string): string => (blockId.endsWith(SEARCH_SUFFIX) ? blockId.slice(0, -SEARCH_SUFFIX.length) : blockId);

/**
 * The options a single-choice search field offers before anything is typed (the VMs a name
 * matched), with what is already chosen first. A multiple-choice field keeps its type-ahead,
 * whose first options Slack loads as soon as it opens (min_query_length 0).
 */
function candidatesOf(field: SearchField): OptionView[] {
  if (field.multiple || !field.initialOptions?.length) return [];
  const seen = new Set<string>();
  return [...(field.selected ?? []), ...field.initialOptions].filter((o) => fitsSlack(o) && !seen.has(o.value) && (seen.add(o.value), true)).slice(0, LIMITS.options);
}

/** The candidates: radio buttons when they fit (10), else a menu. Optional: the search below may be used instead. */
function candidatesBlock(field: SearchField, candidates: OptionView[]): InputBlock {
  const choice: SelectField = { kind: 'select', id: field.id, label: field.label, options: candidates, style: 'radio', value: field.selected?.[0]?.value };
  return {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, LIMITS.label),
    element: selectElement(choice),
    optional: true,
    ...(field.hint ? { hint: plain(field.hint, LIMITS.label) } : {}),
  };
}

/** The type-ahead over every option of the field's source, for when none of the candidates is right. */
function searchBlock(field: SearchField): InputBlock {
  return {
    type: 'input',
    block_id: searchBlockId(field.id),
    label: plain(`Or search for another ${field.label.toLowerCase()}`, LIMITS.label),
    element: {
      type: 'external_select',
      action_id: searchBlockId(field.id),
      min_query_length: field.minQueryLength,
      placeholder: plain(field.placeholder ?? 'Type to search', LIMITS.placeholder),
    },
    optional: true,
    hint: plain('What you pick here is used instead of the choice above.', LIMITS.label),
  };
}

function errorSummary(errors: FieldError[]): string {
  return errors.map((e) => `${TONE_EMOJI.error} ${escapeMrkdwn(e.message)}`).join('\n');
}

function inputBlock(field: FieldView, dispatch: boolean): InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, LIMITS.label),
    element: element(field),
    ...(field.optional ? { optional: true } : {}),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.label) } : {}),
    ...(dispatch ? { dispatch_action: true } : {}),
  };
}

const ELEMENTS: { [K in FieldView['kind']]: (field: Extract<FieldView, { kind: K }>) => InputBlockElement } = {
  text: (f): PlainTextInput => ({
    type: 'plain_text_input',
    action_id: f.id,
    ...(f.value !== undefined && f.value !== '' ? { initial_value: truncate(f.value, 3000) } : {}),
    ...(f.placeholder ? { placeholder: plain(f.placeholder, LIMITS.placeholder) } : {}),
    ...(f.maxLength !== undefined ? { max_length: Math.min(f.maxLength, 3000) } : {}),
  }),
  number: (f): NumberInput => ({
    type: 'number_input',
    action_id: f.id,
    is_decimal_allowed: false,
    ...(f.value !== undefined ? { initial_value: String(f.value) } : {}),
    ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
    ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
  }),
  date: (f): Datepicker => ({
    type: 'datepicker',
    action_id: f.id,
    ...(f.value ? { initial_date: f.value } : {}),
    placeholder: plain('Pick a date', LIMITS.placeholder),
  }),
  select: (f) => selectElement(f),
  'multi-select': (f): Checkboxes | MultiStaticSelect => {
    const usable = f.options.filter(fitsSlack).slice(0, LIMITS.options);
    const opts = usable.map(option);
    const initial = initialOptions(usable, f.values ?? []);
    if (opts.length <= LIMITS.checkboxOptions) {
      return { type: 'checkboxes', action_id: f.id, options: opts, ...(initial.length > 0 ? { initial_options: initial } : {}) };
    }
    return {
      type: 'multi_static_select',
      action_id: f.id,
      options: opts,
      placeholder: plain('Choose', LIMITS.placeholder),
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    };
  },
  search: (f): ExternalSelect | MultiExternalSelect => {
    const selected = (f.selected ?? []).filter(fitsSlack).map(option);
    const common = {
      action_id: f.id,
      min_query_length: f.minQueryLength,
      placeholder: plain(f.placeholder ?? 'Type to search', LIMITS.placeholder),
    };
    if (f.multiple) {
      return { type: 'multi_external_select', ...common, ...(selected.length > 0 ? { initial_options: selected } : {}) };
    }
    return { type: 'external_select', ...common, ...(selected[0] ? { initial_option: selected[0] } : {}) };
  },
};

function element(field: FieldView): InputBlockElement {
  // The map is exhaustive over kinds; the cast only re-links a field to its own kind's builder.
  const build = ELEMENTS[field.kind] as (f: FieldView) => InputBlockElement;
  return build(field);
}

function initialOptions(options: OptionView[], values: string[]): PlainTextOption[] {
  return options.filter((o) => values.includes(o.value)).map(option);
}

function selectElement(field: SelectField): RadioButtons | StaticSelect {
  const f = { ...field, options: field.options.filter(fitsSlack) };
  const initial = initialOptions(f.options, f.value !== undefined ? [f.value] : [])[0];
  if (f.style === 'radio' && f.options.length <= LIMITS.radioOptions) {
    return { type: 'radio_buttons', action_id: f.id, options: f.options.map(option), ...(initial ? { initial_option: initial } : {}) };
  }
  const base = { type: 'static_select' as const, action_id: f.id, placeholder: plain('Choose', LIMITS.placeholder), ...(initial ? { initial_option: initial } : {}) };
  if (f.options.length <= LIMITS.options) return { ...base, options: f.options.map(option) };
  // Over 100 options (e.g. time zones): Slack takes up to 100 groups of 100.
  const groups = [];
  for (let i = 0; i < f.options.length && groups.length < LIMITS.options; i += LIMITS.options) {
    const chunk = f.options.slice(i, i + LIMITS.options);
    const label = `${chunk[0].label.slice(0, 30)} … ${chunk[chunk.length - 1].label.slice(0, 30)}`;
    groups.push({ label: plain(label, LIMITS.optionText), options: chunk.map(option) });
  }
  return { ...base, option_groups: groups };
}

/** The parts of a modal Slack sends back in interactions that a re-render keeps. */
export interface OpenModal {
  title: ModalView['title'];
  submit?: ModalView['submit'];
  close?: ModalView['close'];
  callback_id?: string;
  private_metadata?: string;
  blocks: KnownBlock[];
}

/**
 * Re-renders an open policy modal after the frequency or the "Also keep" choice changed: the
 * policy blocks are replaced by those that now apply (`fields` hold the person's current values);
 * every other block, the title and the metadata stay as they are.
 */
export function refreshPolicyModal(current: OpenModal, fields: FieldView[], keep: readonly string[]): ModalView {
  const visible = visiblePolicyFields(fields, [], keep);
  const refreshOn = new Set(POLICY_REFRESH_ON);
  const rendered: KnownBlock[] = visible.filter((f) => isPolicyBlockId(f.id)).map((f) => inputBlock(f, refreshOn.has(f.id)));
  const blocks: KnownBlock[] = [];
  let inserted = false;
  for (const block of current.blocks) {
    if (typeof block.block_id === 'string' && isPolicyBlockId(block.block_id)) {
      if (!inserted) blocks.push(...rendered);
      inserted = true;
      continue;
    }
    blocks.push(block);
  }
  if (!inserted) blocks.push(...rendered);
  return {
    type: 'modal',
    title: current.title,
    ...(current.submit ? { submit: current.submit } : {}),
    ...(current.close ? { close: current.close } : {}),
    ...(current.callback_id ? { callback_id: current.callback_id } : {}),
    ...(current.private_metadata ? { private_metadata: current.private_metadata } : {}),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}
