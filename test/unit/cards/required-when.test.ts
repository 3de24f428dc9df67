import { formModal } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import type { FormView } from '../../../src/flows/views';
import { POLICY_FIELDS } from '../../../src/flows/views';
import { expectForm, flowsFixture, submit } from '../flows/support/flows-fixture';

interface SlackInput {
  type: string;
  block_id?: string;
  optional?: boolean;
  hint?: { text: string };
}
interface TeamsInput {
  id?: string;
  isRequired?: boolean;
  type: string;
}

const slackInput = (form: FormView, id: string): SlackInput | undefined =>
  (formModal(form).blocks as SlackInput[]).find((b) => b.type === 'input' && b.block_id === id);
function teamsInput(form: FormView, id: string): TeamsInput | undefined {
  const found: TeamsInput[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if ((n as TeamsInput).id === id && String((n as TeamsInput).type).startsWith('Input.')) found.push(n as TeamsInput);
      Object.values(n).forEach(walk);
    }
  };
  walk(teamsCard(form));
  return found[0];
}

async function vaultStep() {
  const fx = flowsFixture();
  fx.backup.addVm({ name: 'web-01', resourceGroup: 'rg-web', location: 'westeurope' });
  fx.backup.addVault('vault-weu', 'westeurope');
  return { fx, form: expectForm(await fx.handle({ type: 'enable.start', vm: 'web-01' })) };
}

describe('a field says "(optional)" only when it is', () => {
  it('the new vault name is required when "Create a new vault" is chosen, not optional (Slack and Teams)', async () => {
    const { form } = await vaultStep();
    const slack = slackInput(form, 'vaultName');
    expect(slack?.optional).toBeUndefined();
    expect(slack?.hint?.text).toMatch(/^Required when "Create a new vault" is chosen/);
    // Teams cannot make it conditional: no isRequired (an existing vault needs no name); the flow checks it.
    expect(teamsInput(form, 'vaultName')?.isRequired).toBeUndefined();
  });

  it('refuses "Create a new vault" without a name, on the name field', async () => {
    const { fx, form } = await vaultStep();
    const r = await fx.handle(submit(form, { vault: 'new', vaultName: '' }));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.errors[0].field).toBe('vaultName');
  });

  it('weekly retention and the schedule days are required when the schedule is weekly', async () => {
    const { fx, form } = await vaultStep();
    const policyStep = expectForm(await fx.handle(submit(form, { vault: form.fields[0].kind === 'select' ? form.fields[0].options[0].value : '' })));
    const newPolicy = expectForm(await fx.handle(submit(policyStep, { policy: 'new' })));
    for (const id of [POLICY_FIELDS.weeklyWeeks, POLICY_FIELDS.scheduleDays]) {
      const field = newPolicy.fields.find((f) => f.id === id);
      expect(field).toMatchObject({ requiredWhen: 'the schedule is weekly' });
      expect(field?.optional).toBeUndefined();
      expect(field?.hint).toMatch(/^Required when the schedule is weekly/);
    }
    // In Slack the weekly fields show with a weekly schedule only, then as required.
    const weekly = { ...newPolicy, fields: newPolicy.fields.map((f) => (f.id === POLICY_FIELDS.frequency && f.kind === 'select' ? { ...f, value: 'Weekly' } : f)) };
    expect(slackInput(weekly, POLICY_FIELDS.weeklyWeeks)?.optional).toBeUndefined();
  });
});
