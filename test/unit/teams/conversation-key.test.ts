import type { Activity } from 'botbuilder';
import { conversationKeyOf, conversationKeyOfReference, conversationReferenceOf, isChannelReference, referenceOf } from '../../../adapters/teams/conversation-reference';
import { updateReference } from '../../../adapters/teams/proactive-post';
import { CHANNEL, channelPost, GROUP, GROUP_CHAT, messageIn, PERSONAL, TEAMS, threadReply } from '../../integration/teams/teams-activities';

const SERVICE = 'https://smba.trafficmanager.net/emea/';
const activity = (place: Parameters<typeof messageIn>[0]) => messageIn(place, SERVICE, 'backup help') as Partial<Activity>;

describe('where a Teams activity happens, as the bot keys it', () => {
  const post = channelPost('1759881511856');
  test.each([
    ['a personal chat', activity(PERSONAL), TEAMS.conversationId],
    ['a group chat', activity(GROUP), GROUP_CHAT.id],
    ['a channel root post', activity(post), CHANNEL.id],
    ['a reply in a channel thread', activity(threadReply(post.postId)), CHANNEL.id],
  ])('%s', (_where, a, key) => {
    expect(conversationKeyOf(a)).toBe(key);
  });

  test('a channel message without channelData (the older documented shape) is keyed by its conversation id without the thread', () => {
    const a = { ...activity(threadReply('1481567603816')), channelData: undefined };
    expect(conversationKeyOf(a)).toBe(CHANNEL.id);
  });

  test('the channel comes from channelData.teamsChannelId when channel.id is absent', () => {
    const a = activity(threadReply('1'));
    a.channelData = { teamsChannelId: '19:other@thread.tacv2', tenant: { id: TEAMS.tenantId } };
    expect(conversationKeyOf(a)).toBe('19:other@thread.tacv2');
  });

  test('notifications use the channel itself; replies and card updates stay in the thread', () => {
    const reply = activity(threadReply('1759881511856'));
    const channel = conversationReferenceOf(reply);
    expect(channel.conversation).toMatchObject({ id: CHANNEL.id, conversationType: 'channel', tenantId: TEAMS.tenantId });
    expect(isChannelReference(channel)).toBe(true);
    const thread = referenceOf(reply);
    expect(thread.conversation?.id).toBe(`${CHANNEL.id};messageid=1759881511856`);
    expect(isChannelReference(thread)).toBe(false);
    expect(conversationKeyOfReference(thread)).toBe(CHANNEL.id);
    // A post the bot started in the channel is updated in the thread it opened.
    expect(updateReference(channel, '1765000000001').conversation?.id).toBe(`${CHANNEL.id};messageid=1765000000001`);
    expect(updateReference(thread, 'x')).toBe(thread);
  });

  test('chats keep their conversation as it is', () => {
    for (const place of [PERSONAL, GROUP]) {
      const a = activity(place);
      expect(conversationReferenceOf(a)).toEqual(referenceOf(a));
      expect(isChannelReference(referenceOf(a))).toBe(false);
    }
  });
});
