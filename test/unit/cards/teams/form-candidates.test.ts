/** A VM name that matched several VMs, or none, as a Teams form card: the reason and the candidates. */
import { formCard, type AdaptiveCard } from '../../../../cards/teams';
import type { FormView, OptionView } from '../../../../src/flows/views';
import { parserProblems, schemaProblems } from './card-validation';

type Json = Record<string, unknown>;

function elements(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (typeof node !== 'object' || node === null) return [];
  const el = node as Json;
  return [el, ...[el.body, el.items, el.columns, el.actions].filter(Array.isArray).flatMap(elements)];
}
const texts = (card: AdaptiveCard): string[] => elements(card).filter((e) => e.type === 'TextBlock').map((e) => String(e.text));

const SUB = '3c1a5a0e-6d2b-4b8e-9f4a-1e2d3c4b5a61';
const vm = (rg: string, name: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const candidates: OptionView[] = [
  { value: vm('rg-web-prod', 'web-01'), label: 'web-01', description: 'westeurope · rg-web-prod' },
  { value: vm('rg-web-test', 'web-02'), label: 'web-02', description: 'northeurope · rg-web-test' },
];
const picker = (extra: Partial<FormView>): FormView => ({
  kind: 'form',
  form: 'enable.vm',
  title: 'Enable backup',
  sections: ['Which VM should be backed up?'],
  fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01' }],
  submit: { label: 'Next', intent: { type: 'enable.chooseVm', values: {} } },
  ...extra,
});

describe('Teams: a VM name that matched several VMs, or none', () => {
  it('shows why, and the matching VMs as the choices of the picker', () => {
    const view = picker({
      fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, initialOptions: candidates }],
      errors: [{ field: 'vm', code: 'VM_AMBIGUOUS', message: '2 VMs match "web": pick one.' }],
    });
    const card = formCard(view);
    expect(schemaProblems(card)).toEqual([]);
    expect(parserProblems(card)).toEqual([]);
    expect(texts(card)).toContain('2 VMs match "web": pick one.');
    const input = elements(card).find((e) => e.id === 'vm') as Json;
    expect((input.choices as Json[]).map((c) => c.value)).toEqual(candidates.map((c) => c.value));
  });

  it('shows why nothing matched', () => {
    const card = formCard(picker({ errors: [{ field: 'vm', code: 'VM_NOT_FOUND', message: 'No VM matches "zzz".' }] }));
    expect(texts(card)).toContain('No VM matches "zzz".');
  });
});
