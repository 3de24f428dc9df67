/**
 * A small HTTPS JSON client for the emulator's Resource Manager API, to set up large states
 * (vaults, thousands of protected items, backups) faster than the SDK's long-running-operation
 * pollers would. It speaks ARM as documented (vendor/azure-rest-examples), nothing emulator-only
 * except /_admin/clock/advance.
 */
import https from 'node:https';

export const API_VERSIONS = { backup: '2023-06-01', vaults: '2026-07-01', compute: '2026-04-01' } as const;

export interface ArmAnswer {
  status: number;
  body: unknown;
}

export class ArmClient {
  private readonly agent: https.Agent;

  constructor(
    private readonly endpoint: string,
    ca: string,
    maxSockets = 16,
  ) {
    this.agent = new https.Agent({ ca, keepAlive: true, maxSockets });
  }

  request(method: string, pathAndQuery: string, body?: unknown): Promise<ArmAnswer> {
    const url = new URL(pathAndQuery, this.endpoint);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: 'Bearer bench',
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Fails with the answer when the status is not one of `ok`. */
  async expect(method: string, pathAndQuery: string, body: unknown, ok: number[]): Promise<unknown> {
    const answer = await this.request(method, pathAndQuery, body);
    if (!ok.includes(answer.status)) throw new Error(`${method} ${pathAndQuery} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  }

  /** Every item of a paged list (value + nextLink). */
  async listAll(pathAndQuery: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let next: string | undefined = pathAndQuery;
    while (next) {
      const body = (await this.expect('GET', next, undefined, [200])) as { value?: Record<string, unknown>[]; nextLink?: string };
      out.push(...(body.value ?? []));
      next = body.nextLink ?? undefined;
    }
    return out;
  }

  /** Moves a manual emulator clock (the emulator runs what falls due). */
  async advance(ms: number): Promise<void> {
    await this.expect('POST', '/_admin/clock/advance', { ms }, [200]);
  }

  close(): void {
    this.agent.destroy();
  }
}
