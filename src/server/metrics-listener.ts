import express from 'express';
import type { Logger } from '../log';
import type { BotMetrics } from '../metrics';
import { listen, type HttpListener } from './http-listener';

/**
 * GET /metrics (Prometheus text format) on a port of its own (METRICS_PORT), off the public port
 * that the ingress exposes: only the cluster's scraper should reach it.
 */
export async function startMetricsListener(metrics: BotMetrics, host: string, port: number, logger: Logger): Promise<HttpListener> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    try {
      const { contentType, body } = await metrics.render();
      res.status(200).set('Content-Type', contentType).set('Cache-Control', 'no-store').send(body);
    } catch (error) {
      logger.error('metrics scrape failed', { error });
      res.status(500).type('text/plain').send('metrics unavailable\n');
    }
  });
  app.use((_req, res) => void res.status(404).type('text/plain').send('Only /metrics is served on this port.\n'));
  return listen(app, host, port, 'METRICS_PORT');
}
