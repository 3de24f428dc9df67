import { randomUUID } from 'node:crypto';

/** Who is who in the conversation the tests play, with ids shaped like Teams'. */
export const TEAMS = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  user: { id: '29:1a2b3c-user', name: 'Ada Operator', aadObjectId: '6c1f2e3d-0000-4000-8000-00000000ada0' },
  bot: { id: '28:00000000-0000-0000-0000-000000000b07', name: 'VM Backup' },
  conversationId: 'a:1personal-chat-with-vm-backup',
};

/** An activity as Teams posts it to a bot's messaging endpoint (personal chat). */
function base(serviceUrl: string): Record<string, unknown> {
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: TEAMS.user,
    conversation: { conversationType: 'personal', tenantId: TEAMS.tenantId, id: TEAMS.conversationId },
    recipient: TEAMS.bot,
    channelData: { tenant: { id: TEAMS.tenantId } },
    locale: 'en-US',
    localTimezone: 'Europe/Berlin',
  };
}

export function messageActivity(serviceUrl: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...base(serviceUrl), type: 'message', text, textFormat: 'plain', entities: [{ type: 'clientInfo', locale: 'en-US', platform: 'Web' }], ...extra };
}

/** A channel message that @mentions the bot, as Teams sends it (the mention is in the text). */
export function mentionActivity(serviceUrl: string, text: string): Record<string, unknown> {
  const mention = `<at>${TEAMS.bot.name}</at>`;
  return messageActivity(serviceUrl, `${mention} ${text}`, {
    conversation: { conversationType: 'channel', tenantId: TEAMS.tenantId, isGroup: true, id: '19:channel@thread.tacv2;messageid=1' },
    entities: [{ type: 'mention', text: mention, mentioned: TEAMS.bot }],
  });
}

/** The invoke Teams sends when an Action.Execute is pressed: input values merged into `data`. */
export function executeActivity(
  serviceUrl: string,
  cardActivityId: string,
  action: { verb: string; data: Record<string, unknown> },
  inputs: Record<string, string> = {},
): Record<string, unknown> {
  return {
    ...base(serviceUrl),
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
