import type { CloudAdapter, TurnContext } from 'botbuilder';
import { createProactiveMessenger, jobMessageAddress } from '../../../adapters/teams';
import type { JobUpdate } from '../../../src/flows/job-tracker.port';
import { messageViews } from '../cards/teams/view-fixtures';

type Continue = CloudAdapter['continueConversationAsync'];

/** Like CloudAdapter: a failure inside the turn goes to onTurnError (here: recorded and swallowed). */
function adapterWith(context: Partial<TurnContext>, swallowed: unknown[]): Pick<CloudAdapter, 'continueConversationAsync'> {
  const continueConversationAsync = (async (_appId: unknown, _reference: unknown, logic: (c: TurnContext) => Promise<void>) => {
    try {
      await logic(context as TurnContext);
    } catch (error) {
      swallowed.push(error);
    }
  }) as unknown as Continue;
  return { continueConversationAsync };
}

const update = (): JobUpdate => ({
  tracked: {
    ...jobMessageAddress({ conversation: { id: 'c1' } as never, serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', bot: { id: 'bot', name: 'Azure Backup' } }, 'act-1'),
    job: { vaultId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.RecoveryServices/vaults/v', jobName: 'j1' },
    context: { vmName: 'web-01' },
    trackedAt: '2026-11-25T00:00:00.000Z',
  },
  view: messageViews.job as JobUpdate['view'],
  changed: true,
});

describe('ProactiveMessenger', () => {
  it('rejects when Teams refuses the update, although the adapter swallows turn errors', async () => {
    const swallowed: unknown[] = [];
    const notifier = createProactiveMessenger(
      adapterWith({ updateActivity: async () => Promise.reject(new Error('Forbidden')) }, swallowed),
      '',
    );
    await expect(notifier.publishJobUpdate(update())).rejects.toThrow('Forbidden');
    expect(swallowed).toEqual([]);
  });

  it('updates the job message in place, and returns the id of a posted card', async () => {
    const updated: unknown[] = [];
    const notifier = createProactiveMessenger(
      adapterWith(
        {
          updateActivity: async (activity) => void updated.push(activity),
          sendActivity: async () => ({ id: 'new-1' }),
        },
        [],
      ),
      '',
    );
    await notifier.publishJobUpdate(update());
    expect(updated).toEqual([expect.objectContaining({ id: 'act-1', type: 'message' })]);
    await expect(notifier.postCard({}, { type: 'AdaptiveCard', version: '1.5', body: [] } as never)).resolves.toBe('new-1');
  });
});
