import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ConfigError } from '../config';

export interface HttpListener {
  server: http.Server;
  /** Where the bot can be reached, e.g. http://127.0.0.1:3978 (loopback when listening on all addresses). */
  url: string;
  port: number;
  /** Stops taking connections, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Listens on host:port; a port in use or a foreign address is reported as the setting to change. */
export function listen(app: Express, host: string, port: number, portSetting = 'PORT'): Promise<HttpListener> {
  const server = http.createServer(app);
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
