import type { Request, Response, NextFunction, RequestHandler } from 'express';
import { isIP } from 'node:net';

/** Whether a socket's remote address is this machine (127.0.0.0/8, ::1, or IPv4-mapped 127.x). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Refuses with 401 any request that does not come from this machine. Used where the bot takes
 * unauthenticated traffic (no Microsoft App ID configured, and the playground). It reads the
 * socket's address, never X-Forwarded-For: a proxy in front must not turn remote traffic into local.
 */
export function loopbackOnly(what: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isLoopbackAddress(req.socket.remoteAddress)) return next();
    res.status(401).json({
      error: {
        code: 'Unauthorized',
        message: `${what} accepts unauthenticated requests from this machine only. Configure MICROSOFT_APP_ID and its credential to take Bot Framework traffic.`,
      },
    });
  };
}
