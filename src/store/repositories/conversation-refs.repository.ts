import { randomUUID } from 'node:crypto';
import type { StoreDb } from '../database';
import { toConversationRef, toTimestamp } from '../row-mappers';
import type { ChatPlatform, ConversationRef, JsonValue } from '../store.types';

export interface ConversationRefInput {
  platform: ChatPlatform;
  conversationId: string;
  reference: JsonValue;
  tenantId?: string;
  /** The Teams team of a channel. */
  teamId?: string;
  /** Default: now. */
  at?: Date;
}

/**
 * Saves the latest reference of a conversation: one row per (platform, conversationId), whose
 * id stays the same across updates. Safe when two requests save the same conversation at once.
 */
export async function upsertConversationRef(db: StoreDb, input: ConversationRefInput): Promise<ConversationRef> {
  const at = toTimestamp(input.at ?? new Date());
  const referenceJson = JSON.stringify(input.reference);
  const row = await db
    .insertInto('conversation_refs')
    .values({
      id: randomUUID(),
      platform: input.platform,
      conversation_id: input.conversationId,
      reference_json: referenceJson,
      tenant_id: input.tenantId ?? null,
      updated_at: at,
      team_id: input.teamId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'conversation_id']).doUpdateSet({
        reference_json: referenceJson,
        tenant_id: input.tenantId ?? null,
        updated_at: at,
        team_id: input.teamId ?? null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConversationRef(row);
}

export async function getConversationRef(db: StoreDb, platform: ChatPlatform, conversationId: string): Promise<ConversationRef | undefined> {
  const row = await db
    .selectFrom('conversation_refs')
    .selectAll()
    .where('platform', '=', platform)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row === undefined ? undefined : toConversationRef(row);
}

export async function listConversationRefs(db: StoreDb, filter: { platform?: ChatPlatform } = {}): Promise<ConversationRef[]> {
  const rows = await db
    .selectFrom('conversation_refs')
    .selectAll()
    .$if(filter.platform !== undefined, (qb) => qb.where('platform', '=', filter.platform as ChatPlatform))
    .orderBy('platform')
    .orderBy('conversation_id')
    .execute();
  return rows.map(toConversationRef);
}

/** Forgets a conversation (the bot was removed from it). True when there was one. */
export async function deleteConversationRef(db: StoreDb, platform: ChatPlatform, conversationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('conversation_refs')
    .where('platform', '=', platform)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Forgets every conversation of a Teams team (the bot was removed from it): its channels, and the
 * team's own id, which is its General channel's (references saved before team ids were kept).
 * Returns the conversation ids forgotten.
 */
export async function deleteTeamConversationRefs(db: StoreDb, platform: ChatPlatform, teamId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('conversation_refs')
    .where('platform', '=', platform)
    .where((eb) => eb.or([eb('team_id', '=', teamId), eb('conversation_id', '=', teamId)]))
    .returning('conversation_id')
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** One platform's conversation references, bound to the store: what a chat adapter is handed. */
export interface PlatformConversationRefs {
  save(ref: { conversationId: string; reference: JsonValue; tenantId?: string; teamId?: string }): Promise<void>;
  find(conversationId: string): Promise<JsonValue | undefined>;
  forget(conversationId: string): Promise<void>;
  /** Forgets every conversation of a team; returns their ids. */
  forgetTeam(teamId: string): Promise<string[]>;
}

export function platformConversationRefs(db: StoreDb, platform: ChatPlatform): PlatformConversationRefs {
  return {
    save: async (ref) => void (await upsertConversationRef(db, { platform, ...ref })),
    find: async (conversationId) => (await getConversationRef(db, platform, conversationId))?.reference,
    forget: async (conversationId) => void (await deleteConversationRef(db, platform, conversationId)),
    forgetTeam: (teamId) => deleteTeamConversationRefs(db, platform, teamId),
  };
}
