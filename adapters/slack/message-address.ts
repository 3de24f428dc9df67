/**
 * A Slack message the bot posted, as the opaque `messageRef` of a tracked job
 * (src/flows/job-tracker.port.ts): JSON of channel and ts.
 */
export interface SlackMessageAddress {
  channel: string;
  ts: string;
}

export const SLACK_PLATFORM = 'slack';

export function encodeMessageRef(address: SlackMessageAddress): string {
  return JSON.stringify({ channel: address.channel, ts: address.ts });
}

export function decodeMessageRef(ref: string): SlackMessageAddress | undefined {
  try {
    const parsed: unknown = JSON.parse(ref);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { channel, ts } = parsed as { channel?: unknown; ts?: unknown };
    return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : undefined;
  } catch {
    return undefined;
  }
}
