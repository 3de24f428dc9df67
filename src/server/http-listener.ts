import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ConfigError, DEFAULT_HTTP_LIMITS, type HttpLimits } from '../config';

export interface HttpListener {
  server: http.Server;
  /** Where the bot can be reached, e.g. http://127.0.0.1:3978 (loopback when listening on all addresses). */
  url: string;
  port: number;
  /** Stops taking connections, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  /**
   * Paths whose requests must carry `Authorization: Bearer <token>` (the Teams endpoint when the
   * bot has credentials): without one they get 401 before anything about their body is said, so
   * a caller without a token does not learn the body limit from a 413. The token itself is checked
   * by the route; a request that has one and too large a body still gets 413.
   */
  bearerPaths?: readonly string[];
}

/**
 * Listens on host:port with `limits` against slow or greedy clients; a port in use or a foreign
 * address is reported as the setting to change.
 */
export function listen(
  app: Express,
  host: string,
  port: number,
  portSetting = 'PORT',
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
  options: ListenOptions = {},
): Promise<HttpListener> {
  const bearerPaths = new Set(options.bearerPaths ?? []);
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      // Node checks the two timeouts above only this often (30 s by default): a tenth of the header
      // timeout keeps them close to what they say.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 10))),
    },
    (req, res) => {
      const refusal = bearerRefusal(req, bearerPaths) ?? bodyRefusal(req, limits.maxBodyBytes);
      if (refusal) refuse(res, refusal);
      else app(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, host, port, portSetting));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const actualPort = (server.address() as AddressInfo).port;
      resolve({ server, port: actualPort, url: `http://${urlHost(host)}:${actualPort}`, close: (graceMs) => closeServer(server, graceMs) });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

interface Refusal {
  status: 401 | 411 | 413;
  error: string;
  message: string;
  /** The answer's JSON when it is not `{ error, message }` (the 401 as Bot Framework's route answers it). */
  body?: unknown;
}

/** Bot Framework sends `Authorization: Bearer <JWT>`; anything else cannot carry a valid token. */
const TOKEN_REQUIRED = 'A valid Bot Framework token is required';
const BEARER = /^Bearer [A-Za-z0-9._~+/=-]+$/;

/** A request to a path that needs a token, without one. */
function bearerRefusal(req: http.IncomingMessage, paths: ReadonlySet<string>): Refusal | undefined {
  if (paths.size === 0 || !paths.has((req.url ?? '').split('?')[0])) return undefined;
  return BEARER.test(req.headers.authorization ?? '')
    ? undefined
    : { status: 401, error: 'unauthorized', message: TOKEN_REQUIRED, body: { error: { code: 'Unauthorized', message: TOKEN_REQUIRED } } };
}

/** A body the server will not read: larger than the limit by its Content-Length, or of unstated length. */
function bodyRefusal(req: http.IncomingMessage, maxBodyBytes: number): Refusal | undefined {
  const length = req.headers['content-length'];
  if (length !== undefined) {
    const bytes = Number(length);
    return Number.isFinite(bytes) && bytes > maxBodyBytes
      ? { status: 413, error: 'payload_too_large', message: `Request body too large: at most ${maxBodyBytes} bytes` }
      : undefined;
  }
  // Without a Content-Length only reading would tell the size; Slack and Bot Framework always state it.
  return req.headers['transfer-encoding'] !== undefined
    ? { status: 411, error: 'length_required', message: 'A request body must state its length (Content-Length)' }
    : undefined;
}

/** Answers without reading the body, and closes the connection so the rest of it is never read. */
function refuse(res: http.ServerResponse, refusal: Refusal): void {
  res.shouldKeepAlive = false;
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify(refusal.body ?? { error: refusal.error, message: refusal.message }), () => res.socket?.destroy());
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number, setting: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ConfigError([{ variable: setting, message: `${setting} ${port} is already in use on ${host}: stop the other process or set ${setting} to a free port` }]);
    case 'EACCES':
      return new ConfigError([{ variable: setting, message: `${setting} ${port} needs privileges this process does not have: use a port above 1023` }]);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError([{ variable: 'HOST', message: `HOST ${host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its addresses` }]);
    default:
      return error;
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function closeServer(server: http.Server, graceMs = 5_000): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    // Keep-alive connections with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
  });
}
