/**
 * What a type-ahead picker may offer a person in a channel: their role and the channel's scope,
 * kept for a short time. A picker asks on every keystroke, several people type at once, and the
 * answer rarely changes; reading the grants and bindings from the store each time made those
 * reads a good part of each keystroke's work. Actions (commands, buttons, submissions) never use
 * this: they read the store every time, so a revoke or an unbind refuses the next action at once.
 *
 * The bound on a stale answer (docs/access.md): a change made through this process
 * (`backup admin grant/revoke/bind/unbind`) drops every kept answer at once; a change made on
 * another replica reaches this one's pickers within PICKER_ACCESS_TTL_MS.
 */
import type { AccessDirectory, ChannelStanding, Identity, Standing } from './access-directory';

/** How long a picker's role and scope answer is kept (the bound for changes made on another replica). */
export const PICKER_ACCESS_TTL_MS = 5_000;
/** Answers kept at most (people and channels typing within the TTL); the oldest go first. */
const MAX_KEPT = 2_000;

interface Kept<T> {
  at: number;
  /** The answer being read, shared by every keystroke that asks meanwhile (one store read). */
  value: Promise<T>;
  generation: number;
}

export interface PickerAccess {
  standingOf(who: Identity): Promise<Standing>;
  scopeOf(who: Identity): Promise<ChannelStanding>;
  /** Drops every kept answer: a grant or binding changed. */
  invalidate(): void;
}

export function createPickerAccess(directory: Pick<AccessDirectory, 'standingOf' | 'scopeOf'>, options: { ttlMs?: number; now?: () => number } = {}): PickerAccess {
  const ttlMs = options.ttlMs ?? PICKER_ACCESS_TTL_MS;
  const now = options.now ?? (() => performance.now());
  let generation = 0;

  const keeper = <T>(read: (who: Identity) => Promise<T>, keyOf: (who: Identity) => string) => {
    const kept = new Map<string, Kept<T>>();
    return (who: Identity): Promise<T> => {
      const key = keyOf(who);
      const t = now();
      const found = kept.get(key);
      if (found && found.generation === generation && t - found.at < ttlMs) return found.value;
      const entry: Kept<T> = { at: t, generation, value: read(who) };
      // A failed read is not kept: the next keystroke reads again.
      entry.value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      kept.delete(key);
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(key, entry);
      return entry.value;
    };
  };

  const sep = '\u0000';
  return {
    // The person's groups are part of the key: a group grant counts for them only while they are in it.
    standingOf: keeper((who) => directory.standingOf(who), (who) => [who.platform, who.workspaceId, who.userId, ...who.groups].join(sep)),
    scopeOf: keeper((who) => directory.scopeOf(who), (who) => [who.platform, who.workspaceId, who.channelId].join(sep)),
    invalidate: () => {
      generation += 1;
    },
  };
}
