import { platformConversationRefs } from '../../../src/store';
import { botIsBack, listWaitingChannels, teamIsBack, waitForBot } from '../../../src/store/repositories/channel-waits.repository';
import { enqueueNotifications, listOutbox } from '../../../src/store/repositories/outbox.repository';
import { describeTarget, storeTargets } from './store-targets';

const entry = (conversationId: string, key: string) => ({ key, platform: 'teams' as const, conversationId, action: 'post' as const, label: 'pending-digest', viewJson: '{"kind":"notice"}' });

for (const target of storeTargets()) {
  describeTarget(target)(`channels waiting for the bot on ${target.name}`, () => {
    it('pause a channel (queued notifications failed, nothing new queued), list it, and resume it by channel or by team', async () => {
      const store = await target.open();
      try {
        const at = new Date('2026-12-07T23:00:00Z');
        await enqueueNotifications(store.db, [entry('19:a@thread.skype', 'k1')], at);
        expect(await waitForBot(store.db, { platform: 'teams', conversationId: '19:a@thread.skype' }, { code: 'removed', at, teamId: 'T1' })).toBe(true);
        expect(await waitForBot(store.db, { platform: 'teams', conversationId: '19:a@thread.skype' }, { code: 'removed', at, teamId: 'T1' })).toBe(false);
        await waitForBot(store.db, { platform: 'teams', conversationId: '19:b@thread.skype' }, { code: '403', at });
        expect((await listOutbox(store.db)).map((e) => e.status)).toEqual(['failed']);
        expect(await enqueueNotifications(store.db, [entry('19:a@thread.skype', 'k2')], at)).toEqual([]);
        expect((await listWaitingChannels(store.db)).map((w) => [w.conversationId, w.code])).toEqual([
          ['19:a@thread.skype', 'removed'],
          ['19:b@thread.skype', '403'],
        ]);
        expect(await teamIsBack(store.db, 'teams', 'T1', at)).toEqual(['19:a@thread.skype']);
        expect(await botIsBack(store.db, 'teams', ['19:b@thread.skype'], at)).toEqual(['19:b@thread.skype']);
        expect(await listWaitingChannels(store.db)).toEqual([]);

        const refs = platformConversationRefs(store.db, 'teams');
        await refs.save({ conversationId: 'T1', reference: {} });
        await refs.save({ conversationId: '19:c@thread.skype', reference: {}, teamId: 'T1' });
        await refs.save({ conversationId: '19:d@thread.skype', reference: {}, teamId: 'T2' });
        expect((await refs.forgetTeam('T1')).sort()).toEqual(['19:c@thread.skype', 'T1']);
        expect(await refs.find('19:d@thread.skype')).toBeDefined();
      } finally {
        await target.dispose(store);
      }
    });
  });
}
