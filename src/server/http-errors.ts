import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';

/** 404 for anything no route took, as JSON. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
};

/**
 * The last resort for errors routes did not answer: logged in full (redacted), answered with a
 * reference and nothing of the error itself, which may hold internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = httpStatusOf(error);
    if (status < 500) {
      res.status(status).json({ error: 'bad_request', message: status === 413 ? 'Request body too large' : 'Malformed request' });
      return;
    }
    const reference = Math.random().toString(36).slice(2, 10);
    logger.error('unhandled error in HTTP route', { method: req.method, path: req.path, reference, error });
    res.status(500).json({ error: 'internal_error', message: `Something went wrong (reference ${reference})`, reference });
  };
}

/** body-parser and friends mark client errors with status/statusCode 4xx. */
function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const candidate = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate;
  }
  return 500;
}
