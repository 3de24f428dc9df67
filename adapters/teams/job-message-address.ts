import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { MessageAddress } from '../../src/flows/job-tracker.port';
import { conversationKeyOfReference, readConversationReference } from './conversation-reference';

export const TEAMS_PLATFORM = 'teams';

const messageRefSchema = z.object({ reference: z.unknown(), activityId: z.string().min(1) });

/** Where a Teams job message is: its conversation (a reference, for proactive updates) and its activity id. */
export function jobMessageAddress(reference: Partial<ConversationReference>, activityId: string): MessageAddress {
  return { platform: TEAMS_PLATFORM, messageRef: JSON.stringify({ reference, activityId }) };
}

export function readJobMessageRef(messageRef: string): { reference: Partial<ConversationReference>; activityId: string } {
  const parsed = messageRefSchema.parse(JSON.parse(messageRef));
  return { reference: readConversationReference(parsed.reference), activityId: parsed.activityId };
}

/** The conversation a Teams job message belongs to, as subscriptions key it (a channel as a whole, not the thread the message is in). */
export function conversationOfJobMessage(messageRef: string): string | undefined {
  try {
    return conversationKeyOfReference(readJobMessageRef(messageRef).reference);
  } catch {
    return undefined;
  }
}
