import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ArmResponse } from './arm-http';
import type { ServerCertificate } from './certificate';

/** A request the server hands on: method, path without query, parsed query, headers, body text. */
export interface ServerRequest {
  method: string;
  rawPath: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

export type RequestListener = (req: ServerRequest) => Promise<ArmResponse>;

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const IDLE_CONNECTION_MS = 120_000;

/** The HTTPS listener: reads the body, calls the listener, writes JSON. Knows nothing of ARM. */
export class HttpsServer {
  private server: https.Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly certificate: ServerCertificate,
    private readonly listener: RequestListener,
  ) {}

  async listen(host: string, port: number): Promise<number> {
    const server = https.createServer({ key: this.certificate.key, cert: this.certificate.cert }, (req, res) => {
      void this.onRequest(req, res);
    });
    // Resource Manager keeps idle connections open for minutes; node's default (5 s) would close
    // them under the bot's connection pool and make reuse race with the close.
    server.keepAliveTimeout = IDLE_CONNECTION_MS;
    // Every TCP connection, including those still in their TLS handshake, which the HTTP server
    // does not count yet: close() ends them all.
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections from SDK clients would otherwise hold close() open.
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? '/', 'https://emulator.invalid');
      const query: Record<string, string> = {};
      for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
      const rawPath = (req.url ?? '/').split('?')[0];
      const response = await this.listener({ method: (req.method ?? 'GET').toUpperCase(), rawPath, query, headers: req.headers, rawBody });
      writeResponse(res, response);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      writeResponse(res, {
        status: tooLarge ? 413 : 500,
        body: { error: { code: tooLarge ? 'RequestEntityTooLarge' : 'InternalServerError', message: error instanceof Error ? error.message : 'request failed' } },
      });
    }
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: ArmResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', Pragma: 'no-cache', ...(response.headers ?? {}) };
  let payload: Buffer | undefined;
  if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = String(payload.length);
  } else {
    headers['Content-Length'] = '0';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
