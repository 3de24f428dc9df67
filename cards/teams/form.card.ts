import type { FieldError, FieldView, FormId, FormView, OptionView, SearchField } from '../../src/flows/views';
import type { AdaptiveCard, CardElement, CardInput, Choice, ExecuteAction } from './adaptive-card.types';
import { card, execute, facts, heading, openUrl, subtle, text, toned, type ActionData } from './card-parts';

/** The verb of a form's "Search" button: the search step fallback for clients without typeahead. */
export const SEARCH_VERB = 'form.search';
/** At most this many static choices in a type-ahead field (Teams shows 15 typeahead results). */
export const MAX_STATIC_CHOICES = 15;
/** Id of the search text input that goes with a type-ahead field. */
export const searchInputId = (fieldId: string): string => `${fieldId}Search`;

/** A check the client runs on a text input before it sends anything (Input.Text regex). */
export interface TextCheck {
  regex: string;
  message: string;
}

export interface FormCardOptions {
  /** Client-side checks of text fields, by form and field id (the server checks again). */
  textChecks?: Partial<Record<FormId, Record<string, TextCheck>>>;
}

/**
 * The data of a form's Search button: the form itself (to render it again with the matches) and
 * which type-ahead field to search.
 */
export interface SearchActionData extends ActionData {
  search: { field: string; form: FormView };
}

/** A form view as a card with inputs; submitting it sends `submit.intent` with the inputs. */
export function formCard(view: FormView, options: FormCardOptions = {}): AdaptiveCard {
  const errors = view.errors ?? [];
  const fieldIds = new Set(view.fields.map((f) => f.id));
  const orphanErrors = errors.filter((e) => !fieldIds.has(e.field));
  const checks = options.textChecks?.[view.form] ?? {};

  const body: CardElement[] = [
    ...(view.step ? [subtle(view.step.text)] : []),
    heading(view.title),
    ...(view.sections ?? []).map((s) => text(s)),
    ...facts(view.facts ?? []),
    ...orphanErrors.map((e) => toned(e.message, 'error')),
    ...view.fields.flatMap((field) => fieldElements(view, field, errors, checks[field.id])),
  ];

  const fields: Record<string, 'one' | 'many'> = {};
  for (const f of view.fields) fields[f.id] = isMultiValued(f) ? 'many' : 'one';
  const submitData: ActionData = { intent: { ...view.submit.intent, values: {} }, origin: 'form', fields };
  const submit: ExecuteAction = {
    type: 'Action.Execute',
    title: view.submit.label,
    verb: view.submit.intent.type,
    data: submitData,
    associatedInputs: 'auto',
    style: 'positive',
  };

  return card(
    body,
    [submit, ...(view.actions ?? []).map((b) => execute(b, 'form')), ...(view.links ?? []).map(openUrl)],
    `${view.title}: open this card in Microsoft Teams to continue.`,
  );
}

function isMultiValued(field: FieldView): boolean {
  return field.kind === 'multi-select' || (field.kind === 'search' && field.multiple);
}

function fieldElements(view: FormView, field: FieldView, errors: FieldError[], check: TextCheck | undefined): CardElement[] {
  const own = errors.filter((e) => e.field === field.id);
  return [
    input(field, check),
    ...(field.hint ? [subtle(field.hint)] : []),
    ...own.map((e) => toned(e.message, 'error', { spacing: 'small', size: 'small', weight: 'bolder' })),
    ...(field.kind === 'search' ? searchStep(view, field) : []),
  ];
}

function required(field: FieldView): { isRequired?: boolean; errorMessage?: string } {
  // A field required in one case only cannot be isRequired: the flows check it (views.ts: requiredWhen).
  if (field.optional || field.requiredWhen) return {};
  return { isRequired: true, errorMessage: field.hint ?? `${field.label} is required.` };
}

const choice = (o: OptionView): Choice => ({ title: o.description ? `${o.label} (${o.description})` : o.label, value: o.value });

function input(field: FieldView, check: TextCheck | undefined): CardInput {
  const base = { id: field.id, label: field.label };
  switch (field.kind) {
    case 'text':
      return {
        type: 'Input.Text',
        ...base,
        ...required(field),
        ...(field.value !== undefined ? { value: field.value } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(check ? { regex: check.regex, errorMessage: check.message } : {}),
      };
    case 'number':
      return {
        type: 'Input.Number',
        ...base,
        ...required(field),
        ...(field.value !== undefined ? { value: field.value } : {}),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(field.min !== undefined || field.max !== undefined
          ? { errorMessage: field.hint ?? `Enter a number from ${field.min ?? '…'} to ${field.max ?? '…'}.` }
          : {}),
      };
    case 'date':
      return {
        type: 'Input.Date',
        ...base,
        ...required(field),
        ...(field.value ? { value: field.value } : {}),
        ...(field.min ? { min: field.min } : {}),
        ...(field.max ? { max: field.max } : {}),
        // The input's own error says what is wrong (the hint is already shown under it).
        ...(field.min || field.max ? { errorMessage: `Pick a date from ${field.min ?? 'today'} to ${field.max ?? 'any later date'}.` } : {}),
      };
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        ...base,
        ...required(field),
        choices: field.options.map(choice),
        style: field.style === 'radio' ? 'expanded' : 'compact',
        ...(field.value !== undefined ? { value: field.value } : {}),
        wrap: true,
      };
    case 'multi-select':
      return {
        type: 'Input.ChoiceSet',
        ...base,
        ...required(field),
        choices: field.options.map(choice),
        isMultiSelect: true,
        style: 'expanded',
        ...(field.values?.length ? { value: field.values.join(',') } : {}),
        wrap: true,
      };
    case 'search':
      return searchInput(field);
  }
}

/**
 * A type-ahead over the whole inventory: the selected and best-first options as static choices,
 * and a Data.Query for Teams to ask the bot (`application/search`) as the person types. Not
 * required on the client, so that the Search button below can run before anything is chosen;
 * the flows check it on submit.
 */
function searchInput(field: SearchField): CardInput {
  const options = dedupe([...(field.selected ?? []), ...(field.initialOptions ?? [])]).slice(0, MAX_STATIC_CHOICES);
  return {
    type: 'Input.ChoiceSet',
    id: field.id,
    label: field.label,
    choices: options.map(choice),
    'choices.data': { type: 'Data.Query', dataset: JSON.stringify(field.source), count: MAX_STATIC_CHOICES },
    style: 'filtered',
    ...(field.multiple ? { isMultiSelect: true } : {}),
    ...(field.selected?.length ? { value: field.selected.map((o) => o.value).join(',') } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
    wrap: true,
  };
}

/** The search step: a text box and a button that render the form again with the matching options. */
function searchStep(view: FormView, field: SearchField): CardElement[] {
  const data: SearchActionData = {
    intent: { ...view.submit.intent, values: {} },
    origin: 'form',
    search: { field: field.id, form: { ...view, errors: undefined } },
  };
  return [
    {
      type: 'ColumnSet',
      spacing: 'small',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.Text',
              id: searchInputId(field.id),
              label: (field.selected?.length ?? 0) + (field.initialOptions?.length ?? 0) > 0 ? 'Or search by name' : 'Search by name',
              placeholder: field.placeholder ?? 'Part of the name',
              maxLength: 80,
            },
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'bottom',
          items: [
            {
              type: 'ActionSet',
              actions: [{ type: 'Action.Execute', title: 'Search', verb: SEARCH_VERB, data, associatedInputs: 'auto' }],
            },
          ],
        },
      ],
    },
  ];
}

function dedupe(options: OptionView[]): OptionView[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}
