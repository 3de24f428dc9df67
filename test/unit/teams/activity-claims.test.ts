import { claimEvent, openStore, releaseEvent, type Store } from '../../../src/store';
import { onceForActivity, type ActivityClaims } from '../../../adapters/teams/idempotency';

// A card action whose handling throws is answered 500, and Bot Framework redelivers the same
// activity (same id). The redelivery must run, not be refused as "already handled"; a redelivery
// of an activity that was handled stays refused.

// Shape: Bot Framework Activity schema (botframework-sdk specs/botframework-activity): an id, and
// the conversation it belongs to; a Teams channel thread's conversation id ends with ;messageid=.
const activity = { id: 'f:1234567890', conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000' } } as const;

describe('one handling per Teams activity', () => {
  let store: Store;
  let claims: ActivityClaims;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    claims = { claimEvent: (key) => claimEvent(store.db, key), releaseEvent: (key) => releaseEvent(store.db, key) };
  });
  afterEach(() => store.close());

  it('runs the redelivery of an activity whose handling failed', async () => {
    const runs: string[] = [];
    await expect(
      onceForActivity(claims, activity, async () => {
        runs.push('first');
        throw new Error('store unreachable');
      }),
    ).rejects.toThrow('store unreachable');
    await expect(onceForActivity(claims, activity, async () => (runs.push('redelivery'), 'done'))).resolves.toBe('done');
    expect(runs).toEqual(['first', 'redelivery']);
  });

  it('refuses the redelivery of an activity that was handled', async () => {
    await expect(onceForActivity(claims, activity, async () => 'done')).resolves.toBe('done');
    let ran = false;
    await expect(onceForActivity(claims, activity, async () => ((ran = true), 'again'))).resolves.toBe('duplicate');
    expect(ran).toBe(false);
  });

  it('always runs an activity without an id (nothing to claim)', async () => {
    const noId = { conversation: activity.conversation };
    await expect(onceForActivity(claims, noId, async () => 1)).resolves.toBe(1);
    await expect(onceForActivity(claims, noId, async () => 2)).resolves.toBe(2);
  });
});
