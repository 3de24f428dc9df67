/**
 * The load generator: POSTs over keep-alive connections with node's http client (less overhead
 * than fetch, so more of the measured time is the server's) and times each request from the
 * moment it is handed to the socket pool to the last byte of the answer.
 */
import http from 'node:http';

export interface TimedResponse {
  status: number;
  ms: number;
  body: string;
}

export class HttpClient {
  private readonly agent: http.Agent;

  constructor(maxSockets: number) {
    // Idle sockets are dropped before node's server drops them (keepAliveTimeout, 5 s): reusing
    // one the server is closing at that moment fails with ECONNRESET.
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 4_000 });
  }

  post(url: string, body: string, headers: Record<string, string>): Promise<TimedResponse> {
    const target = new URL(url);
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs `total` tasks with at most `concurrency` in flight (a closed loop: a new one starts as
 * one ends). Results in start order.
 */
export async function runClosedLoop<T>(total: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * People typing at once, as a person types: each sends the keystrokes of `sequences[k]` one every
 * `gapMs` (on a fixed rhythm from their start, whether or not the last answer came: a person does
 * not wait for the options to type the next letter, and Slack sends one request per keystroke).
 * Starts are spread over one gap so the people are not in lockstep. Results in sending order per person.
 */
export async function typeTogether<T>(sequences: string[][], gapMs: number, send: (text: string) => Promise<T>): Promise<T[]> {
  const sent: Promise<T>[][] = sequences.map(() => []);
  const t0 = performance.now();
  await Promise.all(
    sequences.map(async (sequence, k) => {
      const start = t0 + (k * gapMs) / sequences.length;
      for (let j = 0; j < sequence.length; j++) {
        const wait = start + j * gapMs - performance.now();
        if (wait > 0) await sleep(wait);
        sent[k].push(send(sequence[j]));
      }
    }),
  );
  return Promise.all(sent.flat());
}
