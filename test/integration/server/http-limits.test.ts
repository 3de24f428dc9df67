/**
 * The HTTP server's limits (HTTP_* settings), against raw sockets as a slow or hostile client
 * would use them. Timeouts are set short through the listener's limits; every assertion waits for
 * the server to act (a status, a closed connection), never for a wall-clock budget, so a loaded
 * machine makes these tests slower, not red.
 */
import net from 'node:net';
import express from 'express';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from '../../../src/config';
import { listen, type HttpListener } from '../../../src/server/http-listener';

const LIMITS: HttpLimits = {
  ...DEFAULT_HTTP_LIMITS,
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  keepAliveTimeoutMs: 1000,
  maxHeaderBytes: 8 * 1024,
  maxBodyBytes: 1024 * 1024,
};

/** A raw connection: what the server sent, and whether it closed the connection. */
interface Raw {
  socket: net.Socket;
  received(): string;
  closed: Promise<string>;
}

function connect(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => void (text += chunk));
    // Writing to a socket the server has cut fails with EPIPE/ECONNRESET: that is the point.
    socket.on('error', () => undefined);
    const closed = new Promise<string>((done) => socket.once('close', () => done(text)));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

const statusOf = (text: string): number | undefined => {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return m ? Number(m[1]) : undefined;
};

describe('HTTP server limits', () => {
  let listener: HttpListener;
  let bodiesRead = 0;

  beforeAll(async () => {
    const app = express();
    app.post('/echo', express.raw({ type: () => true, limit: '10mb' }), (req, res) => {
      bodiesRead += 1;
      res.json({ bytes: (req.body as Buffer).length });
    });
    app.get('/hello', (_req, res) => void res.send('hello'));
    listener = await listen(app, '127.0.0.1', 0, 'PORT', LIMITS);
  });
  afterAll(() => listener.close(100));

  it('cuts a client that sends its headers a byte at a time once the header timeout has passed', async () => {
    const raw = await connect(listener.port);
    const head = `GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(10_000)}`;
    let at = 0;
    // One byte every 20 ms, for far longer than the header timeout: only the server can end this.
    const drip = setInterval(() => {
      if (raw.socket.destroyed || at >= head.length) return;
      raw.socket.write(head[at]);
      at += 1;
    }, 20);
    try {
      const text = await raw.closed;
      // Cut before the client was done, and never answered as a request.
      expect(at).toBeLessThan(head.length);
      expect(statusOf(text) === undefined || statusOf(text) === 408).toBe(true);
    } finally {
      clearInterval(drip);
    }
  });

  it('refuses a 5 MB body with 413 before reading it, and closes the connection', async () => {
    const raw = await connect(listener.port);
    const size = 5 * 1024 * 1024;
    raw.socket.write(`POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`);
    // Only the first 64 KB are ever sent: an answer proves the rest was not waited for.
    raw.socket.write(Buffer.alloc(64 * 1024, 0x61));
    const text = await raw.closed;
    expect(statusOf(text)).toBe(413);
    expect(text).toMatch(/at most 1048576 bytes/);
    expect(bodiesRead).toBe(0);
  });

  it('on a path that needs a Bot Framework token: 401 without one, before the body limit is said; 413 for an oversized body with one', async () => {
    const guarded = express();
    guarded.post('/api/messages', (_req, res) => void res.status(200).end());
    const teams = await listen(guarded, '127.0.0.1', 0, 'PORT', LIMITS, { bearerPaths: ['/api/messages'] });
    try {
      const post = async (headers: string): Promise<string> => {
        const raw = await connect(teams.port);
        raw.socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}Content-Length: ${5 * 1024 * 1024}\r\n\r\n`);
        raw.socket.write(Buffer.alloc(64 * 1024, 0x61));
        return raw.closed;
      };
      const anonymous = await post('');
      expect(statusOf(anonymous)).toBe(401);
      expect(anonymous).not.toMatch(/1048576|too large/);
      expect(statusOf(await post('Authorization: Basic dXNlcjpwYXNz\r\n'))).toBe(401);
      const withToken = await post('Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2ln\r\n');
      expect(statusOf(withToken)).toBe(413);
    } finally {
      await teams.close(100);
    }
  });

  it('refuses a body without a stated length (chunked) with 411', async () => {
    const raw = await connect(listener.port);
    raw.socket.write('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n');
    const text = await raw.closed;
    expect(statusOf(text)).toBe(411);
    expect(bodiesRead).toBe(0);
  });

  it('still takes a body within the limit (the control)', async () => {
    const res = await fetch(`${listener.url}/echo`, { method: 'POST', body: 'x'.repeat(200_000) });
    expect(await res.json()).toEqual({ bytes: 200_000 });
  });

  it('answers headers larger than the maximum with 431', async () => {
    const raw = await connect(listener.port);
    raw.socket.write(`GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    const text = await raw.closed;
    expect(statusOf(text)).toBe(431);
  });

  it('cuts a request whose body trickles in past the request timeout', async () => {
    const readBefore = bodiesRead;
    const raw = await connect(listener.port);
    raw.socket.write('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n');
    const drip = setInterval(() => void (raw.socket.destroyed ? undefined : raw.socket.write('c')), 20);
    try {
      await raw.closed;
      expect(bodiesRead).toBe(readBefore);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a keep-alive connection left idle past the keep-alive timeout', async () => {
    const raw = await connect(listener.port);
    raw.socket.write('GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const text = await raw.closed;
    expect(statusOf(text)).toBe(200);
    // Node announces the keep-alive timeout in whole seconds.
    expect(text).toMatch(/Keep-Alive: timeout=1\b/i);
  });
});

describe('HTTP server connection limit', () => {
  // Timeouts long enough that only the connection limit can end a connection here.
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, maxConnections: 4 };
  let listener: HttpListener;
  beforeAll(async () => {
    listener = await listen(express(), '127.0.0.1', 0, 'PORT', limits);
  });
  afterAll(() => listener.close(100));

  it('takes no more connections than the maximum at once', async () => {
    const open = await Promise.all(Array.from({ length: limits.maxConnections }, () => connect(listener.port)));
    for (const raw of open) raw.socket.write('GET /hello HTTP/1.1\r\n');
    const extra = await connect(listener.port);
    const text = await extra.closed;
    expect(text).toBe('');
    expect(open.every((raw) => !raw.socket.destroyed)).toBe(true);
    for (const raw of open) raw.socket.destroy();
  });
});
