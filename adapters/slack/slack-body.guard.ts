/**
 * Where malformed Slack bodies stop: after Slack's signature is checked and before Bolt reads
 * them (Bolt's own routing throws on a body without `user` or `view`, which became HTTP 500).
 * Over HTTP a malformed body is answered 400; over Socket Mode, where there is no status to give,
 * it is acknowledged and dropped. Either way no listener runs, so nothing is claimed or done.
 * A well-formed body that no listener takes is acknowledged once the listeners have run
 * (unhandled-request.ts), instead of Bolt's 3 s wait and 404.
 */
import { App, ExpressReceiver, type AppOptions, type ExpressReceiverOptions, type ReceiverEvent } from '@slack/bolt';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/log';
import { checkSlackBody } from './slack-body.schema';
import { isUnusedPayloadType, logUnhandled, unhandledRequestHandler } from './unhandled-request';

/** ExpressReceiver that answers 400 to a signed body the adapter cannot handle, and 200 at once to one no listener takes. */
export class CheckedExpressReceiver extends ExpressReceiver {
  constructor(
    options: ExpressReceiverOptions,
    private readonly checkLogger: Logger,
  ) {
    super({ ...options, unhandledRequestHandler: unhandledRequestHandler(checkLogger) });
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    if (isUnusedPayloadType(req.body)) {
      logUnhandled(this.checkLogger, req.body);
      res.status(200).end();
      return;
    }
    const check = checkSlackBody(req.body as unknown);
    if (!check.ok) {
      this.checkLogger.info('slack: malformed request refused', { reason: check.reason });
      res.status(400).json({ ok: false, error: 'malformed_request', detail: check.reason });
      return;
    }
    await super.requestHandler(req, res);
    // Bolt has run every listener that matched: with no answer yet, none of them took it.
    if (!res.headersSent && !res.writableEnded) {
      logUnhandled(this.checkLogger, req.body);
      res.status(200).end();
    }
  }
}

/** Bolt's App that acknowledges and drops a malformed body (the Socket Mode path; HTTP stops earlier). */
export class CheckedApp extends App {
  constructor(
    options: AppOptions,
    private readonly checkLogger: Logger,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    if (isUnusedPayloadType(event.body)) {
      logUnhandled(this.checkLogger, event.body);
      await event.ack();
      return;
    }
    const check = checkSlackBody(event.body);
    if (!check.ok) {
      this.checkLogger.info('slack: malformed request dropped', { reason: check.reason });
      await event.ack();
      return;
    }
    let acknowledged = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      acknowledged = true;
      await event.ack(response);
    };
    await super.processEvent({ ...event, ack });
    if (!acknowledged) {
      logUnhandled(this.checkLogger, event.body);
      await event.ack();
    }
  }
}
