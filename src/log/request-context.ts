import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The request id of the command being handled, carried by the async context: set once where a
 * request comes in, it is on every log line written while handling it (the flow, its Azure
 * calls, what it queues), without passing it through every function.
 */
const storage = new AsyncLocalStorage<string | undefined>();

/** A request id given by a caller (X-Request-Id) is kept only if it is this safe and short. */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Ids are this process's random prefix and a counter: unique across replicas and restarts like a
 * random id, without a call into the system's random source on every request's ack path.
 */
const PREFIX = randomBytes(5).toString('hex');
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % 0x100000000;
  return `${PREFIX}${counter.toString(16).padStart(8, '0')}`;
}

/** The caller's id when it is usable, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED.test(value) ? value : newRequestId();
}

/**
 * Runs `fn` with `requestId` as the current request id (for everything it starts, too); with
 * undefined, under no id (background work that must not carry whichever id started its loop).
 */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return storage.run(requestId, fn);
}

/** The request id of the work running now, if it came from a request. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}
