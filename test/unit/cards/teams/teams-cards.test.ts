import { parseIntent } from '../../../../src/flows/intent.schema';
import type { FormView } from '../../../../src/flows/views';
import { formCard, SEARCH_VERB, teamsCard, type AdaptiveCard } from '../../../../cards/teams';
import { parserProblems, schemaProblems } from './card-validation';
import { allViews, everyFieldForm, messageViews, vmPickerForm } from './view-fixtures';

type Json = Record<string, unknown>;

function elements(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Json;
  return [el, ...[el.body, el.items, el.columns, el.actions].filter(Array.isArray).flatMap(elements)];
}
const inputOf = (card: AdaptiveCard, id: string): Json => {
  const input = elements(card).find((e) => String(e.type).startsWith('Input.') && e.id === id);
  if (!input) throw new Error(`no input ${id}`);
  return input;
};
/** The TextBlocks right after an input (its hint and its error). */
const textsAfter = (card: AdaptiveCard, id: string): Json[] => {
  const all = elements(card);
  const at = all.findIndex((e) => e.id === id);
  const out: Json[] = [];
  for (const e of all.slice(at + 1)) {
    if (e.type !== 'TextBlock') break;
    out.push(e);
  }
  return out;
};

const VAULT_NAME_CHECK = { regex: '^[A-Za-z][A-Za-z0-9-]{1,49}$', message: 'Vault names are 2 to 50 characters.' };

describe.each(Object.entries(allViews))('the %s card', (name, view) => {
  const card = teamsCard(view, { textChecks: { 'vault.new': { vaultName: VAULT_NAME_CHECK } } });

  it('is valid Adaptive Card 1.5 JSON (Teams extensions aside)', () => {
    expect(card.version).toBe('1.5');
    expect(schemaProblems(card)).toEqual([]);
  });

  it('parses in the adaptivecards package without errors', () => {
    // The one accepted report: a Teams typeahead may start with no static choices (Teams fills it from Data.Query).
    const typeaheadOnly = elements(card).some((e) => e.type === 'Input.ChoiceSet' && e['choices.data'] && (e.choices as unknown[]).length === 0);
    const problems = parserProblems(card).filter((p) => !(typeaheadOnly && /at least one choice/.test(p)));
    expect(problems).toEqual([]);
  });

  it('carries, on every Action.Execute, the intent its verb names', () => {
    for (const action of elements(card).filter((e) => e.type === 'Action.Execute')) {
      const data = action.data as Json;
      const intent = parseIntent(data.intent);
      expect(intent).toBeDefined();
      if (action.verb !== SEARCH_VERB) expect(action.verb).toBe(intent!.type);
    }
  });

  it('matches its golden copy', () => {
    expect(card).toMatchSnapshot(name);
  });
});

describe('form cards', () => {
  const card = formCard(everyFieldForm, { textChecks: { 'vault.new': { vaultName: VAULT_NAME_CHECK } } });

  it('checks the vault name on the client with its own message, and again shows the server error under it', () => {
    expect(inputOf(card, 'vaultName')).toMatchObject({ type: 'Input.Text', isRequired: true, regex: VAULT_NAME_CHECK.regex, errorMessage: VAULT_NAME_CHECK.message, value: '9-lives' });
    const after = textsAfter(card, 'vaultName');
    expect(after.map((t) => t.text)).toContain('"9-lives" must start with a letter.');
    expect(after.find((t) => t.text === '"9-lives" must start with a letter.')).toMatchObject({ color: 'attention' });
  });

  it('limits the date picker to the allowed range, with a message', () => {
    expect(inputOf(card, 'retainUntil')).toMatchObject({
      type: 'Input.Date',
      isRequired: true,
      min: '2026-11-26',
      max: '2125-11-25',
      value: '2026-12-25',
      errorMessage: 'Pick a date from 2026-11-26 to 2125-11-25.',
    });
  });

  it('shows an error about no field in particular above the fields', () => {
    const texts = elements(card).filter((e) => e.type === 'TextBlock').map((e) => e.text);
    const inputs = elements(card).filter((e) => String(e.type).startsWith('Input.'));
    const all = elements(card);
    expect(texts).toContain('Something about the form as a whole.');
    expect(all.findIndex((e) => e.text === 'Something about the form as a whole.')).toBeLessThan(all.indexOf(inputs[0]));
  });

  it('makes optional fields optional and keeps multi-select values', () => {
    expect(inputOf(card, 'scheduleDays')).toMatchObject({ isMultiSelect: true, value: 'Friday' });
    expect(inputOf(card, 'scheduleDays').isRequired).toBeUndefined();
    expect(inputOf(card, 'redundancy')).toMatchObject({ style: 'expanded', value: 'GeoRedundant' });
  });

  it('renders a type-ahead as Teams dynamic search with the selected VMs kept, plus a search step', () => {
    const vms = inputOf(card, 'vms');
    expect(vms).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', isMultiSelect: true, value: everyFieldForm.fields[6].kind === 'search' ? `${(everyFieldForm.fields[6].selected ?? [])[0].value}` : '' });
    expect(JSON.parse(String((vms['choices.data'] as Json).dataset))).toEqual({ kind: 'vms', location: 'westeurope', unprotectedOnly: true });
    expect((vms.choices as unknown[]).length).toBe(2);
    const search = elements(card).find((e) => e.type === 'Action.Execute' && e.verb === SEARCH_VERB) as Json;
    expect((search.data as Json).search).toMatchObject({ field: 'vms', form: { form: 'vault.new' } });
    expect(inputOf(card, 'vmsSearch').type).toBe('Input.Text');
  });

  it('submits its inputs with the form intent; its other buttons never send inputs', () => {
    const [submit, cancel, link] = card.actions ?? [];
    expect(submit).toMatchObject({ type: 'Action.Execute', verb: 'vault.define', associatedInputs: 'auto', data: { origin: 'form', intent: { type: 'vault.define', values: {} } } });
    expect(((submit as unknown as Json).data as Json).fields).toEqual({
      vaultName: 'one',
      dailyRetention: 'one',
      retainUntil: 'one',
      location: 'one',
      redundancy: 'one',
      scheduleDays: 'many',
      vms: 'many',
    });
    expect(cancel).toMatchObject({ type: 'Action.Execute', verb: 'help', associatedInputs: 'none' });
    expect(link).toMatchObject({ type: 'Action.OpenUrl' });
  });

  it('leaves fields without errors free of error text', () => {
    const clean: FormView = { ...vmPickerForm };
    expect(elements(formCard(clean)).some((e) => e.color === 'attention')).toBe(false);
  });
});

describe('message cards', () => {
  it('colour a failed job and say what to do next', () => {
    const card = teamsCard(messageViews.job);
    const texts = elements(card).filter((e) => e.type === 'TextBlock');
    expect(texts.find((t) => String(t.text).includes('locked'))).toMatchObject({ color: 'attention' });
    expect(texts.map((t) => t.text)).toContain('Remove the lock, then back up again.');
  });

  it('list every step of a plan with its outcome', () => {
    const text = elements(teamsCard(messageViews.notice)).map((e) => e.text).join('\n');
    expect(text).toContain('✔ Create vault vault-weu');
    expect(text).toContain('✘ Enable protection for legacy-01: no VM agent');
    expect(text).toContain('Reference: A1B2C3D4');
  });
});
