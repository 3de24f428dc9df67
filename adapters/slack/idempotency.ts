/**
 * Idempotency keys claimed in the store's processed_events (SlackDeps.claimEvent).
 *
 * - A slash command is identified by its trigger id: a redelivery of the same request carries
 *   the same one, so the work happens once.
 * - A button press by its trigger id and action id (redeliveries); pressing twice is two presses,
 *   which is harmless for buttons that only read or open a form.
 *
 * Form submissions claim nothing here: one effect per identical request is the guarded flows'
 * rule (src/access/guarded-flows.ts), which lets a failed or refused request be tried again.
 */
import { keyPart } from '../../src/util/key-part';

export const commandKey = (triggerId: string): string => `slack:command:${keyPart(triggerId)}`;

export const actionKey = (triggerId: string, actionId: string): string => `slack:action:${keyPart(triggerId)}:${keyPart(actionId)}`;

/** Origins (see FormMetadata.origin). */
export const commandOrigin = (triggerId: string): string => `cmd:${triggerId}`;
export const messageButtonOrigin = (channel: string, ts: string, actionId: string): string => `msg:${channel}:${ts}:${actionId}`;
