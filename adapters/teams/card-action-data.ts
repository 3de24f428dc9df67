import { z } from 'zod';
import { INTENT_TYPES, type FormValues, type Intent } from '../../src/flows/intents';
import { parseIntent } from '../../src/flows/intent.schema';
import type { FormView } from '../../src/flows/views';
import { searchInputId, type CardOrigin } from '../../cards/teams';

/**
 * What an Action.Execute brought back: the intent its button carries, where the card came from,
 * and the card's input values (Teams merges them into `data`, keyed by input id).
 */
export interface CardAction {
  intent: Intent;
  origin: CardOrigin;
  /** The form's input values, keyed by field id (submit buttons only). */
  values: FormValues;
  /** The search step: the form to render again and the field to search. */
  search?: { field: string; form: FormView; query: string; values: FormValues };
}

const dataSchema = z
  .object({
    intent: z.unknown(),
    origin: z.enum(['form', 'message']).default('message'),
    fields: z.record(z.enum(['one', 'many'])).optional(),
    search: z
      .object({
        field: z.string().min(1),
        form: z
          .object({
            kind: z.literal('form'),
            title: z.string(),
            fields: z.array(z.object({ id: z.string(), kind: z.string() }).passthrough()),
            submit: z.object({ label: z.string(), intent: z.object({ type: z.enum(INTENT_TYPES) }).passthrough() }).passthrough(),
          })
          .passthrough(),
      })
      .optional(),
  })
  .passthrough();

/** Input values as Teams sends them: strings; a multi-select gives "a,b,c". */
function readValues(data: Record<string, unknown>, fields: Record<string, 'one' | 'many'>): FormValues {
  const values: FormValues = {};
  for (const [id, arity] of Object.entries(fields)) {
    const raw = data[id];
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    if (text === undefined) continue;
    values[id] = arity === 'many' ? text.split(',').map((v) => v.trim()).filter(Boolean) : text;
  }
  return values;
}

const fieldArity = (form: FormView): Record<string, 'one' | 'many'> =>
  Object.fromEntries(
    form.fields.map((f) => [f.id, f.kind === 'multi-select' || (f.kind === 'search' && f.multiple) ? 'many' : 'one']),
  );

/**
 * Reads an Action.Execute's verb and data. The verb must be the intent's type (a card action
 * does what a person could type); anything else is refused. Returns an error sentence when the
 * data is not one of this bot's actions.
 */
export function readCardAction(verb: string, data: unknown, searchVerb: string): CardAction | { error: string } {
  const parsed = dataSchema.safeParse(data);
  if (!parsed.success) return { error: 'This card action is not one the bot knows. Type `backup help` to start again.' };
  const { origin, fields, search } = parsed.data;
  const record = parsed.data as Record<string, unknown>;
  const intent = parseIntent(parsed.data.intent);
  if (!intent) return { error: 'This card action is not one the bot knows. Type `backup help` to start again.' };
  if (verb === searchVerb) {
    if (!search) return { error: 'This search has no form to search in.' };
    // Shape checked above; the flows validate every value of the intent it carries again.
    const form = search.form as unknown as FormView;
    const typed = record[searchInputId(search.field)];
    const query = typeof typed === 'string' ? typed : '';
    return {
      intent,
      origin,
      values: {},
      search: { field: search.field, form, query: query.trim(), values: readValues(record, fieldArity(form)) },
    };
  }
  if (intent.type !== verb) return { error: 'This card action does not match its button.' };
  // A button without inputs (e.g. "Retry the VMs that failed") keeps the values its intent carries.
  const values = fields ? readValues(record, fields) : 'values' in intent ? intent.values : {};
  return { intent: 'values' in intent ? ({ ...intent, values } as Intent) : intent, origin, values };
}
