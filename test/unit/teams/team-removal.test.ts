import type { Activity } from 'botbuilder';
import { ConversationMemory } from '../../../adapters/teams/conversation-memory';
import { openStore, platformConversationRefs, type Store } from '../../../src/store';
import { botIsBack, listWaitingChannels, teamIsBack, waitForBot } from '../../../src/store/repositories/channel-waits.repository';

const TEAM = '19:team-general@thread.skype';
const BOT = { id: '28:bot-app-id', name: 'Azure Backup' };

/**
 * A message in one of the team's channels, and the bot's removal from the team, as Microsoft's
 * "Conversation events in your bot" shows them
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events,
 * "Team members removed": type conversationUpdate, membersRemoved, channelData.eventType
 * teamMemberRemoved, channelData.team.id; the event comes from the team's General channel).
 */
const inChannel = (channelId: string): Partial<Activity> => ({
  type: 'message',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  from: { id: '29:user', name: 'Ada' },
  recipient: BOT,
  conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1', name: '' },
  channelData: { teamsChannelId: channelId, teamsTeamId: TEAM, channel: { id: channelId }, team: { id: TEAM }, tenant: { id: 'tenant-1' } },
});
const removedFromTeam: Partial<Activity> = {
  type: 'conversationUpdate',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  from: { id: '29:admin', name: 'Admin' },
  recipient: BOT,
  membersRemoved: [{ id: BOT.id, name: BOT.name }],
  conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1', name: '' },
  channelData: { team: { id: TEAM, name: 'Ops' }, eventType: 'teamMemberRemoved', tenant: { id: 'tenant-1' } },
};

describe('Teams: the bot removed from a team', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('forgets every channel of the team (not only General) and pauses their notifications until the team adds the bot again', async () => {
    const refs = platformConversationRefs(store.db, 'teams');
    const presence = {
      removed: async (teamId: string, ids: string[]) => {
        for (const conversationId of ids) await waitForBot(store.db, { platform: 'teams', conversationId }, { code: 'removed', at: new Date(), teamId });
      },
      back: async (teamId: string) => void (await teamIsBack(store.db, 'teams', teamId, new Date())),
      seen: async (conversationId: string) => void (await botIsBack(store.db, 'teams', [conversationId], new Date())),
    };
    const memory = new ConversationMemory(refs, presence);
    await memory.remember(inChannel(TEAM));
    await memory.remember(inChannel('19:alerts@thread.skype'));
    await memory.remember(inChannel('19:other-team-channel@thread.skype'.replace('other', 'x')), true);
    // A channel of another team stays.
    await memory.remember({ ...inChannel('19:elsewhere@thread.skype'), channelData: { channel: { id: '19:elsewhere@thread.skype' }, team: { id: '19:another-team@thread.skype' } } });

    await memory.forget(removedFromTeam);

    expect(await refs.find(TEAM)).toBeUndefined();
    expect(await refs.find('19:alerts@thread.skype')).toBeUndefined();
    expect(await refs.find('19:x-team-channel@thread.skype')).toBeUndefined();
    expect(await refs.find('19:elsewhere@thread.skype')).toBeDefined();
    const waiting = await listWaitingChannels(store.db, { platform: 'teams' });
    expect(waiting.map((w) => w.conversationId).sort()).toEqual([TEAM, '19:alerts@thread.skype', '19:x-team-channel@thread.skype'].sort());
    expect(waiting.every((w) => w.code === 'removed')).toBe(true);

    // Added back: "membersAdded" with the bot, from the team.
    await memory.added({ ...removedFromTeam, membersRemoved: undefined, membersAdded: [BOT], channelData: { team: { id: TEAM }, eventType: 'teamMemberAdded' } });
    expect(await listWaitingChannels(store.db)).toEqual([]);
  });

  it('a chat whose reference is gone waits too, and resumes when the bot hears from it again', async () => {
    const refs = platformConversationRefs(store.db, 'teams');
    const memory = new ConversationMemory(refs, {
      removed: async () => undefined,
      back: async () => undefined,
      seen: async (conversationId: string) => void (await botIsBack(store.db, 'teams', [conversationId], new Date())),
    });
    // What the dispatcher records when the Teams notifier has no reference (code no_reference).
    await waitForBot(store.db, { platform: 'teams', conversationId: '19:chat@thread.v2' }, { code: 'no_reference', at: new Date() });
    await memory.remember({ ...inChannel('x'), conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1', name: '' }, channelData: { tenant: { id: 'tenant-1' } } });
    expect(await listWaitingChannels(store.db)).toEqual([]);
  });
});
