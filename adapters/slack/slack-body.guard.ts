/**
 * Where malformed Slack bodies stop: after Slack's signature is checked and before Bolt reads
 * them (Bolt's own routing throws on a body without `user` or `view`, which became HTTP 500).
 * Over HTTP a malformed body is answered 400; over Socket Mode, where there is no status to give,
 * it is acknowledged and dropped. Either way no listener runs, so nothing is claimed or done.
 */
import { App, ExpressReceiver, type AppOptions, type ExpressReceiverOptions, type ReceiverEvent } from '@slack/bolt';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/log';
import { checkSlackBody } from './slack-body.schema';

/** ExpressReceiver that answers 400 to a signed body the adapter cannot handle. */
export class CheckedExpressReceiver extends ExpressReceiver {
  constructor(
    options: ExpressReceiverOptions,
    private readonly checkLogger: Logger,
  ) {
    super(options);
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const check = checkSlackBody(req.body as unknown);
    if (!check.ok) {
      this.checkLogger.info('slack: malformed request refused', { reason: check.reason });
      res.status(400).json({ ok: false, error: 'malformed_request', detail: check.reason });
      return;
    }
    await super.requestHandler(req, res);
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
    const check = checkSlackBody(event.body);
    if (!check.ok) {
      this.checkLogger.info('slack: malformed request dropped', { reason: check.reason });
      await event.ack();
      return;
    }
    await super.processEvent(event);
  }
}
