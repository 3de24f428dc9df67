import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { SHARE_ACTION_ID } from '../../../../cards/slack';
import { isShareable } from '../../../../src/access/audience';
import { slackActor } from '../../actor';
import { actionKey } from '../../idempotency';
import { actorUser, whereOfAction } from '../../interaction-where';
import { decodeIntent } from '../../slack-payload';
import type { SlackContext } from '../../slack-context';

export { SHARE_ACTION_ID };

/**
 * "Share in channel" on a private answer: the answer is made again (what it shows may have moved
 * on; access is checked again for the person who shares) and posted for everyone. Only intents
 * that read are run from this button, whatever its value says.
 */
export function shareButton(ctx: SlackContext) {
  return async ({ ack, body, action }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    await ctx.ackFirst.turn();
    const intent = decodeIntent(action.value);
    const where = { ...whereOfAction(body, action.action_id), ...(intent ? { asked: { intent } } : {}) };
    if (!intent || !isShareable(intent)) {
      await ctx.presenter.tell(where, 'That button is from an older version of this app and no longer works. Run the command again to get a fresh one.');
      return;
    }
    if (!(await ctx.deps.claimEvent(actionKey(body.trigger_id, action.action_id)))) return;
    const result = await ctx.deps.flows.handle(intent, slackActor(actorUser(body), where.channel));
    await ctx.presenter.share(result, where);
  };
}
