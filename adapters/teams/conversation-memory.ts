import type { Activity } from 'botbuilder';
import type { JsonValue } from '../../src/store';
import { conversationKeyOf, conversationReferenceOf, tenantOf } from './conversation-reference';
import type { ConversationRefStore } from './teams.deps';

/**
 * Keeps the references of the conversations the bot is in, so notifications can be posted there
 * later: for a channel, the channel itself, so they arrive as new posts rather than in someone's
 * thread. A reference is stored the first time this process sees a conversation, and always on
 * install and conversation updates; it is forgotten when the bot is removed.
 */
export class ConversationMemory {
  private readonly known = new Set<string>();

  constructor(private readonly store: ConversationRefStore) {}

  async remember(activity: Partial<Activity>, always = false): Promise<void> {
    const conversationId = conversationKeyOf(activity);
    if (!conversationId || (!always && this.known.has(conversationId))) return;
    await this.store.save({
      conversationId,
      reference: JSON.parse(JSON.stringify(conversationReferenceOf(activity))) as JsonValue,
      tenantId: tenantOf(activity),
    });
    this.known.add(conversationId);
  }

  async forget(activity: Partial<Activity>): Promise<void> {
    const conversationId = conversationKeyOf(activity);
    if (!conversationId) return;
    this.known.delete(conversationId);
    await this.store.forget(conversationId);
  }
}
