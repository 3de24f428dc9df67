/**
 * A modal's submitted state (view.state.values) as the flows' FormValues: one entry per input
 * block, keyed by block id (= field id), raw strings (the flows validate). Option values come
 * back from their compact Slack form to full ARM ids. A field offered as candidates with a
 * search beside it (cards/slack searchBlockId) gives one value: the search's when one was picked.
 */
import type { ViewStateValue } from '@slack/bolt';
import { decodeOptionValue, fieldIdOfBlock } from '../../cards/slack';
import type { FormValues } from '../../src/flows/intents';

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

function valueOf(state: ViewStateValue): string | string[] | undefined {
  if (state.selected_options !== undefined) return state.selected_options.map((o) => decodeOptionValue(o.value));
  if (state.selected_option !== undefined) return state.selected_option === null ? undefined : decodeOptionValue(state.selected_option.value);
  if (state.selected_date !== undefined) return state.selected_date ?? undefined;
  if (state.selected_time !== undefined) return state.selected_time ?? undefined;
  if (state.value !== undefined) return state.value ?? undefined;
  return undefined;
}

export function formValuesOf(values: ViewStateValues | undefined): FormValues {
  const out: FormValues = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    // One element per input block; its action id is the field id too.
    const state = actions[blockId] ?? Object.values(actions)[0];
    if (state === undefined) continue;
    const v = valueOf(state);
    if (v === undefined) continue;
    const field = fieldIdOfBlock(blockId);
    // The search beside a field's candidates is the person's deliberate second choice: it wins.
    if (field === blockId && out[field] !== undefined) continue;
    out[field] = v;
  }
  return out;
}
