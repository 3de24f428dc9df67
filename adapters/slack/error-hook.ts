/**
 * The one error hook (Bolt's app.error): whatever failed while answering, the person who acted
 * is told, where they are looking, with a reference the operators can find in the log. The
 * flows never throw (their failures are notice views), so what lands here is a Slack-side
 * failure: a refused API call, a timeout, a bug.
 */
import { randomBytes } from 'node:crypto';
import { noticeModal } from '../../cards/slack';
import { decodeModalContext } from './slack-payload';
import type { FlowResultPresenter } from './flow-result.presenter';
import type { SlackDeps } from './slack-deps';
import { slackErrorCode, type SlackWeb } from './slack-web';
import type { Where } from './where';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);

/** Who acted and where, read from any Slack request body (command, action, submission, options). */
export function whereOfBody(body: unknown): Where | undefined {
  const b = obj(body);
  if (!b) return undefined;
  const user = str(b.user_id) ?? str(obj(b.user)?.id);
  if (!user) return undefined;
  const view = obj(b.view);
  const ctx = decodeModalContext(str(view?.private_metadata));
  return {
    userId: user,
    channel: str(b.channel_id) ?? str(obj(b.channel)?.id) ?? str(obj(b.container)?.channel_id) ?? ctx.channel,
    responseUrl: str(b.response_url),
    viewId: str(view?.id),
    origin: ctx.origin ?? 'error',
  };
}

/**
 * Socket Mode could not send an acknowledgement because the connection was closing (a refresh,
 * a drop). The listener stopped at its ack, and Slack sends what it did not get an ack for again
 * on the next connection, where it is answered: telling the person something failed would be wrong.
 */
const UNSENT_ACK = new Set(['slack_socket_mode_send_while_disconnected_error', 'slack_socket_mode_send_while_not_ready_error', 'slack_socket_mode_no_reply_received_error']);

const codeOf = (error: unknown): string | undefined => str(obj(error)?.code);

/** What Bolt's extended error handler passes (the parts used here). */
interface ErrorHookArgs {
  error: Error & { original?: unknown };
  body: unknown;
}

export function errorHook(deps: SlackDeps, web: SlackWeb, presenter: FlowResultPresenter) {
  const newReference = deps.newReference ?? (() => randomBytes(4).toString('hex'));
  return async ({ error, body }: ErrorHookArgs): Promise<void> => {
    const code = codeOf(error) ?? codeOf(error.original);
    if (code !== undefined && UNSENT_ACK.has(code)) {
      deps.logger.info('slack: an acknowledgement was not sent (the Socket Mode connection was closing); Slack sends the request again', { code, type: str(obj(body)?.type) ?? str(obj(body)?.command) });
      return;
    }
    const reference = newReference();
    const where = whereOfBody(body);
    deps.logger.error('slack: answering a request failed', {
      reference,
      error,
      slackError: slackErrorCode(error.original ?? error),
      type: str(obj(body)?.type) ?? str(obj(body)?.command),
    });
    if (!where) return;
    const sentence = `Something went wrong while I answered in Slack (reference ${reference}). Nothing more will happen for this request unless a message here says so. Try again; if it keeps happening, give the reference to your operators.`;
    try {
      if (where.viewId && str(obj(body)?.type) === 'view_submission') {
        await web.updateModal(where.viewId, noticeModal('Something went wrong', 'error', sentence, { channel: where.channel, origin: where.origin }));
        return;
      }
      await presenter.tell(where, sentence);
    } catch (tellError) {
      // Nothing else can reach the person; the log line above carries the reference.
      deps.logger.error('slack: could not tell the person about a failure', { reference, error: tellError });
    }
  };
}
