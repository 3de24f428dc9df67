import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../../../src/config';
import { silentLogger } from '../../../src/log';
import { startBot, type RunningBot } from '../../../src/server';
import { listen, type HttpListener } from '../../../src/server/http-listener';
import { readinessRouter, type Lifecycle, type ReadinessReport } from '../../../src/server/readiness.route';
import { openStore, type Store } from '../../../src/store';

// GET /readyz: what Kubernetes' readiness probe and load balancers ask before sending chat
// traffic to a replica (deploy/kubernetes uses it), next to /healthz (liveness).

async function readyz(base: string): Promise<{ status: number; body: ReadinessReport }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadinessReport };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-readyz-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('/readyz of the whole bot', () => {
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('is ready once started, migrated and leading or following, and not once its store stops answering', async () => {
    bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: dir }, { cwd: dir }), { logger: silentLogger });
    const ready = await readyz(bot.url);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: 'ok', migrations: 'done', adapters: 'started' });
    expect(['leader', 'follower']).toContain(ready.body.lease);
    expect(ready.body.reasons).toBeUndefined();

    await bot.store.close();
    const down = await readyz(bot.url);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', store: 'unavailable', adapters: 'started' });
    expect(down.body.reasons).toEqual(['the store does not answer']);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(503);
  });
});

describe('readinessRouter', () => {
  let store: Store | undefined;
  let listener: HttpListener | undefined;
  afterEach(async () => {
    await listener?.close();
    await store?.close();
    listener = undefined;
    store = undefined;
  });

  async function serve(lifecycle: Lifecycle, migrate: boolean): Promise<string> {
    store = await openStore({ kind: 'sqlite', file: path.join(dir, 'bot.sqlite') }, { migrate });
    const app = express();
    app.use(readinessRouter({ store, lifecycle: () => lifecycle, lease: () => 'follower' }, silentLogger));
    listener = await listen(app, '127.0.0.1', 0);
    return listener.url;
  }

  it('names the migrations a database has not run', async () => {
    const url = await serve('started', false);
    const { status, body } = await readyz(url);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'not ready', store: 'ok', migrations: 'pending', lease: 'follower' });
    expect(body.reasons?.[0]).toMatch(/^migrations not run: 2026-11-24-initial, /);
  });

  it('turns not ready while the bot stops, so traffic drains before the listener closes', async () => {
    const url = await serve('stopping', true);
    const { status, body } = await readyz(url);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'not ready', store: 'ok', migrations: 'done', adapters: 'stopping', reasons: ['the bot is stopping'] });
  });
});
