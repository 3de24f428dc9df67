/** Who an answer is for: one rule for every platform (src/access/audience.ts). */
import { audienceOf, isShareable } from '../../../src/access/audience';
import { messageResult, notice } from '../../../src/flows/flow-results';
import type { FlowResult, JobListView, ProtectionResultView, VaultRef } from '../../../src/flows/views';

const vault: VaultRef = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v', name: 'v', resourceGroup: 'rg', location: 'westeurope', subscriptionId: 's' };
const jobs: JobListView = { kind: 'job-list', filter: 'last24h', title: 'Backup jobs, last 24 hours', summaryText: 'none', jobs: [], problems: [], actions: [] };
const protection = (ok: boolean, stepDone: boolean): FlowResult =>
  messageResult({
    kind: 'protection-result',
    tone: ok ? 'success' : 'error',
    title: 'x',
    vault,
    steps: [{ step: 'Create vault v', status: stepDone ? 'done' : 'failed' }],
    outcomes: [{ vm: { id: 'vm', name: 'web-01' }, ok, text: 'x', tone: ok ? 'success' : 'error', actions: [] }],
    actions: [],
    links: [],
  } satisfies ProtectionResultView);
const confirm = { intent: { type: 'enable.confirm' as const, vmId: 'vm', vault: { kind: 'existing' as const, vaultId: vault.id }, policy: { kind: 'default' as const }, values: {} } };

describe('who an answer is for', () => {
  it('keeps read-only answers, usage errors and refusals with the asker', () => {
    expect(audienceOf({ text: 'vms web' }, messageResult({ kind: 'help', title: 'h', commands: [], actions: [] }))).toEqual({ audience: 'asker' });
    expect(audienceOf({ text: 'enabel web' }, messageResult({ kind: 'help', title: 'h', problem: 'Unknown command', commands: [], actions: [] }))).toEqual({ audience: 'asker' });
    expect(audienceOf(confirm, messageResult(notice('warning', 'Enabling backup needs the admin role', 'x')))).toEqual({ audience: 'asker' });
    expect(audienceOf({ text: 'admin grant operator <@U1>' }, messageResult(notice('warning', 'Granting a role needs the admin role', 'x')))).toEqual({ audience: 'asker' });
    expect(audienceOf({ text: 'admin roles' }, messageResult(notice('info', 'Roles', 'x')))).toEqual({ audience: 'asker' });
  });

  it('announces what changed Azure or the channel\'s settings, and nothing when nothing changed', () => {
    expect(audienceOf(confirm, protection(true, true)).audience).toBe('channel');
    expect(audienceOf(confirm, protection(false, true)).audience).toBe('channel');
    expect(audienceOf(confirm, protection(false, false)).audience).toBe('asker');
    expect(audienceOf({ text: 'admin grant operator <@U1>' }, messageResult(notice('success', 'U1 is now operator', 'x'))).audience).toBe('channel');
    expect(audienceOf({ text: 'subscribe vault v' }, messageResult(notice('success', 'This channel now follows v', 'x'))).audience).toBe('channel');
  });

  it('gives a followed job message to the channel, and forms to the asker', () => {
    const job = { ...messageResult(notice('info', 'x', 'y')), track: { job: { vaultId: vault.id, jobName: 'j' }, context: {} } };
    expect(audienceOf({ text: 'now web-01' }, job).audience).toBe('channel');
    expect(audienceOf({ text: 'enable' }, { kind: 'form', view: { kind: 'form', form: 'enable.vm', title: 't', fields: [], submit: { label: 'Next', intent: { type: 'enable.chooseVm', values: {} } } } }).audience).toBe('asker');
  });

  it('offers to share status and job lists, by the intent that makes them again', () => {
    expect(audienceOf({ text: 'jobs' }, messageResult(jobs))).toEqual({ audience: 'asker', share: { type: 'jobs.list' } });
    expect(audienceOf({ intent: { type: 'jobs.list', filter: 'failed' } }, messageResult(jobs)).share).toEqual({ type: 'jobs.list', filter: 'failed' });
    expect(isShareable({ type: 'status', target: 'web-01' })).toBe(true);
    expect(isShareable(confirm.intent)).toBe(false);
  });
});
