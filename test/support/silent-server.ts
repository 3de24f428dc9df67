import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 that takes requests and never answers them: a serviceUrl or API whose
 * host accepts the connection and then hangs. Tests see what arrived and whether the client gave
 * up (closed its connection) on its own.
 */
export interface SilentServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Requests received so far (method and path). */
  received: string[];
  /** How many of the connections the client has closed. */
  closedByClient(): number;
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const received: string[] = [];
  let closed = 0;
  let closing = false;
  const server = http.createServer((req) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
  });
  server.on('connection', (socket) => socket.once('close', () => void (closing ? undefined : (closed += 1))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    closedByClient: () => closed,
    close: async () => {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
