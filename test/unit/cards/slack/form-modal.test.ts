/** Form modals: Slack's modal limits, field mapping, metadata, and golden snapshots. */
import { fieldErrors, formModal, noticeModal, outcomeModal, workingModal } from '../../../../cards/slack';
import { decodeOptionValue } from '../../../../cards/slack/option-value';
import { checkFieldErrors, checkModal } from '../../../support/block-kit-limits';
import { FORMS, MESSAGES } from './fixtures';

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
    const modal = formModal(form);
    expect(JSON.stringify(modal.blocks)).toContain('That subscription is not one the bot manages.');
    expect(JSON.stringify(modal.blocks)).not.toContain('A vault name starts with a letter.');
    const inline = formModal(form, { inlineErrors: true });
    expect(JSON.stringify(inline.blocks)).toContain('A vault name starts with a letter.');
  });

  it('builds status modals within limits', () => {
    for (const modal of [workingModal('Enable backup'), noticeModal('Already submitted', 'info', 'x'), outcomeModal('Backup now', MESSAGES['job-queued'], { channel: 'C1' })]) {
      expect(checkModal(modal)).toEqual([]);
    }
    expect(JSON.parse(outcomeModal('Backup now', MESSAGES['job-queued'], { channel: 'C1' }).private_metadata as string)).toEqual({ channel: 'C1' });
  });
});
