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
import { newRequestId, withRequestId, type Logger } from '../../src/log';
import { InFlight } from '../../src/util/in-flight';
import { checkSlackBody } from './slack-body.schema';
import { isUnusedPayloadType, logUnhandled, unhandledRequestHandler } from './unhandled-request';

/**
 * ExpressReceiver that answers 400 to a signed body the adapter cannot handle, and 200 at once to
 * one no listener takes. Each request's work, which goes on after its ack, is kept in `inFlight`
 * so shutdown can let it finish (here rather than in a Bolt middleware, which would add a link to
 * every request's chain before its ack).
 */
export class CheckedExpressReceiver extends ExpressReceiver {
  constructor(
    options: ExpressReceiverOptions,
    private readonly checkLogger: Logger,
    private readonly inFlight: InFlight = new InFlight(),
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
    // Bolt settles this once every listener's work is done, long after the ack: shutdown waits for it.
    await this.inFlight.track(super.requestHandler(req, res));
    // Bolt has run every listener that matched: with no answer yet, none of them took it.
    if (!res.headersSent && !res.writableEnded) {
      logUnhandled(this.checkLogger, req.body);
      res.status(200).end();
    }
  }
}

/** Told of each Socket Mode acknowledgement: its HTTP-like status (200 acked, 400 malformed) and seconds since the envelope came in. */
export type SocketAckObserver = (status: number, seconds: number) => void;

/**
 * Bolt's App that acknowledges and drops a malformed body (the Socket Mode path; HTTP stops
 * earlier). Each envelope gets a request id (there is no X-Request-Id to take one from) and its
 * acknowledgement is counted like an HTTP answer.
 */
export class CheckedApp extends App {
  constructor(
    options: AppOptions,
    private readonly checkLogger: Logger,
    private readonly inFlight: InFlight = new InFlight(),
    private readonly onAck: SocketAckObserver = () => undefined,
  ) {
    super(options);
  }

  override processEvent(event: ReceiverEvent): Promise<void> {
    return this.inFlight.track(withRequestId(newRequestId(), () => this.checkedEvent(event, performance.now())));
  }

  private async checkedEvent(event: ReceiverEvent, started: number): Promise<void> {
    const acked = async (status: number, response?: Parameters<ReceiverEvent['ack']>[0]): Promise<void> => {
      await event.ack(response);
      this.onAck(status, (performance.now() - started) / 1000);
    };
    if (isUnusedPayloadType(event.body)) {
      logUnhandled(this.checkLogger, event.body);
      await acked(200);
      return;
    }
    const check = checkSlackBody(event.body);
    if (!check.ok) {
      this.checkLogger.info('slack: malformed request dropped', { reason: check.reason });
      await acked(400);
      return;
    }
    let acknowledged = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      acknowledged = true;
      await acked(200, response);
    };
    await super.processEvent({ ...event, ack });
    if (!acknowledged) {
      logUnhandled(this.checkLogger, event.body);
      await acked(200);
    }
  }
}
