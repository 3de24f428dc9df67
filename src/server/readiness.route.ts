import { Router } from 'express';
import type { Logger } from '../log';
import { within } from '../util/within';

/** Where the bot is in its life: ready only between `started` and `stopping`. */
export type Lifecycle = 'starting' | 'started' | 'stopping';

/** This replica's part in the sweeps: it leads them, another replica does, or no scheduler runs. */
export type LeaseState = 'leader' | 'follower' | 'off';

export interface ReadinessInfo {
  store: { check(): Promise<void>; pendingMigrations(): Promise<string[]> };
  lifecycle(): Lifecycle;
  lease(): LeaseState;
}

/** Body of GET /readyz: 200 when `status` is 'ready', 503 with the reasons otherwise. */
export interface ReadinessReport {
  status: 'ready' | 'not ready';
  store: 'ok' | 'unavailable';
  migrations: 'done' | 'pending' | 'unknown';
  adapters: 'starting' | 'started' | 'stopping';
  /** Informational: every replica serves chat traffic, leader or not. */
  lease: LeaseState;
  reasons?: string[];
}

const CHECK_TIMEOUT_MS = 5_000;

/**
 * GET /readyz for orchestrators (Kubernetes readiness, load balancers): whether this replica should
 * get chat traffic now. Unlike /healthz (liveness) it turns 503 while the bot stops, so traffic
 * drains before the listener closes.
 */
export function readinessRouter(info: ReadinessInfo, logger: Logger): Router {
  const router = Router();
  router.get('/readyz', async (_req, res) => {
    const reasons: string[] = [];
    let store: ReadinessReport['store'] = 'ok';
    let migrations: ReadinessReport['migrations'] = 'unknown';
    try {
      const pending = await bounded(Promise.all([info.store.check(), info.store.pendingMigrations()]).then(([, names]) => names));
      migrations = pending.length === 0 ? 'done' : 'pending';
      if (pending.length > 0) reasons.push(`migrations not run: ${pending.join(', ')}`);
    } catch (error) {
      store = 'unavailable';
      reasons.push('the store does not answer');
      logger.warn('readiness check: store did not answer', { error });
    }
    const adapters = info.lifecycle();
    if (adapters !== 'started') reasons.push(`the bot is ${adapters}`);
    const report: ReadinessReport = {
      status: reasons.length === 0 ? 'ready' : 'not ready',
      store,
      migrations,
      adapters,
      lease: info.lease(),
      ...(reasons.length > 0 ? { reasons } : {}),
    };
    res.status(reasons.length === 0 ? 200 : 503).set('Cache-Control', 'no-store').json(report);
  });
  return router;
}

async function bounded<T>(promise: Promise<T>): Promise<T> {
  const answer = await within(promise.then((value) => ({ value })), CHECK_TIMEOUT_MS);
  if (!answer) throw new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`);
  return answer.value;
}
