import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The headers Slack sends with a form-encoded request it signed at `timestamp` (Unix seconds). */
export function signedHeaders(secret: string, body: string, timestamp: number): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}

/** The body of an interaction (button, options load, submission): `payload=<json>`, form-encoded. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The body of a slash command: its fields, form-encoded. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
