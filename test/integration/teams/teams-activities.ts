import { randomUUID } from 'node:crypto';

/** Who is who in the conversation the tests play, with ids shaped like Teams'. */
export const TEAMS = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  user: { id: '29:1a2b3c-user', name: 'Ada Operator', aadObjectId: '6c1f2e3d-0000-4000-8000-00000000ada0' },
  bot: { id: '28:00000000-0000-0000-0000-000000000b07', name: 'VM Backup' },
  conversationId: 'a:1personal-chat-with-vm-backup',
};

/** The team and channel the channel tests play in (ids shaped like Teams'). */
export const CHANNEL = {
  id: '19:6848757105754c8981c67612732d9aa7@thread.tacv2',
  name: 'ops',
  teamId: '19:66P469zibfbsGI-a0aN-toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2',
};

/** A group chat the bot was added to. */
export const GROUP_CHAT = { id: '19:d77be72390a1416e9644261e9064fa00@thread.v2' };

/**
 * Where something is typed or pressed: the `conversation` and `channelData` Teams sends from
 * there, and the id Teams gives a new message (channel messages have numeric ids).
 */
export interface TeamsPlace {
  conversation: Record<string, unknown>;
  channelData: Record<string, unknown>;
  /** The bot is @mentioned in group chats and channels (it hears nothing else there). */
  mention: boolean;
  /** What Teams puts in the activity: its id, and the post a reply belongs to. */
  ids(): { id: string; replyToId?: string };
}

/**
 * Personal chat. Shape: Microsoft Teams docs, "Payload activity properties when a dialog is
 * invoked from 1:1 chat" (create-task-module.md) with conversationType "personal" and an `a:`
 * conversation id as "Send proactive messages" shows it.
 */
export const PERSONAL: TeamsPlace = {
  conversation: { conversationType: 'personal', tenantId: TEAMS.tenantId, id: TEAMS.conversationId },
  channelData: { tenant: { id: TEAMS.tenantId } },
  mention: false,
  ids: () => ({ id: `f:${randomUUID()}` }),
};

/**
 * Group chat. Shape: Microsoft Teams docs, "Payload activity properties when a dialog is invoked
 * from a group chat" (create-task-module.md): isGroup, conversationType "groupChat", a
 * `19:…@thread.v2` id, channelData with the tenant only.
 */
export const GROUP: TeamsPlace = {
  conversation: { isGroup: true, conversationType: 'groupChat', id: GROUP_CHAT.id, tenantId: TEAMS.tenantId },
  channelData: { tenant: { id: TEAMS.tenantId } },
  mention: true,
  ids: () => ({ id: `f:${randomUUID()}` }),
};

let channelMessageIds = 1_765_000_000_000;
const nextChannelMessageId = (): string => String((channelMessageIds += 1));

/**
 * channelData of every channel activity. Shape: Microsoft Teams docs, "Payload activity
 * properties when a dialog is invoked from a channel (reply to thread)" (channel.id, team.id,
 * tenant.id), plus teamsChannelId and teamsTeamId as Teams also sends them on channel messages
 * (microsoft/teams.net core tests, the "reply to thread" message fixture).
 */
const channelData = (): Record<string, unknown> => ({
  teamsChannelId: CHANNEL.id,
  teamsTeamId: CHANNEL.teamId,
  channel: { id: CHANNEL.id },
  team: { id: CHANNEL.teamId },
  tenant: { id: TEAMS.tenantId },
});

/**
 * A thread of a channel: every post and its replies arrive with conversation.id
 * `<channel>;messageid=<post id>`, conversationType "channel" (Microsoft Teams docs, "Channel and
 * group chat conversations with a bot": `19:…@thread.skype;messageid=1481567603816`; the dialog
 * payload "invoked from a channel (reply to thread)").
 */
const thread = (postId: string, ids: () => { id: string; replyToId?: string }): TeamsPlace => ({
  conversation: { isGroup: true, conversationType: 'channel', id: `${CHANNEL.id};messageid=${postId}`, name: CHANNEL.name, tenantId: TEAMS.tenantId },
  channelData: channelData(),
  mention: true,
  ids,
});

/**
 * A new post in the channel (its root message): the conversation is the thread the post opens,
 * whose messageid is the post's own id.
 */
export function channelPost(postId: string = nextChannelMessageId()): TeamsPlace & { postId: string } {
  return { ...thread(postId, () => ({ id: postId })), postId };
}

/** A reply in the thread of post `postId` (a new message id each time, replying to the post). */
export function threadReply(postId: string): TeamsPlace {
  return thread(postId, () => ({ id: nextChannelMessageId(), replyToId: postId }));
}

/** An activity as Teams posts it to a bot's messaging endpoint (by default in a personal chat). */
function base(serviceUrl: string, place: TeamsPlace = PERSONAL): Record<string, unknown> {
  return {
    ...place.ids(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: TEAMS.user,
    conversation: place.conversation,
    recipient: TEAMS.bot,
    channelData: place.channelData,
    locale: 'en-US',
    localTimezone: 'Europe/Berlin',
  };
}

export function messageActivity(serviceUrl: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...base(serviceUrl), type: 'message', text, textFormat: 'plain', entities: [{ type: 'clientInfo', locale: 'en-US', platform: 'Web' }], ...extra };
}

/**
 * A message typed in `place`. In a group chat or channel the bot is @mentioned: the mention is in
 * the text and in `entities` (Microsoft Teams docs, "Channel and group chat conversations with a
 * bot", "Retrieve mentions").
 */
export function messageIn(place: TeamsPlace, serviceUrl: string, text: string): Record<string, unknown> {
  const mention = `<at>${TEAMS.bot.name}</at>`;
  return {
    ...base(serviceUrl, place),
    type: 'message',
    text: place.mention ? `${mention} ${text}` : text,
    textFormat: 'plain',
    entities: [...(place.mention ? [{ type: 'mention', text: mention, mentioned: TEAMS.bot }] : []), { type: 'clientInfo', locale: 'en-US', platform: 'Web' }],
  };
}

/** A new channel post that @mentions the bot, as Teams sends it. */
export function mentionActivity(serviceUrl: string, text: string): Record<string, unknown> {
  return messageIn(channelPost(), serviceUrl, text);
}

/** The invoke Teams sends when an Action.Execute is pressed: input values merged into `data`. */
export function executeActivity(
  serviceUrl: string,
  cardActivityId: string,
  action: { verb: string; data: Record<string, unknown> },
  inputs: Record<string, string> = {},
  place: TeamsPlace = PERSONAL,
): Record<string, unknown> {
  // A card action in a channel arrives in the thread that holds the card.
  const where = place.conversation.conversationType === 'channel' ? { ...place, ids: () => ({ id: `f:${randomUUID()}` }) } : place;
  return {
    ...base(serviceUrl, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' },
  };
}

/** The invoke of a Data.Query typeahead as the person types. */
export function searchActivity(serviceUrl: string, dataset: string, queryText: string): Record<string, unknown> {
  return {
    ...base(serviceUrl),
    type: 'invoke',
    name: 'application/search',
    value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset },
  };
}

export function installActivity(serviceUrl: string): Record<string, unknown> {
  return { ...base(serviceUrl), type: 'installationUpdate', action: 'add' };
}
