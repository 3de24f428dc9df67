import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { JsonValue } from '../../src/store';
import { conversationKeyOf, conversationReferenceOf, tenantOf } from './conversation-reference';
import type { ConversationRefStore, TeamPresence } from './teams.deps';

const teamSchema = z.object({ team: z.object({ id: z.string().min(1) }).passthrough() }).passthrough();

/** The team of an activity from a team's channel (channelData.team.id); undefined in a chat. */
export function teamOf(activity: Partial<Activity>): string | undefined {
  const data = teamSchema.safeParse(activity.channelData);
  return data.success ? data.data.team.id : undefined;
}

/**
 * Keeps the references of the conversations the bot is in, so notifications can be posted there
 * later: for a channel, the channel itself, so they arrive as new posts rather than in someone's
 * thread. A reference is stored the first time this process sees a conversation, and always on
 * install and conversation updates; it is forgotten when the bot is removed.
 */
export class ConversationMemory {
  private readonly known = new Set<string>();

  constructor(
    private readonly store: ConversationRefStore,
    private readonly presence?: TeamPresence,
  ) {}

  async remember(activity: Partial<Activity>, always = false): Promise<void> {
    const conversationId = conversationKeyOf(activity);
    if (!conversationId || (!always && this.known.has(conversationId))) return;
    const teamId = teamOf(activity);
    await this.store.save({
      conversationId,
      reference: JSON.parse(JSON.stringify(conversationReferenceOf(activity))) as JsonValue,
      tenantId: tenantOf(activity),
      ...(teamId ? { teamId } : {}),
    });
    this.known.add(conversationId);
    await this.presence?.seen(conversationId);
  }

  /**
   * The bot was removed. From a team, the event comes once, from the team's General channel
   * (Microsoft, "Conversation events in your bot": membersRemoved, eventType teamMemberRemoved),
   * yet the bot is gone from every channel of the team: all of them are forgotten, and their
   * notifications wait until the team adds the bot again.
   */
  async forget(activity: Partial<Activity>): Promise<void> {
    const conversationId = conversationKeyOf(activity);
    const teamId = teamOf(activity);
    if (teamId) {
      const forgotten = new Set([...(await this.store.forgetTeam(teamId)), ...(conversationId ? [conversationId] : []), teamId]);
      for (const id of forgotten) this.known.delete(id);
      if (conversationId) await this.store.forget(conversationId);
      await this.presence?.removed(teamId, [...forgotten]);
      return;
    }
    if (!conversationId) return;
    this.known.delete(conversationId);
    await this.store.forget(conversationId);
  }

  /** The bot was added to a team (again): the team's channels that waited for it resume. */
  async added(activity: Partial<Activity>): Promise<void> {
    const teamId = teamOf(activity);
    if (teamId) await this.presence?.back(teamId);
  }
}
