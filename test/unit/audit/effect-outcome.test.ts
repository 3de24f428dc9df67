import { effectDetail, effectOutcome, effectSummary, resultResourceIds } from '../../../src/audit/effect-outcome';
import type { Intent } from '../../../src/flows/intents';
import type { FlowResult, MessageView, NoticeView, ProtectionResultView } from '../../../src/flows/views';

const VAULT = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv', name: 'rsv', resourceGroup: 'rg', location: 'westeurope', subscriptionId: 's' };
const vmId = (n: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${n}`;
const msg = (view: MessageView): FlowResult => ({ kind: 'message', view, placement: 'new' });
const notice = (tone: NoticeView['tone'], steps?: NoticeView['steps']): FlowResult => msg({ kind: 'notice', tone, title: 'T', text: 'x', actions: [], ...(steps ? { steps } : {}) });
const protection = (tone: ProtectionResultView['tone'], ok: boolean[], steps: ProtectionResultView['steps'] = []): FlowResult =>
  msg({
    kind: 'protection-result',
    tone,
    title: 't',
    vault: VAULT,
    steps,
    outcomes: ok.map((o, i) => ({ vm: { id: vmId(`vm-${i}`), name: `vm-${i}` }, ok: o, text: o ? 'Protected' : 'Azure had an internal error', tone: o ? 'success' : 'error', ...(o ? {} : { code: 'AZURE_SERVER_ERROR' }), actions: [] })),
    actions: [],
    links: [],
  });

describe('the effect of a changing action, read from its answer', () => {
  it.each<[string, FlowResult, string]>([
    ['a form (the next step)', { kind: 'form', view: { kind: 'form', form: 'now.retain', title: 't', fields: [], submit: { label: 's', intent: { type: 'now.submit', vmId: 'x', values: {} } } } }, 'none'],
    ['field errors', { kind: 'invalid', view: { kind: 'form', form: 'now.retain', title: 't', fields: [], submit: { label: 's', intent: { type: 'now.submit', vmId: 'x', values: {} } } }, errors: [] }, 'none'],
    ['an info notice (already protected)', notice('info'), 'none'],
    ['a warning notice (not protected yet)', notice('warning'), 'none'],
    ['a success notice (subscribed)', notice('success'), 'succeeded'],
    ['an error notice', notice('error'), 'failed'],
    ['an error after a step was done', notice('error', [{ step: 'Create vault', status: 'done' }, { step: 'Enable', status: 'failed' }]), 'partial'],
    ['every VM protected', protection('success', [true, true]), 'succeeded'],
    ['some VMs protected', protection('warning', [true, false]), 'partial'],
    ['no VM protected, vault created', protection('error', [false], [{ step: 'Create vault', status: 'done' }]), 'partial'],
    ['nothing done', protection('error', [false, false]), 'failed'],
  ])('%s: %s', (_what, result, outcome) => {
    expect(effectOutcome(result)).toBe(outcome);
  });

  it('names what was asked, each VM\'s outcome, and the ids involved', () => {
    const intent: Intent = { type: 'vault.chooseVms', vault: { kind: 'new', subscriptionId: 's', resourceGroup: 'rg', location: 'westeurope', name: 'rsv' }, redundancy: 'LocallyRedundant', policy: { kind: 'default' }, values: { vms: [vmId('vm-0'), vmId('vm-1')] } };
    const result = protection('warning', [true, false]);
    expect(effectSummary(intent, result)).toBe('Enable backup for 2 VMs (vm-0, vm-1) in new vault rsv with policy DefaultPolicy, storage replication LocallyRedundant');
    expect(effectSummary(intent)).toBe('Enable backup for 2 VMs (vm-0, vm-1) in new vault rsv with policy DefaultPolicy, storage replication LocallyRedundant');
    expect(effectDetail(result)).toBe('vm-0: Protected; vm-1: not protected (AZURE_SERVER_ERROR: Azure had an internal error)');
    expect(resultResourceIds(result)).toEqual([VAULT.id, vmId('vm-0'), vmId('vm-1')]);
  });
});

describe('the audit summary of a Backup now', () => {
  const intent: Intent = { type: 'now.submit', vmId: vmId('web-01'), values: { retainUntil: '2026-12-31' } };
  it('says the retain-until day as the product does, counted from the request (true whenever it is read)', () => {
    expect(effectSummary(intent, undefined, new Date('2026-12-07T23:40:00Z'))).toBe('Backup now of web-01, kept until 31 Dec 2026 (24 days from the request)');
    expect(effectSummary(intent, undefined, new Date('2026-12-31T08:00:00Z'))).toBe('Backup now of web-01, kept until 31 Dec 2026 (the day of the request)');
  });
  it('keeps text it cannot read as a day as it was typed', () => {
    expect(effectSummary({ ...intent, values: { retainUntil: 'soon' } } as Intent, undefined, new Date('2026-12-07T00:00:00Z'))).toBe('Backup now of web-01, kept until soon');
  });
});
