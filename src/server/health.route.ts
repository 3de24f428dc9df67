import { Router } from 'express';
import { within } from '../util/within';
import type { Logger } from '../log';

/** What /healthz reports besides the store's answer. */
export interface HealthInfo {
  store: { kind: 'sqlite' | 'postgres'; check(): Promise<void> };
  azure: { mode: 'emulator' | 'azure'; endpoint: string };
  slack: boolean;
  teams: boolean;
  playground: boolean;
  startedAt: number;
}

export type OnOff = 'on' | 'off';

/** Body of GET /healthz. `status` is 'ok' (200) or 'unavailable' (503, when the store does not answer). */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: 'sqlite' | 'postgres';
  azure: 'emulator' | 'azure';
  endpoint: string;
  slack: OnOff;
  teams: OnOff;
  playground: OnOff;
  /** Seconds since start. */
  uptime: number;
}

const STORE_CHECK_TIMEOUT_MS = 5_000;

/**
 * GET /healthz for load balancers and people. Depends on the store only: Azure and the chat
 * platforms being slow must not take the bot out of rotation.
 */
export function healthRouter(info: HealthInfo, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let storeOk = true;
    try {
      await withTimeout(info.store.check(), STORE_CHECK_TIMEOUT_MS);
    } catch (error) {
      storeOk = false;
      logger.warn('health check: store did not answer', { error });
    }
    const onOff = (on: boolean): OnOff => (on ? 'on' : 'off');
    const report: HealthReport = {
      status: storeOk ? 'ok' : 'unavailable',
      store: info.store.kind,
      azure: info.azure.mode,
      endpoint: info.azure.endpoint,
      slack: onOff(info.slack),
      teams: onOff(info.teams),
      playground: onOff(info.playground),
      uptime: Math.round((Date.now() - info.startedAt) / 1000),
    };
    res.status(storeOk ? 200 : 503).set('Cache-Control', 'no-store').json(report);
  });
  return router;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const answer = await within(promise.then((value) => ({ value })), ms);
  if (!answer) throw new Error(`no answer within ${ms} ms`);
  return answer.value;
}
