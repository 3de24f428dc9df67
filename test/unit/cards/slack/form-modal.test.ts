/** Form modals: Slack's modal limits, field mapping, metadata, and golden snapshots. */
import { encodeOptionValue, fieldErrors, formModal, noticeModal, outcomeModal, searchBlockId, workingModal } from '../../../../cards/slack';
import { formValuesOf } from '../../../../adapters/slack/form-state';
import type { FormView } from '../../../../src/flows/views';
import { decodeOptionValue } from '../../../../cards/slack/option-value';
import { checkFieldErrors, checkModal } from '../../../support/block-kit-limits';
import { FORMS, MESSAGES, vmId } from './fixtures';

type Input = { type: string; block_id?: string; dispatch_action?: boolean; element?: { type: string; action_id: string; options?: unknown[]; option_groups?: unknown[]; initial_option?: { value: string }; initial_date?: string } };

describe('Block Kit form modals', () => {
  it.each(Object.keys(FORMS))('%s stays within Slack limits', (name) => {
    const modal = formModal(FORMS[name], { channel: 'C0OPS', origin: 'cmd:1.2.3' });
    expect(checkModal(modal)).toEqual([]);
  });

  it.each(Object.keys(FORMS))('%s matches its golden', (name) => {
    expect(formModal(FORMS[name], { channel: 'C0OPS', origin: 'cmd:1.2.3' })).toMatchSnapshot();
  });

  it('maps every field to an input whose block id and action id are the field id', () => {
    const modal = formModal(FORMS['enable.vault']);
    const inputs = (modal.blocks as Input[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element?.action_id])).toEqual([
      ['vault', 'vault'],
      ['vaultName', 'vaultName'],
    ]);
    expect(modal.callback_id).toBe('form:enable.vault');
  });

  it('keeps the submit intent, the channel and the type-ahead sources in private_metadata', () => {
    const modal = formModal(FORMS['vault.vms'], { channel: 'C0OPS', origin: 'msg:C0OPS:1.2:now.start' });
    const meta = JSON.parse(modal.private_metadata as string);
    expect(meta.submit).toEqual({ ...FORMS['vault.vms'].submit.intent, values: {} });
    expect(meta.sources.vms).toEqual(FORMS['vault.vms'].fields[0].kind === 'search' ? FORMS['vault.vms'].fields[0].source : undefined);
    expect(meta.channel).toBe('C0OPS');
    expect(meta.origin).toBe('msg:C0OPS:1.2:now.start');
  });

  it('shows the retain-until date picker with its default', () => {
    const input = (formModal(FORMS['now.retain']).blocks as Input[]).find((b) => b.block_id === 'retainUntil');
    expect(input?.element?.type).toBe('datepicker');
    expect(input?.element?.initial_date).toBe('2026-12-25');
  });

  it('offers storage replication as radio buttons, GRS chosen', () => {
    const input = (formModal(FORMS['vault.settings']).blocks as Input[]).find((b) => b.block_id === 'redundancy');
    expect(input?.element?.type).toBe('radio_buttons');
    expect(input?.element?.initial_option?.value).toBe('GeoRedundant');
  });

  it('uses a type-ahead for VMs and writes long ARM ids compactly in option values', () => {
    const input = (formModal(FORMS['vault.vms']).blocks as Input[]).find((b) => b.block_id === 'vms');
    expect(input?.element?.type).toBe('multi_external_select');
    const initial = (input?.element as unknown as { initial_options: { value: string }[] }).initial_options;
    expect(initial[0].value.startsWith('~vm/')).toBe(true);
    expect(decodeOptionValue(initial[0].value)).toMatch(/^\/subscriptions\/.+\/virtualMachines\/web-0$/);
  });

  it('turns long lists into option groups and over-long radio lists into a menu', () => {
    const blocks = formModal(FORMS['invalid-with-errors']).blocks as Input[];
    const region = blocks.find((b) => b.block_id === 'location');
    expect(region?.element?.option_groups).toHaveLength(2);
    expect(region?.element?.initial_option?.value).toBe('westeurope');
    expect(blocks.find((b) => b.block_id === 'many-radio')?.element?.type).toBe('static_select');
  });

  it('answers field errors keyed by input block, and shows the others in the modal', () => {
    const form = FORMS['invalid-with-errors'];
    const errors = fieldErrors(form, form.errors ?? []);
    expect(errors).toEqual({ vaultName: 'A vault name starts with a letter.' });
    expect(checkFieldErrors(formModal(form), errors)).toEqual([]);
    // Slack shows the field's own error when the answer carries it: the modal shows only the others.
    const modal = formModal(form, { inlineErrors: false });
    expect(JSON.stringify(modal.blocks)).toContain('That subscription is not one the bot manages.');
    expect(JSON.stringify(modal.blocks)).not.toContain('A vault name starts with a letter.');
    // A form opened (not answered) with errors shows each under its field, once.
    const inline = JSON.stringify(formModal(form).blocks);
    expect(inline).toContain('A vault name starts with a letter.');
    expect(inline.split('A vault name starts with a letter.')).toHaveLength(2);
  });

  it('builds status modals within limits', () => {
    for (const modal of [workingModal('Enable backup'), noticeModal('Already submitted', 'info', 'x'), outcomeModal('Backup now', MESSAGES['job-queued'], { channel: 'C1' })]) {
      expect(checkModal(modal)).toEqual([]);
    }
    expect(JSON.parse(outcomeModal('Backup now', MESSAGES['job-queued'], { channel: 'C1' }).private_metadata as string)).toEqual({ channel: 'C1' });
  });
});

describe('A VM name that matched several VMs, or none', () => {
  const candidates = [
    { value: vmId('rg-web-prod', 'web-01'), label: 'web-01', description: 'westeurope · rg-web-prod · Running · Not protected' },
    { value: vmId('rg-web-test', 'web-02'), label: 'web-02', description: 'northeurope · rg-web-test · Stopped · Not protected' },
    { value: vmId('rg-web-test', 'web-03'), label: 'web-03', description: 'northeurope · rg-web-test · Running · Protected' },
  ];
  const ambiguous: FormView = {
    ...FORMS['enable.vm'],
    fields: [{ kind: 'search', id: 'vm', label: 'Virtual machine', source: { kind: 'vms' }, multiple: false, minQueryLength: 1, placeholder: 'e.g. web-01', initialOptions: candidates }],
    errors: [{ field: 'vm', code: 'VM_AMBIGUOUS', message: '3 VMs match "web": pick one.' }],
  };
  const notFound: FormView = { ...FORMS['enable.vm'], errors: [{ field: 'vm', code: 'VM_NOT_FOUND', message: 'No VM matches "zzz". Type part of its name, resource group or region.' }] };

  it('says why and offers the candidates to pick, with a search for any other VM', () => {
    const modal = formModal(ambiguous, { channel: 'C0OPS', origin: 'cmd:1' });
    expect(checkModal(modal)).toEqual([]);
    const blocks = modal.blocks as Input[];
    const text = JSON.stringify(blocks);
    expect(text).toContain('3 VMs match \\"web\\": pick one.');
    const pick = blocks.find((b) => b.block_id === 'vm');
    expect(pick?.element?.type).toBe('radio_buttons');
    expect((pick?.element?.options as { value: string }[]).map((o) => decodeOptionValue(o.value))).toEqual(candidates.map((c) => c.value));
    const search = blocks.find((b) => b.block_id === searchBlockId('vm'));
    expect(search?.element?.type).toBe('external_select');
    // The search's option loads find their source under its own action id.
    expect(JSON.parse(modal.private_metadata as string).sources[searchBlockId('vm')]).toEqual({ kind: 'vms' });
    // The error is on the field Slack can point at when the submission comes back empty.
    expect(checkFieldErrors(modal, fieldErrors(ambiguous, [{ field: 'vm', code: 'VM_REQUIRED', message: 'Pick a VM.' }]))).toEqual([]);
  });

  it('says why nothing matched, under the picker', () => {
    const modal = formModal(notFound);
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain('No VM matches \\"zzz\\"');
    const picker = (modal.blocks as Input[]).find((b) => b.block_id === 'vm')?.element as unknown as { type: string; min_query_length: number };
    expect(picker.type).toBe('external_select');
    // Opening the picker lists VMs at once, without typing.
    expect(picker.min_query_length).toBe(0);
  });

  it('reads the choice back as the one field the flows asked for; a pick in the search wins', () => {
    const radio = (value: string | null) => ({ type: 'radio_buttons', selected_option: value === null ? null : { text: { type: 'plain_text', text: 'x' }, value: encodeOptionValue(value) } });
    const search = (value: string | null) => ({ type: 'external_select', selected_option: value === null ? null : { text: { type: 'plain_text', text: 'x' }, value: encodeOptionValue(value) } });
    const state = (a: string | null, b: string | null) => ({ vm: { vm: radio(a) }, [searchBlockId('vm')]: { [searchBlockId('vm')]: search(b) } }) as never;
    expect(formValuesOf(state(candidates[1].value, null))).toEqual({ vm: candidates[1].value });
    expect(formValuesOf(state(null, candidates[2].value))).toEqual({ vm: candidates[2].value });
    expect(formValuesOf(state(candidates[1].value, candidates[0].value))).toEqual({ vm: candidates[0].value });
    expect(formValuesOf(state(null, null))).toEqual({});
  });
});
