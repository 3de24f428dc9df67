/** Job results in full: every error and warning with Azure's recommendations, and cancel asked first. */
import { messageBlocks } from '../../../cards/slack';
import { teamsCard } from '../../../cards/teams';
import { AzureError } from '../../../src/domain/errors';
import { expectMessage, flowsFixture } from './support/flows-fixture';

const AGENT = {
  code: '400001',
  message: 'VM Agent unable to communicate with Azure Backup',
  recommendations: ['Ensure that the VM is running and that its Azure VM Guest Agent is installed, started and reports Ready.', 'If the agent is stopped, restart or reinstall it, then retry the backup.'],
};
const LOCK = {
  code: '400002',
  message: 'The Restore Point collection max limit has reached.',
  recommendations: ['Please ensure that there are no resource locks which prevents Restore points cleanup.'],
};
const VSS = {
  code: '400101',
  message: 'Snapshot operation could not use VSS because VSS writers were in a bad state; the recovery point is crash-consistent.',
  recommendations: ['Restart the VSS writers that are in a bad state: run vssadmin list writers.'],
};

async function running() {
  const fx = flowsFixture();
  const vm = fx.backup.addVm({ name: 'web-01' });
  const vault = fx.backup.addVault('vault-weu');
  const item = fx.backup.protect(vm, vault);
  const job = await fx.backup.backupNow(item, new Date('2024-06-01T23:59:59Z'));
  const key = { vaultId: vault.id, jobName: job.name };
  const context = { vmId: vm.id, vmName: 'web-01', location: 'westeurope' };
  return { fx, vm, vault, job, key, context };
}

describe('a finished job shows every error or warning Azure gave', () => {
  it('a failed job lists both errors, each with code, message, Azure\'s recommendations and the next step', async () => {
    const { fx, job, key, context } = await running();
    fx.backup.finishJob(job.name, 'Failed', [AGENT, LOCK]);
    const view = expectMessage(await fx.handle({ type: 'job.refresh', ...key, context }), 'job');
    expect(view.phase).toBe('failed');
    expect(view.problems).toEqual([
      expect.objectContaining({ tone: 'error', heading: 'Error 1 of 2', code: '400001', message: AGENT.message, recommendations: AGENT.recommendations, nextStep: expect.stringContaining('Azure VM agent on web-01') }),
      expect.objectContaining({ tone: 'error', heading: 'Error 2 of 2', code: '400002', message: LOCK.message, recommendations: LOCK.recommendations, nextStep: expect.stringContaining('AzureBackupRG_westeurope_1') }),
    ]);
    const slack = JSON.stringify(messageBlocks(view).blocks);
    const teams = JSON.stringify(teamsCard(view));
    for (const text of [slack, teams]) {
      for (const words of ['Error 1 of 2', 'Error 2 of 2', AGENT.recommendations[1], LOCK.recommendations[0], 'Azure recommends']) expect(text).toContain(words);
    }
  });

  it('a job completed with warnings says the backup completed, and shows each warning and what to do', async () => {
    const { fx, job, key, context } = await running();
    fx.backup.finishJob(job.name, 'CompletedWithWarnings', VSS);
    const view = expectMessage(await fx.handle({ type: 'job.refresh', ...key, context }), 'job');
    expect(view.statusText).toMatch(/^Completed with warnings in/);
    expect(view.problemsIntro).toMatch(/recovery point was made/);
    expect(view.problems).toEqual([{ tone: 'warning', heading: 'Warning', code: '400101', message: VSS.message, recommendations: VSS.recommendations }]);
    expect(JSON.stringify(messageBlocks(view).blocks)).toContain('vssadmin list writers');
    expect(JSON.stringify(teamsCard(view))).toContain('vssadmin list writers');
  });

  it('a failed job Azure gave no reason for says so', async () => {
    const { fx, job, key } = await running();
    fx.backup.finishJob(job.name, 'Failed');
    const view = expectMessage(await fx.handle({ type: 'job.refresh', ...key }), 'job');
    expect(view.problems).toEqual([expect.objectContaining({ heading: 'Error', message: 'Azure did not say why the job failed.' })]);
  });
});

describe('cancel from the job message asks first', () => {
  it('Slack asks in Block Kit\'s confirmation dialog; the button then sends the cancel itself', async () => {
    const { fx, key, context } = await running();
    const view = expectMessage(await fx.handle({ type: 'job.refresh', ...key, context }), 'job');
    const cancel = view.actions.find((a) => a.label === 'Cancel job');
    expect(cancel?.intent.type).toBe('job.cancelAsk');
    expect(cancel?.confirm).toEqual(expect.objectContaining({ confirmLabel: 'Cancel the job', denyLabel: 'Keep it running', intent: { type: 'job.cancel', ...key, context } }));
    // https://api.slack.com/reference/block-kit/composition-objects#confirm: title, text, confirm, deny (plain_text), style.
    const button = messageBlocks(view)
      .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.type === 'button' && e.text.text === 'Cancel job');
    expect(button).toEqual(
      expect.objectContaining({
        action_id: 'job.cancel',
        style: 'danger',
        confirm: {
          title: expect.objectContaining({ type: 'plain_text', text: 'Cancel this job?' }),
          text: expect.objectContaining({ type: 'plain_text', text: expect.stringMatching(/^Cancel the backup of web-01\? Azure stops/) }),
          confirm: expect.objectContaining({ type: 'plain_text', text: 'Cancel the job' }),
          deny: expect.objectContaining({ type: 'plain_text', text: 'Keep it running' }),
          style: 'danger',
        },
      }),
    );
    expect(JSON.parse((button as { value: string }).value)).toEqual({ type: 'job.cancel', ...key, context });
    expect(fx.backup.callsOf('cancelJob')).toHaveLength(0);
  });

  it('the confirm step (Teams) changes nothing and offers "Cancel the job" and "Keep it running"', async () => {
    const { fx, key, context } = await running();
    const result = await fx.handle({ type: 'job.cancelAsk', ...key, context });
    expect(result.kind === 'message' && result.placement).toBe('replace');
    const view = expectMessage(result, 'job');
    expect(view.confirm?.question).toBe('Cancel the backup of web-01?');
    expect(view.actions.map((a) => [a.label, a.intent.type])).toEqual([
      ['Cancel the job', 'job.cancel'],
      ['Keep it running', 'job.refresh'],
    ]);
    expect(fx.backup.callsOf('cancelJob')).toHaveLength(0);
    const card = JSON.stringify(teamsCard(view));
    expect(card).toContain('Cancel the backup of web-01?');

    const kept = expectMessage(await fx.handle(view.actions[1].intent), 'job');
    expect(kept.confirm).toBeUndefined();
    expect(kept.actions.map((a) => a.label)).toEqual(['Refresh', 'Cancel job']);
  });

  it('confirmed: the message shows Cancelling in place and follows the job to its end', async () => {
    const { fx, job, key, context } = await running();
    const result = await fx.handle({ type: 'job.cancel', ...key, context });
    if (result.kind !== 'message') throw new Error('expected a message');
    expect(result.placement).toBe('replace');
    expect(result.track).toEqual({ job: key, context });
    const view = expectMessage(result, 'job');
    expect(view.phase).toBe('cancelling');
    expect(view.actions.map((a) => a.label)).toEqual(['Refresh']);
    expect(fx.backup.callsOf('cancelJob')).toEqual([[key.vaultId, job.name]]);
  });

  it('Azure refusing to cancel a running job is quoted on the message, and the job goes on', async () => {
    const { fx, key, context } = await running();
    fx.backup.failNext('cancelJob', new AzureError('AZURE', 'The job is in a state that cannot be cancelled.', 'BMSUserErrorJobNotCancellable', 400));
    const result = await fx.handle({ type: 'job.cancel', ...key, context });
    const view = expectMessage(result, 'job');
    expect(result.kind === 'message' && result.placement).toBe('replace');
    expect(view.notice).toEqual({ tone: 'error', text: 'Not cancelled: Azure refused. The job is in a state that cannot be cancelled. The job goes on.' });
    expect(view.actions.map((a) => a.label)).toEqual(['Refresh', 'Cancel job']);
    expect(JSON.stringify(messageBlocks(view).blocks)).toContain('Not cancelled: Azure refused');
    expect(JSON.stringify(teamsCard(view))).toContain('Not cancelled: Azure refused');
  });

  it('a running job Azure does not list as cancellable has no Cancel button, and asking says so', async () => {
    const { fx, job, key, context } = await running();
    fx.backup.jobOf(job.name).cancellable = false;
    const view = expectMessage(await fx.handle({ type: 'job.refresh', ...key, context }), 'job');
    expect(view.actions.map((a) => a.label)).toEqual(['Refresh']);
    const asked = expectMessage(await fx.handle({ type: 'job.cancelAsk', ...key, context }), 'job');
    expect(asked.confirm).toBeUndefined();
    expect(asked.notice?.text).toMatch(/cannot be cancelled now/);
  });

  it('a job that ended before the cancel: Azure refuses, and the message says so in place', async () => {
    const { fx, job, key, context } = await running();
    fx.backup.finishJob(job.name, 'Completed');
    const asked = expectMessage(await fx.handle({ type: 'job.cancelAsk', ...key, context }), 'job');
    expect(asked.confirm).toBeUndefined();
    expect(asked.notice?.text).toMatch(/^Not cancelled: the job had already ended \(Completed in 15 min\)/);
    const result = await fx.handle({ type: 'job.cancel', ...key, context });
    const view = expectMessage(result, 'job');
    expect(result.kind === 'message' && result.track).toBeUndefined();
    expect(view.notice).toEqual({ tone: 'error', text: expect.stringMatching(/^Not cancelled: the job had already ended/) });
    expect(view.phase).toBe('completed');
  });
});
