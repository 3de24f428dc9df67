import { SIGNING_SECRET } from './bench-identity';
import { HttpClient, type TimedResponse } from './http-load';
import { commandBody, interactionBody, signedHeaders } from './slack-signing';

/** A request signed and ready to send, so signing is not inside the timed part. */
export interface PreparedRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export function prepareCommand(url: string, fields: Record<string, string>): PreparedRequest {
  const body = commandBody(fields);
  return { url, body, headers: signedHeaders(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
}

export function prepareInteraction(url: string, payload: unknown): PreparedRequest {
  const body = interactionBody(payload);
  return { url, body, headers: signedHeaders(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
}

export function send(client: HttpClient, request: PreparedRequest): Promise<TimedResponse> {
  return client.post(request.url, request.body, request.headers);
}

/** Unique per request: the bot's idempotency keys are trigger ids, and a repeat would skip the work. */
let triggerSeq = 0;
export function newTriggerId(): string {
  triggerSeq += 1;
  return `${triggerSeq}.${Date.now()}.${Math.random().toString(16).slice(2, 10)}`;
}
