/**
 * A signed request that no listener takes (a command, action_id, callback_id or event type the
 * app does not use). Bolt leaves it unacknowledged: over HTTP it waits 3 s, logs an error and
 * answers 404, and Slack retries it three times; over Socket Mode Slack retries the envelope.
 * The adapter acknowledges it as soon as every listener has had its turn, and logs it once, at
 * debug level, by what it was.
 */
import type { Logger } from '../../src/log';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 100) : undefined);

/** What an unhandled body was, in a few ids (never its values): enough to tell why no listener took it. */
export function describeUnhandled(body: unknown): Record<string, string | undefined> {
  if (!isRecord(body)) return {};
  const payload = isRecord(body.event) ? body.event : body;
  const actions = Array.isArray(body.actions) ? body.actions.filter(isRecord) : [];
  const view = isRecord(body.view) ? body.view : {};
  return {
    type: short(body.type) ?? (typeof body.command === 'string' ? 'command' : undefined),
    command: short(body.command),
    eventType: isRecord(body.event) ? short(payload.type) : undefined,
    actionId: short(actions[0]?.action_id) ?? short(body.action_id),
    callbackId: short(view.callback_id) ?? short(body.callback_id),
  };
}

/**
 * Payload types Slack sends (Events API: event_callback, app_rate_limited; interactivity:
 * https://api.slack.com/interactivity/handling#payloads) that the adapter has no listener for.
 * Such a body is a valid request the app does not use, not a malformed one: it is acknowledged,
 * not refused, so Slack does not retry it.
 */
const UNUSED_PAYLOAD_TYPES: ReadonlySet<string> = new Set([
  'event_callback',
  'app_rate_limited',
  'shortcut',
  'message_action',
  'view_closed',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
]);

/** Whether a signed body is a kind of Slack request the app does not use at all. */
export function isUnusedPayloadType(body: unknown): boolean {
  return isRecord(body) && typeof body.type === 'string' && UNUSED_PAYLOAD_TYPES.has(body.type);
}

export function logUnhandled(logger: Logger, body: unknown): void {
  logger.debug('slack: request no listener takes acknowledged', describeUnhandled(body));
}

/**
 * Bolt's unhandledRequestHandler for the HTTP receiver. It fires 3 s after a request arrived
 * when nothing acknowledged it through Bolt; a request the receiver acknowledged itself as
 * unhandled was answered already and is left alone. Anything else is a listener that did not
 * acknowledge in time: that stays an error, as in Bolt.
 */
export function unhandledRequestHandler(logger: Logger) {
  return ({ response }: { response: { headersSent: boolean; writeHead(status: number): unknown; end(): unknown } }): void => {
    if (response.headersSent) return;
    logger.error('slack: a listener did not acknowledge a request within 3 seconds');
    response.writeHead(404);
    response.end();
  };
}
