/**
 * The search step of a form (the Search button next to a type-ahead field, for clients without
 * typeahead): the same form again, with the options that match what was typed and the values
 * the person had entered.
 */
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Flows } from '../../src/flows/flows.types';
import type { FieldView, FormView, SearchField } from '../../src/flows/views';
import { MAX_STATIC_CHOICES, teamsCard } from '../../cards/teams';
import { teamsActor } from './actor';
import type { CardAction } from './card-action-data';
import { cardResponse, errorResponse } from './invoke-responses';
import { TEAMS_FORM_OPTIONS } from './result-card';

export async function searchStep(flows: Pick<Flows, 'suggest'>, context: TurnContext, action: CardAction): Promise<AdaptiveCardInvokeResponse> {
  const search = action.search;
  const field = search?.form.fields.find((f): f is SearchField => f.id === search.field && f.kind === 'search');
  if (!search || !field) return errorResponse(400, 'BadActionData', 'This search has no list to search in.');
  const matches = await flows.suggest(field.source, search.query, teamsActor(context.activity));
  const previous = [...(field.selected ?? []), ...(field.initialOptions ?? [])];
  const chosen = new Set(asList(search.values[field.id]));
  const searched: SearchField = {
    ...field,
    selected: previous.filter((o) => chosen.has(o.value)),
    initialOptions: matches.slice(0, MAX_STATIC_CHOICES),
    hint: search.query
      ? matches.length
        ? `${matches.length > MAX_STATIC_CHOICES ? `First ${MAX_STATIC_CHOICES} of ${matches.length}` : matches.length} matching "${search.query}".`
        : `Nothing matches "${search.query}". Try another part of the name.`
      : field.hint,
  };
  const form: FormView = {
    ...search.form,
    errors: undefined,
    fields: search.form.fields.map((f) => (f.id === field.id ? searched : keepValue(f, search.values[f.id]))),
  };
  return cardResponse(teamsCard(form, TEAMS_FORM_OPTIONS));
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A field with the value the person had entered when they pressed Search. */
function keepValue(field: FieldView, value: string | string[] | undefined): FieldView {
  if (value === undefined) return field;
  switch (field.kind) {
    case 'text':
      return { ...field, value: asList(value)[0] };
    case 'number': {
      const n = Number(asList(value)[0]);
      return Number.isFinite(n) ? { ...field, value: n } : field;
    }
    case 'date':
    case 'select':
      return { ...field, value: asList(value)[0] };
    case 'multi-select':
      return { ...field, values: asList(value) };
    case 'search':
      return field;
  }
}
