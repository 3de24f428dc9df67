import { createHash } from 'node:crypto';
import type { MessageView } from '../flows/views';
import { channelKeyOf, type NewOutboxEntry, type OutboxThread } from '../store/repositories/outbox.repository';
import type { ChannelAddress } from './subscription.types';

/** What the scheduler posts: a pending digest, a "now protected" follow-up, a job that ended, a day thread's summary line. */
export type NotificationLabel = 'pending-digest' | 'now-protected' | 'job-ended' | 'thread-summary' | 'coverage-digest';

/** A notification a sweep hands to the outbox. */
export interface Notification {
  /** Unique per notification: writing a key twice writes it once, and it is sent at most once. */
  key: string;
  channel: ChannelAddress;
  label: NotificationLabel;
  view: MessageView;
  /** Change this message (a tracked job's) instead of posting a new one. */
  updateMessageId?: string;
  /** The command behind it (a Backup now job's request id), for the send's log lines. */
  requestId?: string;
  /** Its place in the channel's day thread (the anchor's id is read when it is sent). */
  thread?: OutboxThread;
}

export function toOutboxEntry(n: Notification): NewOutboxEntry {
  return {
    key: n.key,
    platform: n.channel.platform,
    conversationId: n.channel.conversationId,
    action: n.updateMessageId !== undefined || n.thread?.role === 'summary' ? 'update' : 'post',
    ...(n.updateMessageId !== undefined ? { targetMessageId: n.updateMessageId } : {}),
    label: n.label,
    viewJson: JSON.stringify(n.view),
    ...(n.requestId !== undefined ? { requestId: n.requestId } : {}),
    ...(n.thread ? { thread: n.thread } : {}),
  };
}

const MESSAGE_KINDS: readonly string[] = [
  'help',
  'notice',
  'protection-result',
  'job',
  'vm-status',
  'vault-status',
  'vaults-overview',
  'vm-list',
  'job-list',
  'policy-list',
  'policy-detail',
  'coverage',
];

/**
 * The view of a stored notification. The JSON was written by toOutboxEntry from a MessageView, so
 * the check is of its kind only (a row written by a version that had a kind this one lacks is
 * refused rather than half-rendered).
 */
export function readView(json: string): MessageView | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const kind = (parsed as { kind?: unknown }).kind;
  return typeof kind === 'string' && MESSAGE_KINDS.includes(kind) ? (parsed as MessageView) : undefined;
}

/** The digest of one channel for one scheduled run. */
export const digestKey = (channel: ChannelAddress, slot: Date): string => `pending-digest|${channelKeyOf(channel)}|${slot.toISOString()}`;

/** The coverage digest of one channel for one scheduled run. */
export const coverageDigestKey = (channel: ChannelAddress, slot: Date): string => `coverage-digest|${channelKeyOf(channel)}|${slot.toISOString()}`;

/** A job's end, told once to a channel. */
export const jobEndedKey = (channel: ChannelAddress, vaultId: string, jobName: string): string =>
  `job-ended|${channelKeyOf(channel)}|${vaultId.toLowerCase()}|${jobName.toLowerCase()}`;

/** A failed job's own channel post, where the platform cannot show a thread reply in the channel too (Teams). */
export const jobBroadcastKey = (channel: ChannelAddress, vaultId: string, jobName: string): string => `job-broadcast|${jobEndedKey(channel, vaultId, jobName).slice('job-ended|'.length)}`;

/** The first post of a day thread's summary line: once per channel and day. */
export const threadAnchorKey = (threadKey: string): string => `thread-anchor|${threadKey}`;

/** An update of a day thread's summary line to `total` jobs (totals only grow, so each is written once). */
export const threadSummaryKey = (threadKey: string, total: number): string => `thread-summary|${threadKey}|${total}`;

/** The follow-up for a set of pending sightings that cleared (each sighting clears once). */
export function nowProtectedKey(channel: ChannelAddress, sightings: { itemId: string; firstSeenAt: Date }[]): string {
  const members = sightings.map((s) => `${s.itemId.toLowerCase()}@${s.firstSeenAt.toISOString()}`).sort();
  return `now-protected|${channelKeyOf(channel)}|${createHash('sha256').update(members.join('\n')).digest('base64url').slice(0, 32)}`;
}

/**
 * The key as it travels with a message (Slack message metadata): a digest, so that no resource
 * ids end up in the workspace's message metadata. Same key, same digest.
 */
export const keyDigest = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 32);
