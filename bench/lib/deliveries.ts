/**
 * Judging notification delivery: which notifications reached Slack (by the key digest each
 * message carries in its metadata), which arrived twice, which were lost. Pure.
 */
import type { PostedMessage } from './stack';

export interface DeliveryCount {
  /** Notifications that reached Slack (distinct keys). */
  delivered: number;
  /** Messages beyond one per key. */
  doubled: number;
  /** Messages per channel. */
  perChannel: Map<string, number>;
  /** `channel|key digest` of every notification that arrived. */
  keys: Set<string>;
}

/** What the outbox says of a notification, by the key digest its message carries. */
export interface OutboxRecord {
  channel: string;
  digest: string;
  status: 'pending' | 'sent' | 'failed';
}

/**
 * Lost: the outbox gave it up (failed) or holds it as sent while Slack never got it. Still
 * queued: pending when the dispatcher stopped (only when stopped at the cap). Pure.
 */
export function judgeOutbox(records: readonly OutboxRecord[], arrived: ReadonlySet<string>): { lost: number; queued: number } {
  let lost = 0;
  let queued = 0;
  for (const r of records) {
    const there = arrived.has(`${r.channel}|${r.digest}`);
    if (r.status === 'failed' || (r.status === 'sent' && !there)) lost += 1;
    else if (r.status === 'pending' && !there) queued += 1;
  }
  return { lost, queued };
}

/** Counts deliveries by the notification key each message carries. Pure. */
export function countDeliveries(messages: readonly PostedMessage[], channels: ReadonlySet<string>): DeliveryCount {
  const keys = new Set<string>();
  let withKey = 0;
  const perChannel = new Map<string, number>();
  for (const m of messages) {
    if (!channels.has(m.channel)) continue;
    perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    if (m.key === undefined) continue;
    withKey += 1;
    keys.add(`${m.channel}|${m.key}`);
  }
  return { delivered: keys.size, doubled: withKey - keys.size, perChannel, keys };
}
