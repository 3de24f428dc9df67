import type { RequestHandler } from 'express';
import { requestIdFrom, withRequestId } from '../log';
import type { BotMetrics, ChatPlatform } from '../metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Gives every request an id (the caller's X-Request-Id when usable, else a new one), answers it in
 * X-Request-Id and runs the rest of the request, and the work it leaves running after the answer
 * (Slack acknowledges first), under it: every log line of the command carries it. Answers to the
 * chat platforms are counted for /metrics.
 */
export function requestTracking(metrics: BotMetrics, chatPaths: Record<string, ChatPlatform>): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const platform = req.method === 'POST' ? chatPaths[req.path] : undefined;
    if (platform !== undefined) {
      const started = performance.now();
      res.once('finish', () => metrics.ack(platform, res.statusCode, (performance.now() - started) / 1000));
    }
    withRequestId(requestId, next);
  };
}
