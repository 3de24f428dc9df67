import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** The playground's channel id: what Direct Line reports to a bot. */
export const PLAYGROUND_CHANNEL_ID = 'directline';
/** The bot's account in playground conversations. */
export const PLAYGROUND_BOT = { id: 'vm-backup-bot', name: 'VM Backup' } as const;
/** channelData flag on activities the bot sent outside a turn (notifications), for the page. */
export const PROACTIVE_FLAG = 'playground:proactive';

/** One entry of a conversation's activity stream: an activity as it now is, at a watermark. */
interface StreamEntry {
  watermark: number;
  activity: Partial<Activity>;
}

/**
 * One playground conversation: the activity stream that Web Chat polls (user activities echoed,
 * bot activities, and updated activities re-sent with their original id and timestamp so that
 * Web Chat replaces them in place).
 */
export class PlaygroundConversation {
  readonly token = randomBytes(24).toString('base64url');
  private readonly stream: StreamEntry[] = [];
  private readonly current = new Map<string, Partial<Activity>>();
  private readonly hidden = new Set<string>();
  private sequence = 0;
  /** Turns of this conversation the bot is running now (what it sends meanwhile answers them). */
  turnsInFlight = 0;
  /** Serialises deliveries to the bot so a person's actions reach it in the order they were made. */
  private delivery: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly userName?: string,
  ) {}

  /** How many changes the stream has had (its current watermark). */
  get changes(): number {
    return this.sequence;
  }

  /** Adds an activity to the stream with a new id; returns the id. */
  append(activity: Partial<Activity>): string {
    this.sequence += 1;
    const id = `${this.id}|${String(this.sequence).padStart(7, '0')}`;
    const stored: Partial<Activity> = {
      ...activity,
      id,
      conversation: { id: this.id } as Activity['conversation'],
      timestamp: activity.timestamp ?? new Date(),
    };
    this.current.set(id, stored);
    this.stream.push({ watermark: this.sequence, activity: stored });
    return id;
  }

  /**
   * Replaces an activity, keeping its id and its original timestamp (Web Chat sorts by it), and
   * re-sends it on the stream. Returns false when the activity is unknown.
   */
  replace(activityId: string, activity: Partial<Activity>): boolean {
    const before = this.current.get(activityId);
    if (!before) return false;
    this.sequence += 1;
    const stored: Partial<Activity> = {
      ...activity,
      id: activityId,
      conversation: { id: this.id } as Activity['conversation'],
      timestamp: before.timestamp,
      channelData: { ...(before.channelData ?? {}), ...(activity.channelData ?? {}) },
    };
    this.current.set(activityId, stored);
    this.stream.push({ watermark: this.sequence, activity: stored });
    return true;
  }

  get(activityId: string): Partial<Activity> | undefined {
    return this.current.get(activityId);
  }

  /** A new id for an activity the bot gets but Web Chat does not show (conversationUpdate). */
  hiddenId(): string {
    const id = `${this.id}|hidden-${this.hidden.size + 1}`;
    this.hidden.add(id);
    return id;
  }

  /** Whether an id is one of this conversation's activities, shown or not. */
  knows(activityId: string | undefined): boolean {
    return activityId !== undefined && (this.current.has(activityId) || this.hidden.has(activityId));
  }

  /** What Web Chat's poll gets: activities changed after `watermark`, each once, in stream order. */
  since(watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const changed = this.stream.filter((e) => e.watermark > watermark);
    const latest = new Map<string, Partial<Activity>>();
    for (const entry of changed) latest.set(entry.activity.id as string, entry.activity);
    return { activities: [...latest.values()], watermark: String(this.sequence) };
  }

  /** Runs `task` after every task queued before it; failures do not stop the queue. */
  serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.delivery.then(task, task);
    this.delivery = run.catch(() => undefined);
    return run;
  }
}

/** The playground's conversations, in memory: they last as long as the process. */
export class PlaygroundConversations {
  private readonly byId = new Map<string, PlaygroundConversation>();

  create(user?: { id?: string; name?: string }): PlaygroundConversation {
    const conversation = new PlaygroundConversation(randomUUID(), user?.id || `dl_${randomUUID().slice(0, 8)}`, user?.name);
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): PlaygroundConversation | undefined {
    return this.byId.get(id);
  }

  byToken(token: string): PlaygroundConversation | undefined {
    for (const c of this.byId.values()) if (c.token === token) return c;
    return undefined;
  }
}
