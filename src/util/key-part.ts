import { createHash } from 'node:crypto';

/** Longest part kept as is in a claim key. */
const MAX_PART = 120;

/**
 * A part of a claim key (processed_events: `slack:action:<trigger id>:<action id>`,
 * `teams:activity:<conversation id>:<activity id>`) of bounded size. Ids up to 120 characters stay
 * as they are, readable in the table (Slack trigger ids, Teams conversation ids); a longer one, from
 * a body we do not control, becomes `h.` and 32 base64url characters of its SHA-256 (192 bits).
 */
export function keyPart(part: string): string {
  return part.length <= MAX_PART ? part : `h.${createHash('sha256').update(part).digest('base64url').slice(0, 32)}`;
}
