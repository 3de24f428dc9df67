import type { SearchInvokeResponse, SearchInvokeValue, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Flows } from '../../src/flows/flows.types';
import type { OptionView, SuggestSource } from '../../src/flows/views';
import { MAX_STATIC_CHOICES } from '../../cards/teams';
import { teamsActor } from './actor';
import { errorResponse, SEARCH_RESPONSE } from './invoke-responses';

const suggestSourceSchema = z.object({
  kind: z.literal('vms'),
  location: z.string().optional(),
  subscriptionId: z.string().optional(),
  unprotectedOnly: z.boolean().optional(),
  protectedOnly: z.boolean().optional(),
});

const optionTitle = (o: OptionView): string => (o.description ? `${o.label} (${o.description})` : o.label);

/** Teams typeahead (Data.Query): the dataset is the field's SuggestSource. */
export async function typeaheadSearch(flows: Pick<Flows, 'suggest'>, context: TurnContext, invokeValue: SearchInvokeValue): Promise<SearchInvokeResponse> {
  let source: SuggestSource;
  try {
    source = suggestSourceSchema.parse(JSON.parse(invokeValue.dataset ?? ''));
  } catch {
    return errorResponse(400, 'UnknownDataset', 'This list cannot be searched.');
  }
  const options = await flows.suggest(source, invokeValue.queryText ?? '', teamsActor(context.activity));
  const skip = Math.max(0, invokeValue.queryOptions?.skip ?? 0);
  const top = Math.min(MAX_STATIC_CHOICES, Math.max(1, invokeValue.queryOptions?.top ?? MAX_STATIC_CHOICES));
  const results = options.slice(skip, skip + top).map((o) => ({ title: optionTitle(o), value: o.value }));
  return { statusCode: 200, type: SEARCH_RESPONSE, value: { results } };
}
