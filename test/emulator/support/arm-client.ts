import * as https from 'node:https';
import { startEmulator } from '../../../emulator';
import type { EmulatorOptions, RunningEmulator } from '../../../emulator';

/** An HTTP answer as the tests see it: status, lower-case headers, parsed JSON body. */
export interface ArmReply {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Defaults to a bearer token; pass null to send none. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

/**
 * A tiny HTTPS client that trusts the emulator's own certificate (node:https with `ca`), so the
 * tests talk to it exactly as the SDK does, without touching global TLS settings.
 */
export class ArmClient {
  /** Keep-alive, like the SDK's pipeline; the emulator closes these sockets on close(). */
  private readonly agent: https.Agent;

  constructor(private readonly emulator: Pick<RunningEmulator, 'endpoint' | 'ca'>) {
    this.agent = new https.Agent({ keepAlive: true, ca: emulator.ca });
  }

  request(method: string, pathOrUrl: string, options: CallOptions = {}): Promise<ArmReply> {
    const url = new URL(pathOrUrl, this.emulator.endpoint);
    const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.authorization !== null) headers.authorization = options.authorization ?? 'Bearer test-token';
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: flat, body });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get(path: string, options?: CallOptions): Promise<ArmReply> {
    return this.request('GET', path, options);
  }

  put(path: string, body: unknown, options?: CallOptions): Promise<ArmReply> {
    return this.request('PUT', path, { ...options, body });
  }

  post(path: string, body?: unknown, options?: CallOptions): Promise<ArmReply> {
    return this.request('POST', path, { ...options, body });
  }

  patch(path: string, body: unknown, options?: CallOptions): Promise<ArmReply> {
    return this.request('PATCH', path, { ...options, body });
  }

  delete(path: string, options?: CallOptions): Promise<ArmReply> {
    return this.request('DELETE', path, options);
  }

  /** Follows nextLink until the last page; returns all items and the number of pages. */
  async listAll(path: string): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let pages = 0;
    let next: string | undefined = path;
    while (next) {
      const reply = await this.get(next);
      if (reply.status !== 200) throw new Error(`GET ${next} -> ${reply.status} ${JSON.stringify(reply.body)}`);
      pages += 1;
      items.push(...reply.body.value);
      next = reply.body.nextLink ?? undefined;
    }
    return { items, pages };
  }
}

export const BACKUP_API = 'api-version=2023-06-01';
export const VAULT_API = 'api-version=2026-07-01';
export const COMPUTE_API = 'api-version=2026-04-01';
/** Microsoft.Resources, as @azure/arm-resources 7.0.0 sends it. */
export const RESOURCES_API = 'api-version=2025-04-01';

/** Creates (or keeps) a resource group in the seeded production subscription, failing the test on any other answer. */
export async function createResourceGroup(arm: ArmClient, subscriptionId: string, name: string, location: string): Promise<void> {
  const reply = await arm.put(`/subscriptions/${subscriptionId}/resourcegroups/${encodeURIComponent(name)}?${RESOURCES_API}`, { location });
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`PUT resource group ${name} -> ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Starts an emulator on a manual clock for a test, with a client bound to it. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; arm: ArmClient }> {
  const emulator = await startEmulator({ clock: 'manual', startTime: new Date('2026-03-02T08:00:00Z'), ...options });
  return { emulator, arm: new ArmClient(emulator) };
}

/** The path + query of an absolute URL the emulator handed out (Location, Azure-AsyncOperation, nextLink). */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The last path segment before the query: the operation id in an async URL. */
export function operationIdOf(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/');
  return segments[segments.length - 1];
}
