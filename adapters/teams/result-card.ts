import { VAULT_NAME_PATTERN, VAULT_NAME_RULE_TEXT } from '../../src/domain/vault-name.rule';
import type { Flows } from '../../src/flows/flows.types';
import type { Actor } from '../../src/flows/intents';
import type { FieldView, FlowResult } from '../../src/flows/views';
import { MAX_STATIC_CHOICES, teamsCard, type AdaptiveCard, type FormCardOptions } from '../../cards/teams';

/** Client-side checks the flows' text fields get in Teams (the flows check again on submit). */
export const TEAMS_FORM_OPTIONS: FormCardOptions = {
  textChecks: {
    'vault.new': { vaultName: { regex: VAULT_NAME_PATTERN, message: VAULT_NAME_RULE_TEXT } },
    'enable.vault': { vaultName: { regex: VAULT_NAME_PATTERN, message: VAULT_NAME_RULE_TEXT } },
  },
};

/**
 * The card of a flow result. A type-ahead field that comes without options gets the first
 * matches as static choices: Teams shows them before anything is typed, and clients without
 * typeahead (and the adaptivecards renderer) need at least one choice.
 */
export async function resultCard(flows: Pick<Flows, 'suggest'>, actor: Actor, result: FlowResult): Promise<AdaptiveCard> {
  if (result.view.kind !== 'form') return teamsCard(result.view, TEAMS_FORM_OPTIONS);
  const fields = await Promise.all(
    result.view.fields.map(async (f): Promise<FieldView> => {
      if (f.kind !== 'search' || f.initialOptions?.length || f.selected?.length) return f;
      return { ...f, initialOptions: (await flows.suggest(f.source, '', actor)).slice(0, MAX_STATIC_CHOICES) };
    }),
  );
  return teamsCard({ ...result.view, fields }, TEAMS_FORM_OPTIONS);
}
