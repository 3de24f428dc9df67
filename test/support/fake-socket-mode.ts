/**
 * Slack's side of Socket Mode on loopback, for the fake Slack API: `apps.connections.open` hands
 * out a ws:// URL on the fake's own server, and this module plays the connection as
 * docs.slack.dev/apis/events-api/using-socket-mode describes it:
 *
 * - on connect Slack sends `{type: 'hello', num_connections, debug_info, connection_info}`;
 * - each request comes as an envelope `{envelope_id, type: 'slash_commands' | 'interactive',
 *   payload, accepts_response_payload}`, and the app acknowledges it by sending back
 *   `{envelope_id, payload?}` (the payload is the answer: options, a view_submission's
 *   response_action);
 * - Slack asks the app to reconnect with `{type: 'disconnect', reason: 'refresh_requested'}`
 *   (the app opens a new connection through apps.connections.open), and a connection may also
 *   just drop.
 *
 * An envelope is sent on the open connection, or on the next one when none is open; one that was
 * not acknowledged when its connection closed is sent again on the next connection, with the same
 * envelope id (Slack retries what was not acknowledged). Tests can also send an acknowledged
 * envelope again, as Slack does when an acknowledgement is lost.
 */
import { EventEmitter } from 'node:events';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

export type EnvelopeType = 'slash_commands' | 'interactive';

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Json;
  accepts_response_payload: boolean;
}

export interface FakeSocketMode {
  /** Path prefix of the WebSocket URLs (the fake's HTTP server upgrades requests under it). */
  readonly path: string;
  /** A new connection URL, as apps.connections.open answers. */
  openUrl(origin: string): string;
  /** How many connections the app made (each got its hello). */
  connections(): number;
  /** Resolves once the app has made `count` connections and the last one is open. */
  waitForConnections(count: number): Promise<void>;
  /** Sends an envelope (now, or on the next connection); returns its envelope id. */
  deliver(type: EnvelopeType, payload: Json, acceptsResponsePayload: boolean): string;
  /** Resolves with the acknowledgement's payload (an empty object when the app sent none). */
  waitForAck(envelopeId: string): Promise<Json>;
  /** How many times an envelope went out. */
  sent(envelopeId: string): number;
  /** Sends an acknowledged envelope again, as Slack does when it did not get the acknowledgement. */
  redeliver(envelopeId: string): void;
  /** Slack's `disconnect` message (refresh requested) on the open connection. */
  requestRefresh(): void;
  /** Drops the open connection without a close frame. */
  drop(): void;
  /** For the fake's HTTP server: takes over an upgrade request under `path`. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

const GUARD_MS = 20_000;

export function createFakeSocketMode(appId: string): FakeSocketMode {
  const path = '/socket-mode/';
  const wss = new WebSocketServer({ noServer: true });
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const envelopes = new Map<string, SocketEnvelope>();
  const acks = new Map<string, Json>();
  const sentCount = new Map<string, number>();
  /** Envelopes waiting for a connection, in order. */
  const pending: string[] = [];
  let current: WebSocket | undefined;
  let made = 0;
  let seq = 0;

  const send = (id: string): void => {
    const envelope = envelopes.get(id);
    if (!envelope) return;
    if (!current || current.readyState !== WebSocket.OPEN) {
      if (!pending.includes(id)) pending.push(id);
      return;
    }
    sentCount.set(id, (sentCount.get(id) ?? 0) + 1);
    current.send(JSON.stringify(envelope));
  };

  wss.on('connection', (socket: WebSocket) => {
    made += 1;
    current = socket;
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    socket.on('message', (data) => {
      let message: Json;
      try {
        message = JSON.parse(String(data)) as Json;
      } catch {
        return;
      }
      const id = message.envelope_id;
      if (typeof id !== 'string' || !envelopes.has(id)) return;
      acks.set(id, (message.payload as Json | undefined) ?? {});
      events.emit('ack', id);
    });
    socket.on('close', () => {
      if (current === socket) current = undefined;
      // What went out on this connection and was not acknowledged goes out again on the next one.
      for (const [id, count] of sentCount) if (count > 0 && !acks.has(id) && !pending.includes(id)) pending.push(id);
    });
    events.emit('connection');
    for (const id of pending.splice(0)) send(id);
  });

  const waitFor = (check: () => boolean, event: string, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (check()) {
        resolve();
        return;
      }
      // A guard against hanging forever, not an assertion on speed.
      const timer = setTimeout(() => {
        events.off(event, on);
        reject(new Error(`Timed out waiting for ${what}`));
      }, GUARD_MS);
      const on = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        events.off(event, on);
        resolve();
      };
      events.on(event, on);
    });

  return {
    path,
    openUrl: (origin) => `${origin.replace(/^http/, 'ws')}${path}?ticket=${++seq}`,
    connections: () => made,
    waitForConnections: (count) => waitFor(() => made >= count && current?.readyState === WebSocket.OPEN, 'connection', `connection ${count}`),
    deliver: (type, payload, acceptsResponsePayload) => {
      const id = `env-${String(++seq).padStart(6, '0')}`;
      envelopes.set(id, { envelope_id: id, type, payload, accepts_response_payload: acceptsResponsePayload });
      send(id);
      return id;
    },
    waitForAck: async (id) => {
      await waitFor(() => acks.has(id), 'ack', `the acknowledgement of ${id}`);
      return acks.get(id) as Json;
    },
    sent: (id) => sentCount.get(id) ?? 0,
    redeliver: (id) => {
      acks.delete(id);
      send(id);
    },
    requestRefresh: () => current?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } })),
    drop: () => current?.terminate(),
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
    handleUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  };
}

/** Hands upgrade requests for the Socket Mode path to the fake; anything else is refused. */
export function attachSocketMode(server: http.Server, socketMode: FakeSocketMode): void {
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith(socketMode.path)) {
      socket.destroy();
      return;
    }
    socketMode.handleUpgrade(req, socket, head);
  });
}
